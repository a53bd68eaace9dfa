import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../../db/index.ts'
import { OPEN } from '../appeals/index.ts'
import type { StatsWindow } from '../contract/index.ts'

/** The city's clock: days and months are counted in Kyiv time, as residents read them. */
const ZONE = 'Europe/Kyiv'

/** Whether a timestamp falls on a day of the window, Kyiv time (both ends inclusive). */
export function inWindow(at: RawBuilder<unknown>, window: StatsWindow): RawBuilder<boolean> {
  return sql<boolean>`(${at} >= (${window.from}::date)::timestamp AT TIME ZONE ${ZONE}
                  AND ${at} < (${window.to}::date + 1)::timestamp AT TIME ZONE ${ZONE})`
}

/** `YYYY-MM` of a timestamp, Kyiv time. */
export function kyivMonth(at: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`to_char(${at} AT TIME ZONE ${ZONE}, 'YYYY-MM')`
}

/** Whether the appeal (alias `a`) still waits for the city's answer. */
export const isOpen = sql<boolean>`(a.status IN (${OPEN}))`

/** Whether the appeal (alias `a`) is open and past its due date now: the city is late. */
export const isOverdue = sql<boolean>`(a.status IN (${OPEN}) AND now() > a.due_at)`

/**
 * Whether the appeal (alias `a`) counts as resolved in the window: it is resolved now and its
 * resolution falls in the window. A reopened appeal clears `resolved_at`, so it counts again
 * only once it is resolved anew.
 */
export function resolvedIn(window: StatsWindow): RawBuilder<boolean> {
  return sql<boolean>`(a.status = 'resolved' AND ${inWindow(sql`a.resolved_at`, window)})`
}

/** Days from filing to resolution of the appeal (alias `a`), fractional. */
export const daysToResolution = sql<number>`(extract(epoch FROM a.resolved_at - a.created_at) / 86400)`

/** Which of a stats query's names exist: the city, the categories among those asked, the district in that city. */
export interface KnownStatsFilters {
  city: boolean
  categories: string[]
  district: boolean
}

/** Looks up the names a stats query filters by (a district is checked only when given). */
export async function knownStatsFilters(db: Kysely<DB>, q: { city: string; categories: readonly string[]; district?: number | undefined }): Promise<KnownStatsFilters> {
  const { rows } = await sql<KnownStatsFilters>`
    SELECT EXISTS (SELECT 1 FROM cities WHERE id = ${q.city}) AS city,
           coalesce((SELECT array_agg(id) FROM appeal_categories WHERE id = ANY(${q.categories}::text[])), '{}') AS categories,
           EXISTS (SELECT 1 FROM districts WHERE id = ${q.district ?? null}::int AND city_id = ${q.city}) AS district`.execute(db)
  // A SELECT without FROM always answers one row.
  return rows[0] ?? { city: false, categories: [], district: false }
}
