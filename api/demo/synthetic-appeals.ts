/**
 * Synthetic demo appeals: about a year of residents' appeals for each demo city, so the map,
 * the lists and the statistics have something to show. Each city's plan (see
 * `synthetic-appeal-plan.ts`) is written in one transaction with a handful of bulk
 * statements. The appeals are marked `synthetic`, carry no contact data, and leave no audit
 * rows or mail behind.
 */
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { digest, newToken } from '../auth/index.ts'
import { planSyntheticAppeals, type PlannedAppeal } from './synthetic-appeal-plan.ts'
import {
  analyzeAppealsLayer,
  drawAppealIds,
  findSeedingState,
  insertAppeals,
  insertEvents,
  insertSupporters,
  loadCategories,
  lockCitySeeding,
  numberRows,
  placeRows,
  publishAppeals,
  stageRows,
  type StagedRow,
} from './synthetic-appeals.queries.ts'
import { seedFor } from './seeded-random.ts'

/** How many synthetic appeals each demo city gets, roughly by population. */
export const SYNTHETIC_APPEAL_COUNTS: Readonly<Record<string, number>> = { kyiv: 1600, kharkiv: 800, zhytomyr: 450, marhanets: 150 }

/** The seed of the demo's synthetic appeals. */
export const DEMO_APPEALS_SEED = 20_260_301

/** A random digest, hex: no one holds the token behind it, yet the columns demand unique values. */
function randomHash(): string {
  return digest(newToken()).toString('hex')
}

function toStagedRow(appeal: PlannedAppeal, ord: number, id: number): StagedRow {
  return {
    ord,
    id,
    category_id: appeal.category,
    created_at: appeal.createdAt,
    updated_at: appeal.events.at(-1)!.at,
    description: appeal.description,
    answers: appeal.answers,
    is_public: appeal.isPublic,
    status: appeal.status,
    due_at: appeal.dueAt,
    extended_at: appeal.extendedAt,
    resolved_at: appeal.resolvedAt,
    confirmed_at: appeal.confirmedAt,
    reopen_count: appeal.reopenCount,
    rejection_reason: appeal.rejectionReason,
    duplicate_of: appeal.duplicateOf,
    tracking_token_hash: randomHash(),
    supporter_hashes: Array.from({ length: appeal.supporters }, randomHash),
    events: appeal.events.map((e) => ({
      at: e.at, kind: e.kind, from_status: e.from, to_status: e.to, by_organisation: e.byOrganisation,
      response: e.response, reason: e.reason, due_at: e.dueAt,
    })),
    anchor: appeal.place.anchor,
    distance_m: appeal.place.distanceM,
    bearing: appeal.place.bearing,
  }
}

/**
 * Plans and writes one city's synthetic appeals in the open transaction. Returns how many it
 * wrote: 0 when the city has them already, is not in the database, or has no boundary.
 */
async function writeCity(trx: Transaction<DB>, city: string, count: number, seed: number): Promise<number> {
  await lockCitySeeding(trx, city)
  const found = await findSeedingState(trx, city)
  if (!found?.ready || found.seeded) return 0
  const plan = planSyntheticAppeals({ seed, city, count, now: found.now, categories: await loadCategories(trx) })
  const ids = await drawAppealIds(trx, plan.length)
  await stageRows(trx, plan.map((appeal, ord) => toStagedRow(appeal, ord, ids[ord]!)))
  // ST_GeneratePoints wants a positive int4 seed.
  await placeRows(trx, city, (seedFor(seed, city) % 2_147_483_646) + 1)
  await numberRows(trx, city)
  await insertAppeals(trx, city)
  await insertEvents(trx)
  await insertSupporters(trx, found.now)
  await publishAppeals(trx)
  await analyzeAppealsLayer(trx, city)
  return plan.length
}

/** Options of {@link seedSyntheticAppeals}. */
export interface SyntheticAppealOptions {
  /** Default {@link DEMO_APPEALS_SEED}. */
  seed?: number
  /** Appeals per city; default {@link SYNTHETIC_APPEAL_COUNTS}. */
  counts?: Readonly<Record<string, number>>
}

/**
 * Gives each demo city its synthetic appeals, each city in one transaction. A city that
 * already has synthetic appeals is left alone, so running this at every start adds nothing
 * after the first, and an interrupted run finishes the remaining cities next time. Logs one
 * line per city written.
 */
export async function seedSyntheticAppeals(db: Kysely<DB>, log: (line: string) => void = () => {}, options: SyntheticAppealOptions = {}): Promise<void> {
  const seed = options.seed ?? DEMO_APPEALS_SEED
  for (const [city, count] of Object.entries(options.counts ?? SYNTHETIC_APPEAL_COUNTS)) {
    const started = Date.now()
    const written = await db.transaction().execute((trx) => writeCity(trx, city, count, seed))
    if (written) log(`demo appeals: ${city} — ${written} synthetic appeals in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
}
