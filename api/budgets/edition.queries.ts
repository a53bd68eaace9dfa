import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import type { BudgetPhaseName, BudgetRules, SizeClass, VotingMethod } from '../contract/index.ts'
import type { PhaseWindow } from './phases.ts'

/** A pot as written: the whole city or a district, maybe one class of it. */
export interface PotInput {
  district_id: number | null
  size_class: SizeClass | null
  money: number
  max_cost: number | null
}

/** The key a pot is named by in proposals, ballots and results: `city`, `d3`, `d3:small`. */
export function potKey(pot: Pick<PotInput, 'district_id' | 'size_class'>): string {
  return `${pot.district_id === null ? 'city' : `d${pot.district_id}`}${pot.size_class ? `:${pot.size_class}` : ''}`
}

/** An edition as its pages read it, with its phase now by the database's clock. */
export interface EditionRow {
  id: number
  city_id: string
  year: number
  title: LocalizedJson
  description: LocalizedJson
  total: number
  voting: VotingMethod
  votes_per_voter: number
  min_cost: number
  max_cost: number | null
  verified_only: boolean
  min_age: number | null
  residence_declaration: boolean
  min_votes: number
  past: boolean
  synthetic: boolean
  results_computed_at: Date | null
  ballots_sha256: string | null
  created_at: Date
  phases: Array<{ name: BudgetPhaseName; starts_at: string; ends_at: string }>
  phase: BudgetPhaseName | null
  pots: Array<{ key: string; district_id: number | null; district_name: string | null; size_class: SizeClass | null; money: number; max_cost: number | null }>
  submitted: number
  feasible: number
  winners: number
}

const EDITION_SELECT = sql`
  SELECT e.id, e.city_id, e.year, e.title, e.description, e.total, e.voting, e.votes_per_voter, e.min_cost, e.max_cost,
         e.verified_only, e.min_age, e.residence_declaration, e.min_votes, e.past, e.synthetic,
         e.results_computed_at, e.ballots_sha256, e.created_at,
         coalesce((SELECT jsonb_agg(jsonb_build_object('name', p.name,
                    'starts_at', to_char(p.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'ends_at', to_char(p.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY p.starts_at)
                     FROM budget_phases p WHERE p.edition_id = e.id), '[]') AS phases,
         (SELECT p.name FROM budget_phases p WHERE p.edition_id = e.id AND p.starts_at <= now() AND now() < p.ends_at LIMIT 1) AS phase,
         coalesce((SELECT jsonb_agg(jsonb_build_object('key', k.key, 'district_id', k.district_id, 'district_name', d.name,
                    'size_class', k.size_class, 'money', k.money, 'max_cost', k.max_cost) ORDER BY d.name NULLS FIRST, k.key)
                     FROM budget_pots k LEFT JOIN districts d ON d.id = k.district_id WHERE k.edition_id = e.id), '[]') AS pots,
         (SELECT count(*) FROM budget_proposals x WHERE x.edition_id = e.id AND x.status IN ('submitted', 'feasible', 'not_feasible'))::int AS submitted,
         (SELECT count(*) FROM budget_proposals x WHERE x.edition_id = e.id AND x.status = 'feasible')::int AS feasible,
         (SELECT count(*) FROM budget_results r WHERE r.edition_id = e.id AND r.won AND e.results_computed_at IS NOT NULL)::int AS winners
    FROM budget_editions e`

/** The editions of a city (or all), the latest year first. */
export async function listEditions(db: Kysely<DB>, cityId?: string): Promise<EditionRow[]> {
  const where = cityId ? sql`WHERE e.city_id = ${cityId}` : sql``
  return (await sql<EditionRow>`${EDITION_SELECT} ${where} ORDER BY e.year DESC, e.id DESC`.execute(db)).rows
}

/** One edition, or undefined. */
export async function findEdition(db: Kysely<DB>, id: number): Promise<EditionRow | undefined> {
  return (await sql<EditionRow>`${EDITION_SELECT} WHERE e.id = ${id}`.execute(db)).rows[0]
}

/** Locks an edition's row for a change of its rules, phases or money; undefined when there is none. */
export async function lockEdition(trx: Transaction<DB>, id: number): Promise<EditionRow | undefined> {
  const locked = await trx.selectFrom('budget_editions').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
  return locked && findEdition(trx, id)
}

/** Where the database's clock is against a phase: before it, during it, after it, or the phase is missing. */
export async function phaseState(db: Kysely<DB>, editionId: number, name: BudgetPhaseName): Promise<'before' | 'on' | 'after' | 'missing'> {
  const row = await sql<{ state: 'before' | 'on' | 'after' }>`
    SELECT CASE WHEN now() < starts_at THEN 'before' WHEN now() < ends_at THEN 'on' ELSE 'after' END AS state
      FROM budget_phases WHERE edition_id = ${editionId} AND name = ${name}`.execute(db)
  return row.rows[0]?.state ?? 'missing'
}

/** The districts of a city among the ids given: the ones that exist. */
export async function cityDistrictIds(db: Kysely<DB>, cityId: string, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('districts').select('id').where('city_id', '=', cityId).where('id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}

/** A city's name, or undefined when there is no such city. */
export async function cityName(db: Kysely<DB>, cityId: string): Promise<LocalizedJson | undefined> {
  return (await db.selectFrom('cities').select('name').where('id', '=', cityId).executeTakeFirst())?.name
}

/** The licence and attribution of a layer, or undefined when there is no such layer. */
export async function layerSource(db: Kysely<DB>, layerId: string): Promise<{ licence: string; attribution: string } | undefined> {
  return db.selectFrom('layers').select(['licence', 'attribution']).where('id', '=', layerId).executeTakeFirst()
}

/** A new edition as it is written. */
export interface NewEdition {
  city: string
  year: number
  title: LocalizedJson
  description: LocalizedJson
  total: number
  rules: BudgetRules
  past?: boolean
  synthetic?: boolean
  createdBy: number | null
}

/** Writes an edition's row; its phases and pots are written apart. Returns its id. */
export async function insertEdition(trx: Transaction<DB>, e: NewEdition): Promise<number> {
  const row = await trx
    .insertInto('budget_editions')
    .values({
      city_id: e.city,
      year: e.year,
      title: JSON.stringify(e.title),
      description: JSON.stringify(e.description),
      total: e.total,
      ...rulesColumns(e.rules),
      voting: e.rules.voting,
      votes_per_voter: e.rules.votes_per_voter,
      past: e.past ?? false,
      synthetic: e.synthetic ?? false,
      created_by: e.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

function rulesColumns(r: Partial<BudgetRules>) {
  return {
    ...(r.voting !== undefined && { voting: r.voting }),
    ...(r.votes_per_voter !== undefined && { votes_per_voter: r.votes_per_voter }),
    ...(r.min_cost !== undefined && { min_cost: r.min_cost }),
    ...(r.max_cost !== undefined && { max_cost: r.max_cost }),
    ...(r.verified_only !== undefined && { verified_only: r.verified_only }),
    ...(r.min_age !== undefined && { min_age: r.min_age }),
    ...(r.residence_declaration !== undefined && { residence_declaration: r.residence_declaration }),
    ...(r.min_votes !== undefined && { min_votes: r.min_votes }),
  }
}

/** Changes an edition's own fields (not its phases or pots). */
export async function updateEdition(
  trx: Transaction<DB>,
  id: number,
  change: { year?: number; title?: LocalizedJson; description?: LocalizedJson; total?: number; rules?: Partial<BudgetRules> },
): Promise<void> {
  await trx
    .updateTable('budget_editions')
    .set({
      ...(change.year !== undefined && { year: change.year }),
      ...(change.title !== undefined && { title: JSON.stringify(change.title) }),
      ...(change.description !== undefined && { description: JSON.stringify(change.description) }),
      ...(change.total !== undefined && { total: change.total }),
      ...rulesColumns(change.rules ?? {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute()
}

/** Replaces an edition's phases. */
export async function replacePhases(trx: Transaction<DB>, editionId: number, phases: readonly PhaseWindow[]): Promise<void> {
  await trx.deleteFrom('budget_phases').where('edition_id', '=', editionId).execute()
  if (phases.length === 0) return
  await trx
    .insertInto('budget_phases')
    .values(phases.map((p) => ({ edition_id: editionId, name: p.name, starts_at: p.startsAt, ends_at: p.endsAt })))
    .execute()
}

/**
 * Replaces an edition's pots. Proposals keep the key they were counted under; a pot that a
 * proposal still names cannot go (the foreign key refuses it).
 */
export async function replacePots(trx: Transaction<DB>, editionId: number, pots: readonly PotInput[]): Promise<void> {
  const keys = pots.map(potKey)
  await trx
    .deleteFrom('budget_pots')
    .where('edition_id', '=', editionId)
    .$if(keys.length > 0, (q) => q.where('key', 'not in', keys))
    .execute()
  if (pots.length === 0) return
  await trx
    .insertInto('budget_pots')
    .values(pots.map((p) => ({ edition_id: editionId, key: potKey(p), district_id: p.district_id, size_class: p.size_class, money: p.money, max_cost: p.max_cost })))
    .onConflict((oc) => oc.columns(['edition_id', 'key']).doUpdateSet((eb) => ({ money: eb.ref('excluded.money'), max_cost: eb.ref('excluded.max_cost') })))
    .execute()
}
