/**
 * The demo consultation: the synthetic zoning plan of central Kyiv under public consultation,
 * opened ten days before the demo was loaded and open for twenty more, with the synthetic
 * comments of the demo resident and the demo planner's answers. Written with the consultation
 * module's own queries (its extent, receipts and answers as the API makes them) in one
 * transaction; like the synthetic appeals, it leaves no mail behind.
 */
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { findManagedLayer } from '../../layers/index.ts'
import { answerComment, findCommentTarget, insertComment, insertConsultation, nextReceipt } from '../consultations/index.ts'
import type { CommentGeometry } from '../contract/index.ts'
import { DEMO_ACCOUNTS } from './demo-accounts.ts'
import { DEMO_COMMENTS, DEMO_CONSULTATION_DESCRIPTION, DEMO_CONSULTATION_TITLE, type DemoComment } from './demo-consultation-texts.ts'
import {
  backdateComment,
  backdateConsultation,
  findAccountId,
  findLayerConsultation,
  listZonedFeatures,
  lockDemoConsultation,
  unlockDemoConsultation,
  type ZonedFeature,
} from './demo-consultation.queries.ts'
import { DEMO_ZONING_LAYER, DEMO_ZONING_SEED, publishDemoZoningPlan } from './demo-zoning-plan.ts'
import { type Random, seededRandom, seedFor, uniform } from './seeded-random.ts'

const DAY_MS = 86_400_000

/** How many days before the load the demo consultation opened, and how many after it it closes. */
export const DEMO_CONSULTATION_WINDOW = { daysBefore: 10, daysAfter: 20 }

/** How far from a parcel a comment pinned at a point lies, in metres: well within the extent's 100 m margin. */
const POINT_OFFSET_M = { min: 15, max: 45 }

const emailOf = (role: 'planner' | 'resident') => DEMO_ACCOUNTS.find((a) => a.role === role)!.email

/** Takes one feature of the zone out of `features`, in the seed's order. */
function takeFeature(features: ZonedFeature[], zone: string, random: Random): ZonedFeature {
  const ofZone = features.filter((f) => f.zone === zone)
  if (ofZone.length === 0) throw new Error(`The demo zoning plan has no feature left in the zone ${zone}`)
  const chosen = ofZone[Math.floor(random() * ofZone.length)]!
  features.splice(features.indexOf(chosen), 1)
  return chosen
}

/** A point a few tens of metres from the feature's own point, in a seeded direction. */
function pointBeside(feature: ZonedFeature, random: Random): CommentGeometry {
  const distance = uniform(random, POINT_OFFSET_M.min, POINT_OFFSET_M.max)
  const bearing = uniform(random, 0, 2 * Math.PI)
  const dLat = (distance * Math.cos(bearing)) / 111_320
  const dLon = (distance * Math.sin(bearing)) / (111_320 * Math.cos((feature.lat * Math.PI) / 180))
  const round = (x: number) => Math.round(x * 1e7) / 1e7
  return { type: 'Point', coordinates: [round(feature.lon + dLon), round(feature.lat + dLat)] }
}

/** Where a comment goes: on its feature, or at a point beside one. */
function placeOf(comment: DemoComment, feature: ZonedFeature, random: Random) {
  return comment.on === 'feature' ? { layerId: DEMO_ZONING_LAYER, featureId: feature.id } : { geometry: pointBeside(feature, random) }
}

/**
 * Opens the consultation on the plan and writes its comments and answers, in the open
 * transaction. Returns how many comments it wrote: 0 when the plan has a consultation already.
 */
async function writeConsultation(trx: Transaction<DB>, users: { planner: number; resident: number }, now: Date): Promise<number> {
  if ((await findLayerConsultation(trx, DEMO_ZONING_LAYER)) !== undefined) return 0
  const startsAt = new Date(now.getTime() - DEMO_CONSULTATION_WINDOW.daysBefore * DAY_MS)
  const endsAt = new Date(now.getTime() + DEMO_CONSULTATION_WINDOW.daysAfter * DAY_MS)
  const id = await insertConsultation(trx, {
    layerId: DEMO_ZONING_LAYER,
    title: DEMO_CONSULTATION_TITLE,
    description: DEMO_CONSULTATION_DESCRIPTION,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    createdBy: users.planner,
  })
  await backdateConsultation(trx, id, new Date(startsAt.getTime() - DAY_MS))
  const target = (await findCommentTarget(trx, id))!
  const features = await listZonedFeatures(trx, DEMO_ZONING_LAYER)
  const random = seededRandom(seedFor(DEMO_ZONING_SEED, 'comments'))
  for (const comment of DEMO_COMMENTS) {
    const place = placeOf(comment, takeFeature(features, comment.zone, random), random)
    const receipt = await nextReceipt(trx, target)
    const commentId = await insertComment(trx, { consultationId: id, receipt, authorId: users.resident, text: comment.text, layerRevision: target.revision, place })
    const createdAt = new Date(startsAt.getTime() + comment.day * DAY_MS)
    if (comment.answer) await answerComment(trx, commentId, { outcome: comment.answer.outcome, text: comment.answer.text, userId: users.planner })
    await backdateComment(trx, commentId, createdAt, comment.answer ? new Date(createdAt.getTime() + comment.answer.afterDays * DAY_MS) : null)
  }
  return DEMO_COMMENTS.length
}

/**
 * Gives the demo its planning consultation: publishes the synthetic zoning plan (as the demo
 * planner) unless it exists, then opens the consultation with its comments unless the plan has
 * one. Running it again adds nothing; a plan a planner has since taken out of the
 * `consultation` status gets no new consultation. Needs the demo accounts and Kyiv's parcels;
 * without them it logs why and writes nothing.
 */
export async function seedDemoConsultation(db: Kysely<DB>, log: (line: string) => void = () => {}): Promise<void> {
  await db.connection().execute(async (conn) => {
    await lockDemoConsultation(conn)
    try {
      const [planner, resident] = [await findAccountId(conn, emailOf('planner')), await findAccountId(conn, emailOf('resident'))]
      if (planner === undefined || resident === undefined) {
        log('demo consultation: skipped, the demo planner or resident account is missing')
        return
      }
      const now = new Date()
      if (!(await findManagedLayer(conn, DEMO_ZONING_LAYER))) {
        const started = Date.now()
        const parcels = await publishDemoZoningPlan(conn, planner, new Date(now.getTime() - 30 * DAY_MS))
        if (parcels === 0) {
          log('demo consultation: skipped, the Kyiv land parcels are not loaded')
          return
        }
        log(`demo consultation: ${DEMO_ZONING_LAYER} — ${parcels} parcels given synthetic zones in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      }
      if ((await findManagedLayer(conn, DEMO_ZONING_LAYER))?.status !== 'consultation') return
      const written = await conn.transaction().execute((trx) => writeConsultation(trx, { planner, resident }, now))
      if (written) log(`demo consultation: ${written} synthetic comments on ${DEMO_ZONING_LAYER}`)
    } finally {
      await unlockDemoConsultation(conn)
    }
  })
}
