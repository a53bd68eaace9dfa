import { randomUUID } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { bodyText, expectProblem, makeApp, type TestApp } from '../testing.ts'
import { appealFacts, daysAgo, daysBetween, isOverdueNow, isResolvedIn, OPEN, roundTo, signIn, within, type AppealFact } from './stats-test-helpers.ts'

let database: Database
let app: TestApp['app']
const executors: Array<{ id: number; name: string }> = []

const WINDOW = { from: daysAgo(300), to: daysAgo(2) }
const URL = `/api/stats/internal?city=kyiv&from=${WINDOW.from}&to=${WINDOW.to}`

beforeAll(async () => {
  database = await openTestDatabase()
  // Sign-ins come from addresses of their own, so no other test's rate-limit window is touched.
  ;({ app } = await makeApp(database, { trustProxy: true }))
  // The demo appeals have no executor yet: two test executors take some, one of them in two
  // organisations, so that a manager's view can leave part of her work out.
  const run = randomUUID().slice(0, 8)
  for (const label of ['А', 'Б']) {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO users (email, name) VALUES (${`stats-${label === 'А' ? 'a' : 'b'}-${run}@test.local`}, ${`Виконавиця ${label} ${run}`}) RETURNING id::int AS id`.execute(database.db)
    executors.push({ id: rows[0]!.id, name: `Виконавиця ${label} ${run}` })
  }
  const [a, b] = [executors[0]!, executors[1]!]
  await sql`UPDATE appeals SET executor_id = ${a.id} WHERE city_id = 'kyiv' AND executor_id IS NULL AND organisation_id = 'kyiv-roads' AND id % 3 = 0`.execute(database.db)
  await sql`UPDATE appeals SET executor_id = ${a.id} WHERE city_id = 'kyiv' AND executor_id IS NULL AND organisation_id <> 'kyiv-roads' AND id % 4 = 1`.execute(database.db)
  await sql`UPDATE appeals SET executor_id = ${b.id} WHERE city_id = 'kyiv' AND executor_id IS NULL AND organisation_id <> 'kyiv-roads' AND id % 4 = 2`.execute(database.db)
})

afterAll(async () => {
  // Deleting the users sets the appeals' executor back to none.
  await sql`DELETE FROM users WHERE id = ANY(${executors.map((e) => e.id)}::bigint[])`.execute(database.db)
  await database.close()
})

/** One row's figures, worked out from the appeals themselves. */
function expectedFigures(appeals: AppealFact[]) {
  const filed = appeals.filter((a) => within(a.created_at, WINDOW.from, WINDOW.to))
  const resolved = appeals.filter((a) => isResolvedIn(a, WINDOW.from, WINDOW.to))
  const inTerm = resolved.filter((a) => a.resolved_at! <= a.due_at).length
  const reopened = resolved.filter((a) => a.reopen_count > 0).length
  const responses = filed.filter((a) => a.first_status_at).map((a) => daysBetween(a.created_at, a.first_status_at!))
  return {
    load: filed.filter((a) => OPEN.includes(a.status)).length,
    overdue: filed.filter(isOverdueNow).length,
    resolved: resolved.length,
    resolved_in_term: inTerm,
    resolved_in_term_share: resolved.length ? roundTo(inTerm / resolved.length, 4) : null,
    reopened,
    reopen_rate: resolved.length ? roundTo(reopened / resolved.length, 4) : null,
    avg_response_days: responses.length ? roundTo(responses.reduce((s, d) => s + d, 0) / responses.length, 1) : null,
  }
}

/** The whole internal answer for a reader limited to `organisation` (null: every organisation). */
async function expectedStats(organisation: string | null) {
  const facts = (await appealFacts(database.db, 'kyiv')).filter((a) => organisation === null || a.organisation_id === organisation)
  const orgs = await sql<{ id: string; name: { uk: string; en: string } }>`SELECT id, name FROM organisations WHERE city_id = 'kyiv'`.execute(database.db)
  const users = await sql<{ id: number; name: string }>`SELECT id::int AS id, name FROM users`.execute(database.db)
  const touched = facts.filter((a) => a.executor_id !== null && (within(a.created_at, WINDOW.from, WINDOW.to) || isResolvedIn(a, WINDOW.from, WINDOW.to)))
  const executorIds = [...new Set(touched.map((a) => a.executor_id!))]
  return {
    city: 'kyiv',
    ...WINDOW,
    organisation,
    organisations: orgs.rows
      .filter((o) => organisation === null || o.id === organisation)
      .sort((x, y) => (x.id < y.id ? -1 : 1))
      .map((o) => ({ id: o.id, name: o.name, ...expectedFigures(facts.filter((a) => a.organisation_id === o.id)) })),
    executors: executorIds
      .map((id) => ({ id, name: users.rows.find((u) => u.id === id)!.name, ...expectedFigures(facts.filter((a) => a.executor_id === id)) }))
      .sort((x, y) => x.id - y.id),
  }
}

type InternalBody = Awaited<ReturnType<typeof expectedStats>>

async function getInternal(headers: Record<string, string>, url = URL): Promise<InternalBody> {
  const res = await app.request(url, { headers })
  expect(res.status).toBe(200)
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(res.headers.get('Cache-Control')).toBe('private, no-store')
  const body = (await res.json()) as InternalBody
  // Executors come by name; compared by id, the database's collation cannot matter.
  return { ...body, executors: [...body.executors].sort((x, y) => x.id - y.id) }
}

describe('GET /api/stats/internal', () => {
  it('asks an anonymous reader to sign in, before reading the query', async () => {
    await expectProblem(await app.request(URL), 401)
    await expectProblem(await app.request('/api/stats/internal?city=nowhere&from=yesterday'), 401)
  })

  it.each([
    ['resident@demo.local', 'demo-resident'],
    ['executor@demo.local', 'demo-executor'],
  ])('refuses %s with a 403 problem', async (email, password) => {
    await expectProblem(await app.request(URL, { headers: await signIn(app, email, password) }), 403)
  })

  it('shows a moderator every organisation of the city and every executor, as the appeals count them', async () => {
    const body = await getInternal(await signIn(app, 'moderator@demo.local', 'demo-moderator'))
    expect(body).toEqual(await expectedStats(null))
    expect(body.organisations.length).toBeGreaterThan(1)
    expect(body.executors.map((e) => e.id)).toEqual(expect.arrayContaining(executors.map((e) => e.id)))
  })

  it('shows a manager only her organisation, and her executors only with its appeals', async () => {
    const body = await getInternal(await signIn(app, 'manager@demo.local', 'demo-manager'))
    expect(body).toEqual(await expectedStats('kyiv-roads'))
    expect(body.organisations.map((o) => o.id)).toEqual(['kyiv-roads'])
    expect(body.executors.map((e) => e.id)).toContain(executors[0]!.id)
    expect(body.executors.map((e) => e.id)).not.toContain(executors[1]!.id)
    expect(body.organisations[0]!.load + body.organisations[0]!.resolved).toBeGreaterThan(0)
  })

  it('names executors without their e-mail', async () => {
    const text = await (await app.request(URL, { headers: await signIn(app, 'moderator@demo.local', 'demo-moderator') })).text()
    expect(text).toContain(executors[0]!.name)
    expect(text).not.toContain('@test.local')
  })

  it('gives the same figures as CSV', async () => {
    const headers = await signIn(app, 'manager@demo.local', 'demo-manager')
    const body = await getInternal(headers)
    const res = await app.request(`${URL}&format=csv`, { headers })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const rows = parse(await bodyText(res), { bom: true, columns: true, cast: (v) => (v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v) }) as Array<Record<string, unknown>>
    const figures = ({ load, overdue, resolved, resolved_in_term, resolved_in_term_share, reopened, reopen_rate, avg_response_days }: InternalBody['organisations'][number]) =>
      ({ load, overdue, resolved, resolved_in_term, resolved_in_term_share, reopened, reopen_rate, avg_response_days })
    expect(rows.filter((r) => r.scope === 'organisation')).toEqual(body.organisations.map((o) => ({ scope: 'organisation', id: o.id, name: o.name.uk, ...figures(o) })))
    expect(rows.filter((r) => r.scope === 'executor').sort((x, y) => Number(x.id) - Number(y.id))).toEqual(body.executors.map((e) => ({ scope: 'executor', id: e.id, name: e.name, ...figures(e as never) })))
  })

  it.each([
    ['from after to', `city=kyiv&from=2026-03-01&to=2026-02-01`, 'query.from'],
    ['an unknown city', `city=atlantis`, 'query.city'],
    ['a date with SQL', `city=kyiv&to=${encodeURIComponent("2026-01-01' OR '1'='1")}`, 'query.to'],
  ])('refuses %s from a moderator with a 400 problem', async (_, query, field) => {
    const body = await expectProblem(await app.request(`/api/stats/internal?${query}`, { headers: await signIn(app, 'moderator@demo.local', 'demo-moderator') }), 400)
    expect((body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual([field])
  })
})
