/**
 * Ground truth for the stats tests: the appeals and their timelines read with plain SELECTs,
 * and every figure worked out here in JavaScript, so a mistake in the endpoints' SQL cannot
 * hide in a test that repeats it. Also signing in, as the auth tests do.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { signIn as signInWithPassword } from '../auth/testing.ts'
import type { App } from '../index.ts'

/** One appeal, as stored. */
export interface AppealFact {
  id: number
  status: string
  category_id: string
  district_id: number | null
  organisation_id: string | null
  executor_id: number | null
  is_public: boolean
  synthetic: boolean
  reopen_count: number
  created_at: Date
  due_at: Date
  resolved_at: Date | null
  /** When staff first changed its status, from the timeline; null if they have not. */
  first_status_at: Date | null
}

/** Every appeal of a city, public or not, with the time of its first status change. */
export async function appealFacts(db: Kysely<DB>, city: string): Promise<AppealFact[]> {
  const appeals = await sql<Omit<AppealFact, 'first_status_at'>>`
    SELECT id::int AS id, status, category_id, district_id, organisation_id, executor_id::int AS executor_id, is_public,
           synthetic, reopen_count, created_at, due_at, resolved_at
      FROM appeals WHERE city_id = ${city}`.execute(db)
  const events = await sql<{ appeal_id: number; at: Date }>`
    SELECT e.appeal_id::int AS appeal_id, e.at FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id
     WHERE a.city_id = ${city} AND e.kind = 'status'`.execute(db)
  const first = new Map<number, Date>()
  for (const e of events.rows) {
    const seen = first.get(e.appeal_id)
    if (!seen || e.at < seen) first.set(e.appeal_id, e.at)
  }
  return appeals.rows.map((a) => ({ ...a, first_status_at: first.get(a.id) ?? null }))
}

const kyivDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' })

/** The Kyiv calendar day of an instant, `YYYY-MM-DD`. */
export const kyivDay = (at: Date): string => kyivDate.format(at)

/** A Kyiv day `days` before today. */
export const daysAgo = (days: number): string => kyivDay(new Date(Date.now() - days * 86_400_000))

export const OPEN = ['new', 'registered', 'assigned', 'in_progress', 'extended']

/** Whether an instant falls on a day of the window (both ends inclusive). */
export const within = (at: Date | null, from: string, to: string): boolean => at !== null && kyivDay(at) >= from && kyivDay(at) <= to

export const isResolvedIn = (a: AppealFact, from: string, to: string) => a.status === 'resolved' && within(a.resolved_at, from, to)
export const isOverdueNow = (a: AppealFact) => OPEN.includes(a.status) && a.due_at.getTime() < Date.now()

export const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 86_400_000

export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export const roundTo = (value: number | null, decimals: number) => (value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals)

/** How many items share each key, as a plain object. */
export function tally<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1
  return counts
}

/** Signs in to `app` (which must trust X-Forwarded-For); returns the Cookie header of the session. */
export async function signIn(app: App, email: string, password: string): Promise<Record<string, string>> {
  return { Cookie: (await signInWithPassword(app, email, password)).cookie }
}
