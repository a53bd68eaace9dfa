import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { addDays, APPEAL_STATUSES, type AppealAction, type AppealCategory, type AppealState, type AppealStatus, checkAnswers, listCategories, nextStatus, OPEN_STATUSES } from '../appeals/index.ts'
import { planSyntheticAppeals, type PlanOptions } from './synthetic-appeal-plan.ts'
import { seedSyntheticAppeals, SYNTHETIC_APPEAL_COUNTS } from './synthetic-appeals.ts'

let database: Database
let categories: AppealCategory[]

beforeAll(async () => {
  database = await openTestDatabase()
  categories = await listCategories(database.db)
})
afterAll(async () => {
  await database.close()
})

const NOW = new Date('2026-03-15T10:00:00Z')

function planOptions(overrides: Partial<PlanOptions> = {}): PlanOptions {
  return { seed: 42, city: 'kyiv', count: 400, now: NOW, categories: categories.map((c) => ({ id: c.id, termDays: c.termDays })), ...overrides }
}

describe('planning synthetic appeals', () => {
  it('plans the same appeals from the same seed and moment', () => {
    expect(planSyntheticAppeals(planOptions())).toEqual(planSyntheticAppeals(planOptions()))
  })

  it('plans other appeals from another seed', () => {
    const categoriesOf = (seed: number) => planSyntheticAppeals(planOptions({ seed })).map((a) => a.category)
    expect(categoriesOf(43)).not.toEqual(categoriesOf(42))
  })

  it('spreads the appeals over the year before the moment, oldest first, each timeline within it', () => {
    const plan = planSyntheticAppeals(planOptions())
    const times = plan.map((a) => a.createdAt.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(Math.min(...times)).toBeGreaterThanOrEqual(addDays(NOW, -365).getTime())
    for (const a of plan) expect(a.events.at(-1)!.at.getTime()).toBeLessThanOrEqual(NOW.getTime())
  })

  it('answers only the questions a category asks, with values of their types', () => {
    const byId = new Map(categories.map((c) => [c.id, c]))
    for (const a of planSyntheticAppeals(planOptions({ count: 1500 }))) {
      expect(checkAnswers(byId.get(a.category)!, a.answers).errors, a.category).toEqual([])
    }
  })

  it('repeats only an earlier appeal of the same category', () => {
    const plan = planSyntheticAppeals(planOptions({ count: 1500 }))
    const duplicates = plan.flatMap((a, i) => (a.duplicateOf === null ? [] : [{ a, i, original: plan[a.duplicateOf]! }]))
    expect(duplicates.length).toBeGreaterThan(0)
    for (const { a, i, original } of duplicates) {
      expect(a.duplicateOf).toBeLessThan(i)
      expect(original.category).toBe(a.category)
    }
  })
})

interface Row {
  id: number
  number: string
  city_id: string
  code: string
  status: AppealStatus
  category_id: string
  created_at: Date
  due_at: Date
  extended_at: Date | null
  resolved_at: Date | null
  confirmed_at: Date | null
  reopen_count: number
  term_days: number
}

interface EventRow {
  appeal_id: number
  at: Date
  kind: 'created' | 'status' | 'extended' | 'confirmed' | 'reopened'
  from_status: AppealStatus | null
  to_status: AppealStatus
  reason: string | null
  due_at: Date | null
  organisation_id: string | null
}

async function syntheticAppeals(): Promise<Row[]> {
  return (
    await sql<Row>`
      SELECT a.id, a.number, a.city_id, c.code, a.status, a.category_id, a.created_at, a.due_at, a.extended_at,
             a.resolved_at, a.confirmed_at, a.reopen_count, k.term_days
        FROM appeals a JOIN cities c ON c.id = a.city_id JOIN appeal_categories k ON k.id = a.category_id
       WHERE a.synthetic ORDER BY a.id`.execute(database.db)
  ).rows
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1
  return counts
}

/** The lifecycle action a timeline entry records. */
function actionOf(e: EventRow): AppealAction {
  if (e.kind === 'extended') return { kind: 'extend', dueAt: e.due_at!, reason: e.reason ?? '' }
  if (e.kind === 'confirmed') return { kind: 'confirm' }
  if (e.kind === 'reopened') return { kind: 'reopen', reason: e.reason ?? '' }
  const byTarget: Partial<Record<AppealStatus, AppealAction>> = {
    registered: { kind: 'register' },
    assigned: { kind: 'assign', organisationId: e.organisation_id ?? '' },
    in_progress: { kind: 'start' },
    resolved: { kind: 'resolve' },
    rejected: { kind: 'reject', reason: e.reason ?? '' },
    duplicate: { kind: 'mark-duplicate', duplicateOf: 0 },
  }
  return byTarget[e.to_status]!
}

/** Replays a timeline through the state machine; returns what went wrong, or nothing. */
function replay(appeal: Row, events: EventRow[]): string[] {
  const [created, ...steps] = events
  const dueAt = addDays(appeal.created_at, appeal.term_days)
  if (created?.kind !== 'created' || created.at.getTime() !== appeal.created_at.getTime() || created.due_at?.getTime() !== dueAt.getTime()) {
    return ['does not start with its filing and term']
  }
  let state: AppealState = { status: 'new', createdAt: appeal.created_at, dueAt, extendedAt: null, resolvedAt: null, confirmedAt: null }
  let reopens = 0
  let last = created.at
  const wrong: string[] = []
  for (const e of steps) {
    if (e.at.getTime() <= last.getTime()) wrong.push(`${e.kind} at ${e.at.toISOString()} is not after the step before`)
    if (e.from_status !== state.status) wrong.push(`${e.kind} from ${e.from_status} while ${state.status}`)
    const action = actionOf(e)
    try {
      const to = nextStatus(state, action, e.at)
      if (to !== e.to_status) wrong.push(`${action.kind} led to ${to}, recorded ${e.to_status}`)
      state = { ...state, status: to }
    } catch (err) {
      wrong.push(`${action.kind} refused: ${(err as Error).message}`)
    }
    if (action.kind === 'extend') state = { ...state, dueAt: action.dueAt, extendedAt: e.at }
    if (action.kind === 'resolve') state = { ...state, resolvedAt: e.at }
    if (action.kind === 'confirm') state = { ...state, confirmedAt: e.at }
    if (action.kind === 'reopen') {
      state = { ...state, resolvedAt: null }
      reopens += 1
    }
    last = e.at
  }
  const replayed = JSON.stringify([state.status, state.dueAt, state.extendedAt, state.resolvedAt, state.confirmedAt, reopens])
  const stored = JSON.stringify([appeal.status, appeal.due_at, appeal.extended_at, appeal.resolved_at, appeal.confirmed_at, appeal.reopen_count])
  if (replayed !== stored) wrong.push(`ends as ${replayed}, stored as ${stored}`)
  return wrong
}

function byAppeal(events: EventRow[]): Map<number, EventRow[]> {
  const timelines = new Map<number, EventRow[]>()
  for (const e of events) timelines.set(e.appeal_id, [...(timelines.get(e.appeal_id) ?? []), e])
  return timelines
}

describe('the synthetic demo appeals', () => {
  it('give each demo city its share', async () => {
    expect(countBy(await syntheticAppeals(), (a) => a.city_id)).toEqual(SYNTHETIC_APPEAL_COUNTS)
  })

  it('cover every status and every category', async () => {
    const appeals = await syntheticAppeals()
    expect(Object.keys(countBy(appeals, (a) => a.status)).sort()).toEqual([...APPEAL_STATUSES].sort())
    expect(Object.keys(countBy(appeals, (a) => a.category_id)).sort()).toEqual(categories.map((c) => c.id).sort())
  })

  it('include confirmed, reopened, extended and overdue appeals', async () => {
    const appeals = await syntheticAppeals()
    const now = Date.now()
    expect(appeals.filter((a) => a.confirmed_at).length).toBeGreaterThan(100)
    expect(appeals.filter((a) => a.reopen_count > 0).length).toBeGreaterThan(20)
    expect(appeals.filter((a) => a.extended_at).length).toBeGreaterThan(50)
    expect(appeals.filter((a) => OPEN_STATUSES.includes(a.status) && a.due_at.getTime() < now).length).toBeGreaterThan(50)
  })

  it('lie inside their city boundary, in the district that contains them', async () => {
    const { rows } = await sql<{ outside: number; misplaced: number }>`
      SELECT count(*) FILTER (WHERE NOT ST_Intersects(c.boundary, a.geom))::int AS outside,
             count(*) FILTER (WHERE a.district_id IS DISTINCT FROM
               (SELECT d.id FROM districts d WHERE d.city_id = a.city_id AND ST_Intersects(d.geom, a.geom) ORDER BY d.id LIMIT 1))::int AS misplaced
        FROM appeals a JOIN cities c ON c.id = a.city_id WHERE a.synthetic`.execute(database.db)
    expect(rows[0]).toEqual({ outside: 0, misplaced: 0 })
  })

  it('go to the organisation the routing picks', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM appeals
       WHERE synthetic AND organisation_id IS DISTINCT FROM route_appeal(city_id, category_id, district_id)`.execute(database.db)
    expect(rows[0]!.n).toBe(0)
  })

  it('have timelines the state machine accepts, ending in the stored state', async () => {
    const appeals = await syntheticAppeals()
    const events = (
      await sql<EventRow>`
        SELECT e.appeal_id, e.at, e.kind, e.from_status, e.to_status, e.reason, e.due_at, e.organisation_id
          FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id
         WHERE a.synthetic ORDER BY e.appeal_id, e.at, e.id`.execute(database.db)
    ).rows
    const timelines = byAppeal(events)
    const wrong = appeals.flatMap((a) => replay(a, timelines.get(a.id) ?? []).map((w) => `${a.number}: ${w}`))
    expect(wrong.slice(0, 10)).toEqual([])
  })

  it('are numbered per city and year in order of filing, below the counters', async () => {
    const appeals = await syntheticAppeals()
    const years = new Map<string, Row[]>()
    for (const a of appeals) {
      const match = new RegExp(`^${a.code}-(\\d{4})-(\\d{6,})$`).exec(a.number)
      expect(match, a.number).not.toBeNull()
      const key = `${a.city_id}:${match![1]}`
      years.set(key, [...(years.get(key) ?? []), a])
    }
    const counters = (await sql<{ city_id: string; year: number; last: number }>`SELECT city_id, year, last FROM appeal_counters`.execute(database.db)).rows
    for (const [key, rows] of years) {
      const sorted = [...rows].sort((a, b) => a.number.localeCompare(b.number))
      const times = sorted.map((a) => a.created_at.getTime())
      expect(times, key).toEqual([...times].sort((a, b) => a - b))
      const counter = counters.find((c) => `${c.city_id}:${c.year}` === key)
      expect(counter!.last, key).toBeGreaterThanOrEqual(Number(sorted.at(-1)!.number.split('-').at(-1)))
    }
  })

  it('show the public ones on the city layer, and no rejected, duplicate or private one', async () => {
    const { rows } = await sql<{ shown: number; private: number; missing: number; leaked: number }>`
      WITH a AS (SELECT *, is_public AND status NOT IN ('rejected', 'duplicate') AS visible FROM appeals WHERE synthetic)
      SELECT count(*) FILTER (WHERE a.visible)::int AS shown,
             count(*) FILTER (WHERE NOT a.is_public)::int AS private,
             count(*) FILTER (WHERE a.visible AND (f.id IS NULL OR f.id <> a.feature_id OR NOT (f.properties->>'synthetic')::boolean))::int AS missing,
             count(*) FILTER (WHERE NOT a.visible AND (a.feature_id IS NOT NULL OR f.id IS NOT NULL))::int AS leaked
        FROM a LEFT JOIN features f ON f.layer_id = a.city_id || '-appeals' AND f.properties->>'number' = a.number`.execute(database.db)
    expect(rows[0]!.shown).toBeGreaterThan(2000)
    expect(rows[0]!.private).toBeGreaterThan(0)
    expect(rows[0]).toMatchObject({ missing: 0, leaked: 0 })
  })

  it('carry no contact data and leave no audit rows or mail', async () => {
    const { rows } = await sql<{ contact: number; audited: number; mailed: number; sourced: number }>`
      SELECT (SELECT count(*) FROM appeals WHERE synthetic AND (contact_name IS NOT NULL OR contact_email IS NOT NULL
                OR contact_phone IS NOT NULL OR show_name OR account_id IS NOT NULL))::int AS contact,
             (SELECT count(*) FROM audit_log l JOIN appeals a ON a.number = l.object_id
               WHERE l.object_type = 'appeal' AND a.synthetic)::int AS audited,
             (SELECT count(*) FROM outbox o JOIN appeals a ON a.synthetic AND position(a.number IN o.subject || o.body) > 0)::int AS mailed,
             (SELECT count(*) FROM appeals WHERE synthetic AND source <> 'synthetic')::int AS sourced`.execute(database.db)
    expect(rows[0]).toEqual({ contact: 0, audited: 0, mailed: 0, sourced: 0 })
  })

  it('count each supporter row once', async () => {
    const { rows } = await sql<{ mismatched: number; supported: number }>`
      SELECT count(*) FILTER (WHERE a.supporter_count <> (SELECT count(*) FROM appeal_supporters s WHERE s.appeal_id = a.id))::int AS mismatched,
             count(*) FILTER (WHERE a.supporter_count > 0)::int AS supported
        FROM appeals a WHERE a.synthetic`.execute(database.db)
    expect(rows[0]!.mismatched).toBe(0)
    expect(rows[0]!.supported).toBeGreaterThan(300)
  })

  it('are not added again by a second run', async () => {
    const before = (await syntheticAppeals()).length
    const lines: string[] = []
    await seedSyntheticAppeals(database.db, (line) => lines.push(line))
    expect((await syntheticAppeals()).length).toBe(before)
    expect(lines).toEqual([])
  })
})
