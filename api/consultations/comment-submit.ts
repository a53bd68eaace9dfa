import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { CommentGeometry } from '../contract/index.ts'
import { HttpProblem, problems, type SessionUser } from '../http/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { commentReceiptMail } from './consultation-mail.ts'
import { checkCommentPlace, countCommentOfYear, findCommentTarget, insertComment, layerHasFeature } from './consultation.queries.ts'

/** A resident's comment as the route validated it: a text and exactly one of a drawn place and a feature. */
export interface CommentSubmission {
  consultationId: number
  author: Pick<SessionUser, 'id' | 'email'>
  text: string
  geometry: CommentGeometry | undefined
  featureId: number | undefined
  /** Where the author reads the answer, for the receipt mail. */
  pageUrl: string
}

const unprocessable = (detail: string, field: string, message: string) => new HttpProblem('invalid-input', 422, detail, [{ field, message }])

/** Whether a ring of a polygon does not end where it starts: PostGIS refuses those outright. */
function openRing(geometry: { type: string; coordinates: unknown }): boolean {
  if (geometry.type !== 'Polygon') return false
  return (geometry.coordinates as number[][][]).some((ring) => {
    const [first, last] = [ring[0]!, ring[ring.length - 1]!]
    return first[0] !== last[0] || first[1] !== last[1]
  })
}

/**
 * Files a comment in one transaction: checks the window by the database clock (409 naming it),
 * the place (inside the plan's extent) or the feature (of the layer), numbers the receipt per
 * city and year, writes the comment with the layer's current revision, and queues the receipt
 * mail. Returns the comment's id.
 */
export async function submitComment(db: Kysely<DB>, s: CommentSubmission): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const target = await findCommentTarget(trx, s.consultationId)
    if (!target || !target.layer_public) throw problems.notFound('consultation', String(s.consultationId))
    const window = `from ${target.starts_at.toISOString()} to ${target.ends_at.toISOString()}`
    if (target.status === 'upcoming') throw new HttpProblem('conflict', 409, `The consultation takes comments ${window}: it opens at ${target.starts_at.toISOString()}`)
    if (target.status === 'closed') throw new HttpProblem('conflict', 409, `The consultation took comments ${window}: it closed at ${target.ends_at.toISOString()}`)
    if (s.geometry) {
      if (openRing(s.geometry)) throw unprocessable('Each ring of the area must end where it starts', 'body.geometry', 'ring not closed')
      const place = await checkCommentPlace(trx, s.consultationId, s.geometry)
      if (!place.valid) throw unprocessable(`The area is not a valid polygon: ${place.reason}`, 'body.geometry', 'must be a valid geometry')
      if (!place.inside) throw unprocessable("The place is outside the plan's area: comments are pinned within the plan's extent", 'body.geometry', "outside the plan's area")
    } else if (s.featureId === undefined || !(await layerHasFeature(trx, target.layer_id, s.featureId))) {
      throw unprocessable(`Feature ${s.featureId} is not a feature of the layer ${target.layer_id}`, 'body.feature_id', 'must be a feature of the layer')
    }
    const receipt = await nextReceipt(trx, target)
    const place = s.geometry ? { geometry: s.geometry } : { layerId: target.layer_id, featureId: s.featureId! }
    const id = await insertComment(trx, { consultationId: s.consultationId, receipt, authorId: s.author.id, text: s.text, layerRevision: target.revision, place })
    await enqueueMail(trx, commentReceiptMail({ to: s.author.email, receipt, consultation: target.title, pageUrl: s.pageUrl }))
    return id
  })
}

/**
 * The next receipt number of a city's consultation comments this year, `KYIV-K-2026-000042`: the
 * year's counter goes up in the caller's transaction, so a rolled-back comment leaves no gap taken.
 */
export async function nextReceipt(trx: Transaction<DB>, target: { city_id: string; city_code: string; year: number }): Promise<string> {
  const ordinal = await countCommentOfYear(trx, target.city_id, target.year)
  return `${target.city_code}-K-${target.year}-${String(ordinal).padStart(6, '0')}`
}
