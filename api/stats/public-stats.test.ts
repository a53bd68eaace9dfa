import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { bodyText, expectProblem, makeApp, type TestApp } from '../testing.ts'
import { appealFacts, daysAgo, daysBetween, isOverdueNow, isResolvedIn, kyivDay, median, OPEN, roundTo, tally, within, type AppealFact } from './stats-test-helpers.ts'

let database: Database
let app: TestApp['app']
let categoryNames: Map<string, { uk: string; en: string }>
let districtNames: Map<number, string>

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  const categories = await sql<{ id: string; name: { uk: string; en: string } }>`SELECT id, name FROM appeal_categories`.execute(database.db)
  categoryNames = new Map(categories.rows.map((c) => [c.id, c.name]))
  const districts = await sql<{ id: number; name: string }>`SELECT id, name FROM districts`.execute(database.db)
  districtNames = new Map(districts.rows.map((d) => [d.id, d.name]))
})

afterAll(async () => {
  await database.close()
})

const STATUSES = ['new', 'registered', 'assigned', 'in_progress', 'extended', 'resolved', 'rejected', 'duplicate']

interface Request {
  city: string
  from: string
  to: string
  category?: string[]
  district?: number
}

/** The months a window touches, walked day by day. */
function monthsOf(from: string, to: string): string[] {
  const months = new Set<string>()
  for (let t = Date.parse(`${from}T12:00:00Z`); t <= Date.parse(`${to}T12:00:00Z`); t += 86_400_000) months.add(new Date(t).toISOString().slice(0, 7))
  return [...months]
}

/** The whole public answer, worked out from the appeals themselves. */
function expectedStats(facts: AppealFact[], r: Request) {
  const scoped = facts.filter((a) => a.is_public && (!r.category || r.category.includes(a.category_id)) && (!r.district || a.district_id === r.district))
  const filed = scoped.filter((a) => within(a.created_at, r.from, r.to))
  const resolved = scoped.filter((a) => isResolvedIn(a, r.from, r.to))
  const byStatus = tally(filed, (a) => a.status)
  const byCategory = tally(filed, (a) => a.category_id)
  const byDistrict = tally(filed, (a) => String(a.district_id))
  const createdByMonth = tally(filed, (a) => kyivDay(a.created_at).slice(0, 7))
  const resolvedByMonth = tally(resolved, (a) => kyivDay(a.resolved_at!).slice(0, 7))
  const inTerm = resolved.filter((a) => a.resolved_at! <= a.due_at).length
  const districts = Object.entries(byDistrict).map(([id, count]) => (id === 'null' ? { id: null, name: null, count } : { id: Number(id), name: districtNames.get(Number(id))!, count }))
  return {
    city: r.city,
    licence: 'CC-BY-4.0',
    attribution: 'Hromada Map residents',
    from: r.from,
    to: r.to,
    filters: { category: r.category ?? null, district: r.district ?? null },
    totals: {
      appeals: filed.length,
      open: filed.filter((a) => OPEN.includes(a.status)).length,
      overdue: filed.filter(isOverdueNow).length,
      synthetic: filed.filter((a) => a.synthetic).length,
    },
    by_status: STATUSES.map((status) => ({ status, count: byStatus[status] ?? 0 })),
    by_category: Object.entries(byCategory)
      .map(([id, count]) => ({ id, name: categoryNames.get(id)!, count }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
    by_district: [
      ...districts.filter((d) => d.id !== null).sort((a, b) => b.count - a.count || a.name!.localeCompare(b.name!, 'uk')),
      ...districts.filter((d) => d.id === null),
    ],
    by_month: monthsOf(r.from, r.to).map((month) => ({ month, created: createdByMonth[month] ?? 0, resolved: resolvedByMonth[month] ?? 0 })),
    resolution: {
      resolved: resolved.length,
      median_days: roundTo(median(resolved.map((a) => daysBetween(a.created_at, a.resolved_at!))), 1),
      in_term: inTerm,
      in_term_share: resolved.length ? roundTo(inTerm / resolved.length, 4) : null,
    },
  }
}

function statsUrl(r: Partial<Request>, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams(extra)
  if (r.city) query.set('city', r.city)
  if (r.from) query.set('from', r.from)
  if (r.to) query.set('to', r.to)
  if (r.category) query.set('category', r.category.join(','))
  if (r.district) query.set('district', String(r.district))
  return `/api/stats/appeals?${query}`
}

async function getStats(r: Partial<Request>) {
  const res = await app.request(statsUrl(r))
  expect(res.status).toBe(200)
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
  return { res, body: (await res.json()) as ReturnType<typeof expectedStats> }
}

// Windows end two days ago, so appeals other tests file meanwhile stay out of them.
const PAST_WINDOW = { from: daysAgo(240), to: daysAgo(2) }

describe('GET /api/stats/appeals', () => {
  it.each(['kyiv', 'marhanets'])('counts every figure of %s over a past window as the appeals themselves do', async (city) => {
    const r = { city, ...PAST_WINDOW }
    const { body } = await getStats(r)
    expect(body).toEqual(expectedStats(await appealFacts(database.db, city), r))
    expect(body.totals.appeals).toBeGreaterThan(0)
    expect(body.resolution.resolved).toBeGreaterThan(0)
  })

  it('defaults to the current month and the eleven before it, and counts Kharkiv over that', async () => {
    const { body } = await getStats({ city: 'kharkiv' })
    const today = kyivDay(new Date())
    const first = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 12, 1)).toISOString().slice(0, 10)
    expect([body.from, body.to]).toEqual([first, today])
    expect(body.by_month).toHaveLength(12)
    expect(body).toEqual(expectedStats(await appealFacts(database.db, 'kharkiv'), { city: 'kharkiv', from: first, to: today }))
  })

  it('counts only the appeals of the chosen categories and district', async () => {
    const facts = await appealFacts(database.db, 'zhytomyr')
    const inWindow = facts.filter((a) => a.is_public && a.district_id !== null && within(a.created_at, PAST_WINDOW.from, PAST_WINDOW.to))
    const busiest = Object.entries(tally(inWindow, (a) => String(a.district_id))).sort((a, b) => b[1] - a[1])[0]![0]
    const r = { city: 'zhytomyr', ...PAST_WINDOW, category: ['pothole', 'street-light', 'waste-overflow'], district: Number(busiest) }
    const { body } = await getStats(r)
    expect(body).toEqual(expectedStats(facts, r))
    expect(body.totals.appeals).toBeGreaterThan(0)
    expect(body.by_category.map((c) => c.id).every((id) => r.category.includes(id))).toBe(true)
  })

  it('leaves private appeals out', async () => {
    const facts = await appealFacts(database.db, 'kyiv')
    const { body } = await getStats({ city: 'kyiv', ...PAST_WINDOW })
    const all = facts.filter((a) => within(a.created_at, PAST_WINDOW.from, PAST_WINDOW.to))
    expect(all.some((a) => !a.is_public)).toBe(true)
    expect(body.totals.appeals).toBe(all.filter((a) => a.is_public).length)
  })

  it('is cacheable for a minute by anyone', async () => {
    const { res } = await getStats({ city: 'zhytomyr' })
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=60')
  })

  it('gives the same figures as CSV: figure, key, value, with the licence', async () => {
    const r = { city: 'kyiv', ...PAST_WINDOW, category: ['pothole', 'sidewalk'] }
    const { body } = await getStats(r)
    const res = await app.request(statsUrl(r, { format: 'csv' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="appeal-stats-kyiv-${r.from}-${r.to}.csv"`)
    expect(res.headers.get('X-Licence')).toBe('CC-BY-4.0')
    const rows = parse(await bodyText(res), { bom: true }) as string[][]
    const value = (v: number | string | null) => (v === null ? '' : String(v))
    expect(rows).toEqual([
      ['figure', 'key', 'value'],
      ['city', '', 'kyiv'],
      ['from', '', r.from],
      ['to', '', r.to],
      ['filter.category', '', 'pothole'],
      ['filter.category', '', 'sidewalk'],
      ['licence', '', 'CC-BY-4.0'],
      ['attribution', '', 'Hromada Map residents'],
      ...Object.entries(body.totals).map(([k, v]) => [`totals.${k}`, '', value(v)]),
      ...body.by_status.map((s) => ['by_status', s.status, value(s.count)]),
      ...body.by_category.map((c) => ['by_category', c.id, value(c.count)]),
      ...body.by_district.map((d) => ['by_district', value(d.id), value(d.count)]),
      ...body.by_month.map((m) => ['created_per_month', m.month, value(m.created)]),
      ...body.by_month.map((m) => ['resolved_per_month', m.month, value(m.resolved)]),
      ...Object.entries(body.resolution).map(([k, v]) => [`resolution.${k}`, '', value(v)]),
    ])
  })
})

describe('GET /api/stats/appeals with hostile input', () => {
  const ok = { city: 'kyiv' }
  it.each<[string, Record<string, string>, string]>([
    ['no city', {}, 'query.city'],
    ['an unknown city', { city: 'atlantis' }, 'query.city'],
    ['SQL in the city', { city: "kyiv' OR 1=1 --" }, 'query.city'],
    ['a very long city', { city: 'k'.repeat(5000) }, 'query.city'],
    ['a month that does not exist', { ...ok, from: '2025-13-01' }, 'query.from'],
    ['a day that does not exist', { ...ok, to: '2025-02-30' }, 'query.to'],
    ['a date in words', { ...ok, from: 'yesterday' }, 'query.from'],
    ['a date with SQL', { ...ok, from: "2025-01-01'; DROP TABLE appeals; --" }, 'query.from'],
    ['a year far in the past', { ...ok, from: '0001-01-01' }, 'query.from'],
    ['a five-digit year', { ...ok, to: '99999-12-31' }, 'query.to'],
    ['from after to', { ...ok, from: '2026-03-01', to: '2026-02-01' }, 'query.from'],
    ['a window of decades', { ...ok, from: '2000-01-01', to: '2099-12-31' }, 'query.to'],
    ['a negative district', { ...ok, district: '-1' }, 'query.district'],
    ['a huge district', { ...ok, district: '99999999999999999999' }, 'query.district'],
    ['a district in hex', { ...ok, district: '0x10' }, 'query.district'],
    ['an unknown category', { ...ok, category: 'pothole,unicorns' }, 'query.category'],
    ['a path for a category', { ...ok, category: '../../etc/passwd' }, 'query.category.0'],
    ['an empty category', { ...ok, category: '' }, 'query.category.0'],
    ['an unknown format', { ...ok, format: 'xml' }, 'query.format'],
  ])('refuses %s with a 400 problem naming the field', async (_, query, field) => {
    const body = await expectProblem(await app.request(`/api/stats/appeals?${new URLSearchParams(query)}`), 400)
    expect(body.type).toBe('/problems/invalid-input')
    expect((body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field)
  })

  it('refuses a district of another city with a 400 problem', async () => {
    const kharkiv = (await sql<{ id: number }>`SELECT min(id) AS id FROM districts WHERE city_id = 'kharkiv'`.execute(database.db)).rows[0]!.id
    const body = await expectProblem(await app.request(`/api/stats/appeals?city=kyiv&district=${kharkiv}`), 400)
    expect(body.errors).toEqual([{ field: 'query.district', message: `no district ${kharkiv} in kyiv` }])
  })
})
