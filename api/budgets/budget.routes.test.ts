import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { jpegWithGps } from '../appeals/testing.ts'
import { digest, newToken, SESSION_COOKIE } from '../auth/index.ts'
import { lastMail, type SignedIn, signInAs } from '../auth/testing.ts'
import { createApp, type App } from '../index.ts'
import { checkedAgainstContract } from '../openapi/index.ts'
import { bodyBytes, decodeTile, expectProblem, testAppDeps, tileProperties } from '../testing.ts'
import { TileService } from '../../tiles/index.ts'
import { parseBallotsCsv } from './ballots-csv.ts'
import { computeResults } from './results.ts'

let database: Database
let app: App
let admin: SignedIn
let resident: SignedIn
/** Two Kyiv districts and a point well inside each. */
let districtA: { id: number; name: string; lon: number; lat: number }
let districtB: { id: number; name: string; lon: number; lat: number }

const HOUR = 3_600_000
const DAY = 24 * HOUR
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()

type Phase = { name: string; starts_at: string; ends_at: string }
/** Phases with submission open now, then review, voting, results and implementation a day each. */
const submissionNow = (): Phase[] => [
  { name: 'submission', starts_at: iso(-DAY), ends_at: iso(DAY) },
  { name: 'review', starts_at: iso(DAY), ends_at: iso(2 * DAY) },
  { name: 'voting', starts_at: iso(2 * DAY), ends_at: iso(3 * DAY) },
  { name: 'results', starts_at: iso(3 * DAY), ends_at: iso(4 * DAY) },
  { name: 'implementation', starts_at: iso(4 * DAY), ends_at: iso(400 * DAY) },
]
/** The same edition moved on: submission and review over, voting open now. */
const votingNow = (): Phase[] => [
  { name: 'submission', starts_at: iso(-3 * DAY), ends_at: iso(-2 * DAY) },
  { name: 'review', starts_at: iso(-2 * DAY), ends_at: iso(-HOUR) },
  { name: 'voting', starts_at: iso(-HOUR), ends_at: iso(DAY) },
  { name: 'results', starts_at: iso(DAY), ends_at: iso(2 * DAY) },
  { name: 'implementation', starts_at: iso(2 * DAY), ends_at: iso(400 * DAY) },
]
/** Voting over, results now. */
const resultsNow = (): Phase[] => [
  { name: 'submission', starts_at: iso(-4 * DAY), ends_at: iso(-3 * DAY) },
  { name: 'review', starts_at: iso(-3 * DAY), ends_at: iso(-2 * DAY) },
  { name: 'voting', starts_at: iso(-2 * DAY), ends_at: iso(-HOUR) },
  { name: 'results', starts_at: iso(-HOUR), ends_at: iso(DAY) },
  { name: 'implementation', starts_at: iso(DAY), ends_at: iso(400 * DAY) },
]

const RULES = { voting: 'approval', votes_per_voter: 3, min_cost: 10_000, max_cost: 2_000_000, verified_only: false }

async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status)
  return (await res.json()) as T
}

async function createEdition(body: Record<string, unknown> = {}): Promise<{ id: number; [k: string]: unknown }> {
  const res = await admin.post('/api/budgets', {
    city: 'kyiv',
    year: 2026,
    title: { uk: 'Тестовий бюджет участі', en: 'Test participatory budget' },
    total: 10_000_000,
    rules: RULES,
    phases: submissionNow(),
    ...body,
  })
  return json(res, 201)
}

const patch = (who: SignedIn, path: string, body: unknown) => who.request(path, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const put = (who: SignedIn, path: string, body: unknown) => who.request(path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

/** A square of `size` degrees around a point. */
function square(lon: number, lat: number, size = 0.001) {
  const h = size / 2
  return { type: 'Polygon', coordinates: [[[lon - h, lat - h], [lon + h, lat - h], [lon + h, lat + h], [lon - h, lat + h], [lon - h, lat - h]]] }
}

function proposal(over: Record<string, unknown> = {}) {
  return {
    title: 'Спортивний майданчик у дворі',
    description: 'Тренажери, гумове покриття та лавки для мешканців кварталу.',
    category: 'sport',
    geometry: { type: 'Point', coordinates: [districtA.lon, districtA.lat] },
    cost_items: [
      { name: 'Тренажери', amount: 150_000 },
      { name: 'Покриття', amount: 90_000 },
    ],
    ...over,
  }
}

/** A resident with a confirmed address (and, when asked, an identity from the provider), signed in. */
async function newVoter(verified = false): Promise<SignedIn & { id: number }> {
  const email = `voter-${randomUUID()}@example.com`
  const { rows } = await sql<{ id: number }>`INSERT INTO users (email, name, email_confirmed_at) VALUES (${email}, 'Voter', now()) RETURNING id`.execute(database.db)
  const id = rows[0]!.id
  await sql`INSERT INTO user_roles (user_id, role) VALUES (${id}, 'resident')`.execute(database.db)
  if (verified) await sql`INSERT INTO user_identities (issuer, subject, user_id, provider) VALUES ('https://id.example', ${randomUUID()}, ${id}, 'oidc')`.execute(database.db)
  const token = newToken()
  await sql`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (${digest(token)}, ${id}, now() + interval '1 day')`.execute(database.db)
  const cookie = `${SESSION_COOKIE}=${token}`
  const request = (path: string, init: RequestInit = {}) =>
    Promise.resolve(app.request(path, { ...init, headers: { Cookie: cookie, Origin: 'http://localhost', 'X-Forwarded-For': `voter-${id}`, ...(init.headers as Record<string, string> | undefined) } }))
  return { id, cookie, request, get: (path) => request(path), post: (path, body = {}) => request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }) }
}

/** An edition in the voting phase with `count` feasible proposals in district A, each costing `cost`. */
async function editionOnTheBallot(count: number, over: Record<string, unknown> = {}, cost = 100_000): Promise<{ id: number; proposals: string[] }> {
  const edition = await createEdition(over)
  const proposals: string[] = []
  for (let i = 0; i < count; i++) {
    const p = await json<{ id: string }>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal({ title: `Проєкт ${i + 1}`, cost_items: [{ name: 'Роботи', amount: cost + i }] })), 201)
    await json(await admin.post(`/api/budgets/${edition.id}/proposals/${p.id}/review`, { feasible: true }), 200)
    proposals.push(p.id)
  }
  await json(await patch(admin, `/api/budgets/${edition.id}`, { phases: votingNow() }), 200)
  return { id: edition.id, proposals }
}

/** An edition counted with one winner, which a resident follows. */
async function followedWinner(): Promise<{ id: number; proposals: string[]; follower: SignedIn & { id: number } }> {
  const { id, proposals } = await editionOnTheBallot(1)
  await json(await put(await newVoter(), `/api/budgets/${id}/ballot`, { proposals }), 200)
  await json(await patch(admin, `/api/budgets/${id}`, { phases: resultsNow() }), 200)
  await json(await admin.post(`/api/budgets/${id}/results`, {}), 200)
  const follower = await newVoter()
  expect((await follower.post(`/api/budgets/${id}/proposals/${proposals[0]}/follow`)).status).toBe(204)
  return { id, proposals, follower }
}

beforeAll(async () => {
  database = await openTestDatabase()
  const tiles = await TileService.create(database.db)
  app = checkedAgainstContract(createApp(testAppDeps(database, tiles, { trustProxy: true })))
  admin = await signInAs(app, 'budget_admin')
  resident = await signInAs(app, 'resident')
  const { rows } = await sql<{ id: number; name: string; lon: number; lat: number }>`
    SELECT id, name, ST_X(p) AS lon, ST_Y(p) AS lat
      FROM (SELECT id, name, ST_PointOnSurface(ST_Buffer(geom::geography, -500)::geometry) AS p FROM districts WHERE city_id = 'kyiv' ORDER BY id LIMIT 2) d`.execute(database.db)
  expect(rows.length, 'the demo data has Kyiv districts').toBe(2)
  ;[districtA, districtB] = rows as [typeof districtA, typeof districtB]
})
afterAll(async () => {
  await sql`DELETE FROM budget_editions WHERE title ->> 'uk' = 'Тестовий бюджет участі'`.execute(database.db)
  await database.close()
})

describe('an edition', () => {
  it('is made by a budget admin with its phases, rules and districts, audited, and read by anyone', async () => {
    const edition = await createEdition({
      pots: [
        { district_id: districtA.id, size_class: 'small', money: 1_000_000, max_cost: 300_000 },
        { district_id: districtA.id, size_class: 'large', money: 2_000_000 },
        { district_id: districtB.id, money: 3_000_000 },
      ],
    })
    expect(edition).toMatchObject({ city: 'kyiv', year: 2026, total: 10_000_000, phase: 'submission', rules: { ...RULES, min_votes: 0 }, layer: 'kyiv-budget-proposals' })
    expect((edition.phases as Phase[]).map((p) => p.name)).toEqual(['submission', 'review', 'voting', 'results', 'implementation'])
    expect(edition.districts).toEqual(expect.arrayContaining([{ id: districtA.id, name: districtA.name, money: 3_000_000 }, { id: districtB.id, name: districtB.name, money: 3_000_000 }]))
    const read = await json(await app.request(`/api/budgets/${edition.id}`), 200)
    expect(read).toEqual(edition)
    const listed = await json<Array<{ id: number }>>(await app.request('/api/budgets?city=kyiv'), 200)
    expect(listed.map((e) => e.id)).toContain(edition.id)
    const { rows } = await sql<{ action: string }>`SELECT action FROM audit_log WHERE object_type = 'budget' AND object_id = ${String(edition.id)}`.execute(database.db)
    expect(rows.map((r) => r.action)).toEqual(['create'])
  })

  it('is refused to a resident, and with phases out of order, money over the total or another city’s district', async () => {
    await expectProblem(await resident.post('/api/budgets', {}), 403)
    const [submission, review] = submissionNow()
    const overlapping = await admin.post('/api/budgets', { city: 'kyiv', year: 2026, title: { uk: 'X', en: '' }, total: 100, rules: RULES, phases: [submission, { ...review, starts_at: iso(0) }] })
    expect(((await expectProblem(overlapping, 422)).errors as Array<{ field: string }>)[0]!.field).toBe('body.phases[1]')
    const over = await admin.post('/api/budgets', { city: 'kyiv', year: 2026, title: { uk: 'X', en: '' }, total: 100, rules: RULES, phases: submissionNow(), pots: [{ district_id: districtA.id, money: 101 }] })
    expect(((await expectProblem(over, 422)).errors as Array<{ field: string }>)[0]!.field).toBe('body.pots')
    const { rows } = await sql<{ id: number }>`SELECT id FROM districts WHERE city_id <> 'kyiv' LIMIT 1`.execute(database.db)
    if (rows[0]) {
      const foreign = await admin.post('/api/budgets', { city: 'kyiv', year: 2026, title: { uk: 'X', en: '' }, total: 100, rules: RULES, phases: submissionNow(), pots: [{ district_id: rows[0].id, money: 50 }] })
      expect(((await expectProblem(foreign, 422)).errors as Array<{ field: string }>)[0]!.field).toBe('body.pots[0].district_id')
    }
    await expectProblem(await admin.post('/api/budgets', { city: 'atlantis', year: 2026, title: { uk: 'X', en: '' }, total: 100, rules: RULES, phases: submissionNow() }), 422)
  })

  it('refuses hostile bodies with the field named', async () => {
    const base = { city: 'kyiv', year: 2026, title: { uk: 'X', en: '' }, total: 100, rules: RULES, phases: submissionNow() }
    for (const [body, field] of [
      [{ ...base, total: -5 }, 'body.total'],
      [{ ...base, total: 1e300 }, 'body.total'],
      [{ ...base, total: 10.5 }, 'body.total'],
      // The request guard refuses a NUL anywhere in a body before any route reads it.
      [{ ...base, title: { uk: 'a\u0000b', en: '' } }, 'body'],
      [{ ...base, title: { uk: '   ', en: '' } }, 'body.title.uk'],
      [{ ...base, rules: { ...RULES, voting: 'borda' } }, 'body.rules.voting'],
      [{ ...base, rules: { ...RULES, votes_per_voter: 0 } }, 'body.rules.votes_per_voter'],
      [{ ...base, phases: [{ name: 'party', starts_at: iso(0), ends_at: iso(DAY) }] }, 'body.phases.0.name'],
      [{ ...base, phases: [{ name: 'voting', starts_at: 'tomorrow', ends_at: iso(DAY) }] }, 'body.phases.0.starts_at'],
      [{ ...base, extra: true }, 'body'],
    ] as const) {
      const problem = await expectProblem(await admin.post('/api/budgets', body), 400)
      expect((problem.errors as Array<{ field: string }>).map((e) => e.field.replace(/\[(\d+)\]/g, '.$1'))).toContain(field)
    }
  })

  it('moves the later phases when a phase is moved later, and refuses given phases that overlap', async () => {
    const edition = await createEdition()
    const [submission] = submissionNow()
    const moved = await json<{ phases: Phase[] }>(await patch(admin, `/api/budgets/${edition.id}`, { phases: [{ ...submission, ends_at: iso(1.5 * DAY) }] }), 200)
    const byName = Object.fromEntries(moved.phases.map((p) => [p.name, p]))
    expect(Date.parse(byName.review!.starts_at)).toBe(Date.parse(byName.submission!.ends_at))
    expect(Date.parse(byName.voting!.starts_at)).toBeGreaterThanOrEqual(Date.parse(byName.review!.ends_at))
    expect(Date.parse(byName.implementation!.ends_at) - Date.parse(byName.implementation!.starts_at)).toBeCloseTo(396 * DAY, -3)
    await expectProblem(await patch(admin, `/api/budgets/${edition.id}`, { phases: [{ name: 'review', starts_at: iso(DAY), ends_at: iso(3 * DAY) }, { name: 'voting', starts_at: iso(2 * DAY), ends_at: iso(4 * DAY) }] }), 422)
    const { rows } = await sql<{ action: string }>`SELECT action FROM audit_log WHERE object_type = 'budget' AND object_id = ${String(edition.id)} ORDER BY id`.execute(database.db)
    expect(rows.map((r) => r.action)).toEqual(['create', 'update'])
  })
})

describe('a proposal', () => {
  it('is placed by a resident: district from the place, cost from the items, the pre-check with it', async () => {
    const edition = await createEdition({ pots: [{ district_id: districtA.id, money: 3_000_000 }, { district_id: districtB.id, money: 3_000_000 }] })
    const created = await json<Record<string, unknown>>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal({ geometry: square(districtB.lon, districtB.lat) })), 201)
    expect(created).toMatchObject({ district: { id: districtB.id, name: districtB.name }, pot: `d${districtB.id}`, cost: 240_000, status: 'submitted', mine: true })
    expect(created.precheck).toMatchObject({ district: { id: districtB.id }, land: expect.any(Array), nearby: expect.any(Array), hints: expect.any(Array) })
    const again = await json<Record<string, unknown>>(await app.request(`/api/budgets/${edition.id}/proposals/${String(created.id)}`), 200)
    expect(again).toMatchObject({ id: created.id, mine: false, cost: 240_000 })
    // The public layer has it, with no author.
    const { rows } = await sql<{ properties: Record<string, unknown> }>`SELECT f.properties FROM budget_proposals p JOIN features f ON f.id = p.feature_id WHERE p.id = ${Number(created.id)}`.execute(database.db)
    expect(rows[0]!.properties).toMatchObject({ proposal: created.id, stage: 'submitted', shape: 'area', edition: edition.id, cost: 240_000, synthetic: false })
    expect(JSON.stringify(rows[0]!.properties)).not.toContain('demo.local')
  })

  it('sees the land under it, the open appeals and the other proposals near it', async () => {
    const edition = await createEdition()
    const parcel = (await sql<{ lon: number; lat: number; ownership: string }>`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat, properties ->> 'ownership' AS ownership
        FROM features WHERE layer_id = 'kyiv-land-parcels' AND properties ->> 'ownership' IS NOT NULL ORDER BY id LIMIT 1`.execute(database.db)).rows[0]
    expect(parcel, 'the demo data has Kyiv parcels').toBeDefined()
    const at = { type: 'Point', coordinates: [parcel!.lon, parcel!.lat] }
    const first = await json<{ id: string }>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal({ geometry: at })), 201)
    const check = await json<{ land: Array<{ layer: string; ownership: string; ownership_text: string }>; nearby: Array<{ kind: string; id: string }>; hints: Array<{ code: string }> }>(
      await app.request(`/api/budgets/${edition.id}/precheck`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ geometry: at }) }),
      200,
    )
    expect(check.land[0]).toMatchObject({ layer: 'kyiv-land-parcels', ownership_text: parcel!.ownership })
    expect(['communal', 'state']).toContain(check.land[0]!.ownership)
    expect(check.nearby).toContainEqual(expect.objectContaining({ kind: 'proposal', id: first.id }))
    expect(check.hints.map((h) => h.code)).toContain('proposals-nearby')
  })

  it('is refused outside the submission phase, outside the funded districts, over the cost limits and with a broken area', async () => {
    const edition = await createEdition({ pots: [{ district_id: districtA.id, money: 3_000_000 }] })
    const outside = await resident.post(`/api/budgets/${edition.id}/proposals`, proposal({ geometry: { type: 'Point', coordinates: [districtB.lon, districtB.lat] } }))
    expect(((await expectProblem(outside, 422)).errors as Array<{ field: string }>)[0]!.field).toBe('body.geometry')
    const bowtie = { type: 'Polygon', coordinates: [[[districtA.lon, districtA.lat], [districtA.lon + 0.001, districtA.lat + 0.001], [districtA.lon + 0.001, districtA.lat], [districtA.lon, districtA.lat + 0.001], [districtA.lon, districtA.lat]]] }
    expect(((await expectProblem(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal({ geometry: bowtie })), 422)).errors as Array<{ field: string }>)[0]!.field).toBe('body.geometry')
    await expectProblem(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal({ cost_items: [{ name: 'x', amount: 5_000_000 }] })), 422)
    await expectProblem(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal({ cost_items: [{ name: 'x', amount: 500 }] })), 422)
    for (const hostile of [{ title: 'x'.repeat(201) }, { cost_items: [] }, { cost_items: [{ name: 'x', amount: -1 }] }, { geometry: { type: 'Point', coordinates: [200, 50] } }, { geometry: { type: 'LineString', coordinates: [[30, 50], [31, 51]] } }, { category: '' }, { category: 'x'.repeat(61) }]) {
      await expectProblem(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal(hostile)), 400)
    }
    await json(await patch(admin, `/api/budgets/${edition.id}`, { phases: votingNow() }), 200)
    const late = await expectProblem(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal()), 409)
    expect(late.detail).toMatch(/over/)
    await expectProblem(await app.request(`/api/budgets/${edition.id}/proposals`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' }, body: JSON.stringify(proposal()) }), 401)
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM budget_proposals WHERE edition_id = ${edition.id}`.execute(database.db)
    expect(rows[0]!.n).toBe(0)
  })

  it('is kept as a draft, seen by its author only, edited and submitted later', async () => {
    const edition = await createEdition()
    const draft = await json<{ id: string; status: string }>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal({ draft: true })), 201)
    expect(draft.status).toBe('draft')
    await expectProblem(await app.request(`/api/budgets/${edition.id}/proposals/${draft.id}`), 404)
    const other = await newVoter()
    await expectProblem(await patch(other, `/api/budgets/${edition.id}/proposals/${draft.id}`, { title: 'Моє' }), 404)
    const edited = await json<{ cost: number; title: string }>(await patch(resident, `/api/budgets/${edition.id}/proposals/${draft.id}`, { title: 'Дитячий майданчик', cost_items: [{ name: 'Гойдалки', amount: 70_000 }] }), 200)
    expect(edited).toMatchObject({ title: 'Дитячий майданчик', cost: 70_000 })
    const mine = await json<Array<{ id: string }>>(await resident.get(`/api/budgets/${edition.id}/proposals?mine=1`), 200)
    expect(mine.map((p) => p.id)).toContain(draft.id)
    expect((await json<Array<{ id: string }>>(await app.request(`/api/budgets/${edition.id}/proposals`), 200)).map((p) => p.id)).not.toContain(draft.id)
    const submitted = await json<{ status: string; precheck: unknown }>(await resident.post(`/api/budgets/${edition.id}/proposals/${draft.id}/submit`), 200)
    expect(submitted.status).toBe('submitted')
    expect(submitted.precheck).not.toBeNull()
  })
})

describe('the proposals layer', () => {
  it('serves each public proposal in the catalogue, the features, the tiles, the exports and the style, with no author', async () => {
    const edition = await createEdition()
    const p = await json<{ id: string }>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal({ title: 'Лавки вздовж набережної' })), 201)
    const catalogue = await json<Array<{ id: string; geometry_type: string }>>(await app.request('/api/layers?city=kyiv'), 200)
    expect(catalogue).toContainEqual(expect.objectContaining({ id: 'kyiv-budget-proposals', geometry_type: 'point' }))
    const features = await json<{ features: Array<{ properties: Record<string, unknown> }> }>(await app.request('/api/layers/kyiv-budget-proposals/features?limit=1000'), 200)
    const mine = features.features.find((f) => f.properties.proposal === p.id)
    expect(mine?.properties).toMatchObject({ title: 'Лавки вздовж набережної', stage: 'submitted', year: 2026 })
    const exported = await app.request('/api/layers/kyiv-budget-proposals/export.geojson')
    expect(exported.status).toBe(200)
    const text = await exported.text()
    expect(text).toContain('Лавки вздовж набережної')
    expect(text).not.toMatch(/demo\.local|author/)
    // The tile at z14 holding the proposal's point.
    const [lon, lat] = [districtA.lon, districtA.lat]
    const z = 14
    const x = Math.floor(((lon + 180) / 360) * 2 ** z)
    const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z)
    const tile = await app.request(`/tiles/kyiv-budget-proposals/${z}/${x}/${y}.mvt`)
    expect(tile.status).toBe(200)
    expect(tileProperties(decodeTile(await bodyBytes(tile)), 'kyiv-budget-proposals').map((f) => f.proposal)).toContain(p.id)
    const style = await json<{ layers: Array<{ id: string }> }>(await app.request('/styles/kyiv.json'), 200)
    expect(style.layers.map((l) => l.id)).toContain('kyiv-budget-proposals')
  })
})

describe('co-authors', () => {
  it('join with the link the author shares, write the draft with them, and are only counted in public', async () => {
    const edition = await createEdition()
    const draft = await json<{ id: string }>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal({ draft: true })), 201)
    const base = `/api/budgets/${edition.id}/proposals/${draft.id}`
    const [coauthor, stranger] = [await newVoter(), await newVoter()]
    await expectProblem(await stranger.post(`${base}/coauthor-invitation`), 404)
    const first = await json<{ token: string; url: string }>(await resident.post(`${base}/coauthor-invitation`), 201)
    expect(first.url).toContain(`/budgets/${edition.id}/proposals/${draft.id}?join=${first.token}`)
    const invitation = await json<{ token: string }>(await resident.post(`${base}/coauthor-invitation`), 201)
    await expectProblem(await coauthor.post(`${base}/coauthors`, { token: first.token }), 404)
    await expectProblem(await coauthor.post(`${base}/coauthors`, { token: 'x' }), 400)
    const joined = await json<{ mine: boolean; co_authors: number }>(await coauthor.post(`${base}/coauthors`, { token: invitation.token }), 200)
    expect(joined).toMatchObject({ mine: true, co_authors: 1 })
    expect((await json<{ title: string }>(await patch(coauthor, base, { title: 'Майданчик для всього кварталу' }), 200)).title).toBe('Майданчик для всього кварталу')
    expect((await json<Array<{ id: string }>>(await coauthor.get(`/api/budgets/${edition.id}/proposals?mine=1`), 200)).map((p) => p.id)).toContain(draft.id)
    await expectProblem(await patch(stranger, base, { title: 'Чуже' }), 404)
    await json(await coauthor.post(`${base}/submit`), 200)
    const seen = await json<Record<string, unknown>>(await app.request(base), 200)
    expect(seen).toMatchObject({ co_authors: 1, mine: false })
    expect(JSON.stringify(seen)).not.toMatch(/voter-|demo\.local|coauthor_ids/)
  })
})

describe('withdrawing', () => {
  it('takes a proposal back before its review, off the public list, by its authors only', async () => {
    const edition = await createEdition()
    const p = await json<{ id: string }>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal()), 201)
    await expectProblem(await (await newVoter()).post(`/api/budgets/${edition.id}/proposals/${p.id}/withdraw`), 403)
    expect((await json<{ status: string }>(await resident.post(`/api/budgets/${edition.id}/proposals/${p.id}/withdraw`), 200)).status).toBe('withdrawn')
    expect((await json<Array<{ id: string }>>(await app.request(`/api/budgets/${edition.id}/proposals`), 200)).map((x) => x.id)).not.toContain(p.id)
    await expectProblem(await app.request(`/api/budgets/${edition.id}/proposals/${p.id}`), 404)
    const { rows } = await sql<{ feature_id: number | null }>`SELECT feature_id FROM budget_proposals WHERE id = ${Number(p.id)}`.execute(database.db)
    expect(rows[0]!.feature_id).toBeNull()
    const reviewed = await json<{ id: string }>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal()), 201)
    await json(await admin.post(`/api/budgets/${edition.id}/proposals/${reviewed.id}/review`, { feasible: true }), 200)
    await expectProblem(await resident.post(`/api/budgets/${edition.id}/proposals/${reviewed.id}/withdraw`), 409)
  })
})

describe('the review', () => {
  it('needs a reason to refuse and a note to change the cost, and mails the author', async () => {
    const edition = await createEdition()
    const p = await json<{ id: string }>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal()), 201)
    await expectProblem(await resident.post(`/api/budgets/${edition.id}/proposals/${p.id}/review`, { feasible: true }), 403)
    expect(((await expectProblem(await admin.post(`/api/budgets/${edition.id}/proposals/${p.id}/review`, { feasible: false }), 422)).errors as Array<{ field: string }>)[0]!.field).toBe('body.reason')
    expect(((await expectProblem(await admin.post(`/api/budgets/${edition.id}/proposals/${p.id}/review`, { feasible: true, cost: 200_000 }), 422)).errors as Array<{ field: string }>)[0]!.field).toBe('body.cost_note')
    const reviewed = await json<Record<string, unknown>>(await admin.post(`/api/budgets/${edition.id}/proposals/${p.id}/review`, { feasible: true, cost: 200_000, cost_note: 'Покриття дешевше за ринковими цінами' }), 200)
    expect(reviewed).toMatchObject({ status: 'feasible', cost: 200_000, review: { feasible: true, original_cost: 240_000, cost_note: 'Покриття дешевше за ринковими цінами' } })
    const mail = await lastMail(database.db, 'resident@demo.local')
    expect(mail).toMatchObject({ kind: 'budget-review' })
    expect(mail!.body).toMatch(/200\s000/)
    const refused = await json<Record<string, unknown>>(await admin.post(`/api/budgets/${edition.id}/proposals/${p.id}/review`, { feasible: false, reason: 'Ділянка не комунальна' }), 200)
    expect(refused).toMatchObject({ status: 'not_feasible', review: { feasible: false, reason: 'Ділянка не комунальна' } })
    expect((await lastMail(database.db, 'resident@demo.local'))!.body).toContain('Ділянка не комунальна')
  })
})

describe('voting', () => {
  it('takes ballots only while voting is open', async () => {
    const edition = await createEdition()
    const p = await json<{ id: string }>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal()), 201)
    await json(await admin.post(`/api/budgets/${edition.id}/proposals/${p.id}/review`, { feasible: true }), 200)
    const early = await expectProblem(await put(resident, `/api/budgets/${edition.id}/ballot`, { proposals: [p.id] }), 409)
    expect(early.detail).toMatch(/not yet/)
    await json(await patch(admin, `/api/budgets/${edition.id}`, { phases: votingNow() }), 200)
    const cast = await json<{ receipt: string; proposals: string[] }>(await put(resident, `/api/budgets/${edition.id}/ballot`, { proposals: [p.id] }), 200)
    expect(cast.proposals).toEqual([p.id])
    expect(cast.receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    // A ballot resolves the session in its own call: signed out, an unknown session and another site are refused as everywhere.
    const body = JSON.stringify({ proposals: [] })
    await expectProblem(await app.request(`/api/budgets/${edition.id}/ballot`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body }), 401)
    await expectProblem(await app.request(`/api/budgets/${edition.id}/ballot`, { method: 'PUT', headers: { 'Content-Type': 'application/json', Cookie: `${SESSION_COOKIE}=${'x'.repeat(43)}` }, body }), 401)
    await expectProblem(await resident.request(`/api/budgets/${edition.id}/ballot`, { method: 'PUT', headers: { 'Content-Type': 'application/json', Origin: 'https://elsewhere.example' }, body }), 403)
    expect((await json<{ proposals: string[] }>(await resident.get(`/api/budgets/${edition.id}/ballot`), 200)).proposals).toEqual([p.id])
    await json(await patch(admin, `/api/budgets/${edition.id}`, { phases: resultsNow() }), 200)
    const late = await expectProblem(await put(resident, `/api/budgets/${edition.id}/ballot`, { proposals: [] }), 409)
    expect(late.detail).toMatch(/over/)
    expect((await json<{ proposals: string[] }>(await resident.get(`/api/budgets/${edition.id}/ballot`), 200)).proposals).toEqual([p.id])
  })

  it('holds N votes per voter under 100 concurrent requests, and one vote per project', async () => {
    const { id, proposals } = await editionOnTheBallot(6)
    const voter = await newVoter()
    // Whole ballots, each of them within the rules, and single additions, all at once.
    const requests = Array.from({ length: 100 }, (_, i) =>
      i % 2 === 0 ? put(voter, `/api/budgets/${id}/ballot`, { proposals: [proposals[i % 6]!, proposals[(i + 1) % 6]!, proposals[(i + 2) % 6]!] }) : voter.post(`/api/budgets/${id}/ballot/proposals/${proposals[i % 6]!}`),
    )
    const statuses = (await Promise.all(requests)).map((r) => r.status)
    expect(statuses.every((s) => [200, 409, 422].includes(s)), statuses.join()).toBe(true)
    expect(statuses).toContain(200)
    const { rows } = await sql<{ n: number; distinct: number }>`
      SELECT count(*)::int AS n, count(DISTINCT proposal_id)::int AS distinct FROM budget_ballot_lines l JOIN budget_ballots b ON b.id = l.ballot_id WHERE b.voter_id = ${voter.id} AND b.edition_id = ${id}`.execute(database.db)
    expect(rows[0]!.n).toBeLessThanOrEqual(3)
    expect(rows[0]!.n).toBe(rows[0]!.distinct)
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM budget_ballots WHERE voter_id = ${voter.id} AND edition_id = ${id}`.execute(database.db)).rows[0]!.n).toBe(1)
    // The same project twice, over N, a proposal not on the ballot: refused with the field named.
    const twice = await expectProblem(await put(voter, `/api/budgets/${id}/ballot`, { proposals: [proposals[0], proposals[0]] }), 422)
    expect((twice.errors as Array<{ field: string }>)[0]!.field).toBe('body.proposals[1]')
    await expectProblem(await put(voter, `/api/budgets/${id}/ballot`, { proposals: proposals.slice(0, 4) }), 422)
    await expectProblem(await put(voter, `/api/budgets/${id}/ballot`, { proposals: ['999999999'] }), 422)
    for (const hostile of [{ proposals: 'all' }, { proposals: [-1] }, { proposals: ['1; DROP TABLE users'] }, { proposals: Array(501).fill('1') }, {}]) {
      await expectProblem(await put(voter, `/api/budgets/${id}/ballot`, hostile), 400)
    }
  })

  it('is held by the database itself, whatever writes the lines', async () => {
    const { id, proposals } = await editionOnTheBallot(4)
    const voter = await newVoter()
    await json(await put(voter, `/api/budgets/${id}/ballot`, { proposals: proposals.slice(0, 3) }), 200)
    const ballot = (await sql<{ id: number }>`SELECT id FROM budget_ballots WHERE voter_id = ${voter.id}`.execute(database.db)).rows[0]!
    await expect(sql`INSERT INTO budget_ballot_lines (edition_id, ballot_id, proposal_id) VALUES (${id}, ${ballot.id}, ${Number(proposals[3])})`.execute(database.db)).rejects.toThrow(/at most 3 votes/)
    await expect(sql`INSERT INTO budget_ballot_lines (edition_id, ballot_id, proposal_id) VALUES (${id}, ${ballot.id}, ${Number(proposals[0])})`.execute(database.db)).rejects.toThrow(/duplicate key/)
  })

  it('holds each district’s money with knapsack voting under concurrent requests', async () => {
    const { id, proposals } = await editionOnTheBallot(5, { rules: { ...RULES, voting: 'knapsack' }, pots: [{ district_id: districtA.id, money: 1_000_000 }] }, 300_000)
    const voter = await newVoter()
    const requests = Array.from({ length: 100 }, (_, i) => voter.post(`/api/budgets/${id}/ballot/proposals/${proposals[i % 5]!}`))
    const statuses = (await Promise.all(requests)).map((r) => r.status)
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3)
    const { rows } = await sql<{ spent: number }>`
      SELECT coalesce(sum(p.cost), 0)::int AS spent FROM budget_ballot_lines l JOIN budget_ballots b ON b.id = l.ballot_id JOIN budget_proposals p ON p.id = l.proposal_id
       WHERE b.voter_id = ${voter.id} AND b.edition_id = ${id}`.execute(database.db)
    expect(rows[0]!.spent).toBeLessThanOrEqual(1_000_000)
    expect(rows[0]!.spent).toBeGreaterThan(600_000)
    const mine = await json<{ remaining: { money: Record<string, number> } }>(await voter.get(`/api/budgets/${id}/ballot`), 200)
    expect(mine.remaining.money[`d${districtA.id}`]).toBe(1_000_000 - rows[0]!.spent)
  })

  it('lets only verified voters vote when the rules say so, and asks the declarations the rules ask', async () => {
    const { id, proposals } = await editionOnTheBallot(1, { rules: { ...RULES, verified_only: true, min_age: 16 } })
    await expectProblem(await put(await newVoter(false), `/api/budgets/${id}/ballot`, { proposals }), 403)
    const verified = await newVoter(true)
    const undeclared = await expectProblem(await put(verified, `/api/budgets/${id}/ballot`, { proposals }), 422)
    expect((undeclared.errors as Array<{ field: string }>)[0]!.field).toBe('body.declaration.age')
    await json(await put(verified, `/api/budgets/${id}/ballot`, { proposals, declaration: { age: true } }), 200)
  })
})

describe('the count', () => {
  it('waits for voting to end, publishes ballots anyone can recompute it from, and lets voters find their receipts', async () => {
    const { id, proposals } = await editionOnTheBallot(4, { rules: { ...RULES, votes_per_voter: 2 }, pots: [{ district_id: districtA.id, money: 250_000 }] })
    const votes: Array<[number, number[]]> = [[3, [0, 1]], [2, [1, 2]], [1, [3]]]
    const receipts: string[] = []
    for (const [voters, choice] of votes) {
      for (let v = 0; v < voters; v++) receipts.push((await json<{ receipt: string }>(await put(await newVoter(), `/api/budgets/${id}/ballot`, { proposals: choice.map((i) => proposals[i]!) }), 200)).receipt)
    }
    const paper = await json<{ ballots: number; receipts: string[] }>(await admin.post(`/api/budgets/${id}/paper-ballots`, { batch: 'Протокол дільниці 7', ballots: [{ proposals: [proposals[3]] }, { proposals: [proposals[3]] }] }), 201)
    expect(paper.ballots).toBe(2)
    await expectProblem(await admin.post(`/api/budgets/${id}/paper-ballots`, { batch: 'Протокол дільниці 7', ballots: [{ proposals: [proposals[3]] }] }), 409)
    await expectProblem(await admin.post(`/api/budgets/${id}/results`, {}), 409)
    await json(await patch(admin, `/api/budgets/${id}`, { phases: resultsNow() }), 200)
    // Votes: p0 3, p1 5, p2 2, p3 3 (1 online + 2 paper); costs 100,000 + i; money 250,000.
    const results = await json<{ winners: Array<{ id: string; votes: number; paper_votes: number }>; ballots_csv: string; sha256: string; ballots: { online: number; paper: number } }>(await admin.post(`/api/budgets/${id}/results`, {}), 200)
    expect(results.winners.map((w) => w.id)).toEqual([proposals[1], proposals[0]])
    expect(results.ballots).toEqual({ online: 6, paper: 2 })
    const published = await json(await app.request(`/api/budgets/${id}/results`), 200)
    expect(published).toMatchObject({ winners: results.winners, sha256: results.sha256 })
    const csvRes = await app.request(new URL(results.ballots_csv).pathname)
    expect(csvRes.headers.get('Content-Type')).toMatch(/^text\/csv/)
    const csv = await csvRes.text()
    expect(createHash('sha256').update(csv).digest('hex')).toBe(results.sha256)
    expect(csv).not.toMatch(/demo\.local|voter-/)
    // Anyone recomputes the winners from the file and the public proposals.
    const publicProposals = await json<Array<{ id: string; pot: string; cost: number; status: string }>>(await app.request(`/api/budgets/${id}/proposals`), 200)
    const recomputed = computeResults([{ key: `d${districtA.id}`, money: 250_000 }], publicProposals.map((p) => ({ id: p.id, pot: p.pot, cost: p.cost, feasible: p.status === 'feasible' })), parseBallotsCsv(csv), { minVotes: 0 })
    expect(recomputed.winners.map((w) => w.id)).toEqual(results.winners.map((w) => w.id))
    // A voter finds their ballot by its receipt; the hash is the one in the file.
    const check = await json<{ counted: boolean; proposals: string[]; receipt_sha256: string }>(await app.request(`/api/budgets/${id}/receipts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ receipt: receipts[0]!.toLowerCase() }) }), 200)
    expect(check).toMatchObject({ counted: true, proposals: [proposals[0], proposals[1]].sort() })
    expect(csv).toContain(check.receipt_sha256)
    expect((await json<{ counted: boolean }>(await app.request(`/api/budgets/${id}/receipts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ receipt: 'AAAA-BBBB-CCCC' }) }), 200)).counted).toBe(false)
    // The count forgets where the ballots came from.
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM budget_ballots WHERE edition_id = ${id} AND client_address IS NOT NULL`.execute(database.db)).rows[0]!.n).toBe(0)
    // Winners are on the map as won, and tracked.
    const { rows } = await sql<{ stage: string }>`SELECT f.properties ->> 'stage' AS stage FROM budget_proposals p JOIN features f ON f.id = p.feature_id WHERE p.id = ${Number(proposals[1])}`.execute(database.db)
    expect(rows[0]!.stage).toBe('being-built')
  })

  it('takes overrides with their reasons, logged, never past the money', async () => {
    const { id, proposals } = await editionOnTheBallot(2, { pots: [{ district_id: districtA.id, money: 150_000 }] })
    await json(await put(await newVoter(), `/api/budgets/${id}/ballot`, { proposals: [proposals[0]] }), 200)
    await json(await patch(admin, `/api/budgets/${id}`, { phases: resultsNow() }), 200)
    await expectProblem(await admin.post(`/api/budgets/${id}/results`, { overrides: [{ proposal: proposals[1], won: true, reason: 'Рішення комісії' }] }), 422)
    const results = await json<{ winners: Array<{ id: string; override: unknown }>; ranking: Array<{ id: string; override: unknown }> }>(
      await admin.post(`/api/budgets/${id}/results`, { overrides: [{ proposal: proposals[0], won: false, reason: 'Ділянку передано під школу' }] }),
      200,
    )
    expect(results.winners).toEqual([])
    expect(results.ranking.find((r) => r.id === proposals[0])!.override).toEqual({ won: false, reason: 'Ділянку передано під школу' })
    const { rows } = await sql<{ changes: Record<string, unknown> }>`SELECT changes FROM audit_log WHERE object_type = 'budget' AND object_id = ${String(id)} AND action = 'count'`.execute(database.db)
    expect(JSON.stringify(rows[0]!.changes)).toContain('Ділянку передано під школу')
  })
})

describe('implementation', () => {
  it('tracks a winner with milestones and mails its followers', async () => {
    const { id, proposals, follower } = await followedWinner()
    const email = (await sql<{ email: string }>`SELECT email FROM users WHERE id = ${follower.id}`.execute(database.db)).rows[0]!.email
    const updated = await json<{ implementation: Record<string, unknown> }>(
      await patch(admin, `/api/budgets/${id}/proposals/${proposals[0]}/implementation`, { status: 'procurement', progress: 20, spent: 15_000, prozorro_id: 'UA-2026-03-12-000123-a' }),
      200,
    )
    expect(updated.implementation).toMatchObject({ status: 'procurement', progress: 20, spent: 15_000, prozorro_id: 'UA-2026-03-12-000123-a', followers: 1 })
    expect((await json<{ following: boolean }>(await follower.get(`/api/budgets/${id}/proposals/${proposals[0]}`), 200)).following).toBe(true)
    expect((await json<{ following: boolean }>(await resident.get(`/api/budgets/${id}/proposals/${proposals[0]}`), 200)).following).toBe(false)
    expect((await lastMail(database.db, email))!.body).toContain('procurement')
    const withMilestone = await json<{ implementation: { milestones: Array<{ title: string; done_on: string }> } }>(
      await admin.post(`/api/budgets/${id}/proposals/${proposals[0]}/implementation/milestones`, { title: 'Договір підписано', done_on: '2026-04-01' }),
      201,
    )
    expect(withMilestone.implementation.milestones).toEqual([expect.objectContaining({ title: 'Договір підписано', done_on: '2026-04-01' })])
    expect((await lastMail(database.db, email))!.body).toContain('Договір підписано')
    await expectProblem(await patch(admin, `/api/budgets/${id}/proposals/${proposals[0]}/implementation`, { prozorro_id: 'not-a-tender' }), 400)
    await expectProblem(await patch(admin, `/api/budgets/${id}/proposals/${proposals[0]}/implementation`, { progress: 101 }), 400)
  })
})

describe('the commission’s flags', () => {
  it('point at a burst of new accounts voting for one project and at many ballots from one address, dropping none', async () => {
    const { id, proposals } = await editionOnTheBallot(2)
    // Twenty-two accounts made just now vote for the first project, from one client address.
    for (let i = 0; i < 22; i++) {
      const voter = await newVoter()
      await json(await put(voter, `/api/budgets/${id}/ballot`, { proposals: [proposals[0]] }), 200)
      await sql`UPDATE budget_ballots SET client_address = '203.0.113.7' WHERE voter_id = ${voter.id}`.execute(database.db)
    }
    await expectProblem(await resident.get(`/api/budgets/${id}/flags`), 403)
    const flags = await json<Array<{ kind: string; proposal: string | null; ballots: number; detail: string }>>(await admin.get(`/api/budgets/${id}/flags`), 200)
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'new-accounts-burst', proposal: proposals[0], ballots: 22 }))
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'shared-address', proposal: null, ballots: 22 }))
    expect(JSON.stringify(flags)).not.toContain('203.0.113.7')
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM budget_ballots WHERE edition_id = ${id}`.execute(database.db)
    expect(rows[0]!.n).toBe(22)
  })
})

/** A PDF map made by `ogr2ogr -f PDF` (GDAL). */
const PDF = readFileSync(fileURLToPath(new URL('../../layers/upload/fixtures/sniff/places.pdf', import.meta.url)))

/** A multipart form with one file and text fields. */
function form(field: string, bytes: Uint8Array, name: string, type: string, fields: Record<string, string> = {}): FormData {
  const data = new FormData()
  data.append(field, new File([Buffer.from(bytes)], name, { type }))
  for (const [k, v] of Object.entries(fields)) data.append(k, v)
  return data
}

describe('photos and documents', () => {
  it("keep the author's photo without its metadata and a checked PDF, until the review", async () => {
    const edition = await createEdition()
    const p = await json<{ id: string }>(await resident.post(`/api/budgets/${edition.id}/proposals`, proposal()), 201)
    const base = `/api/budgets/${edition.id}/proposals/${p.id}`
    const withPhoto = await json<{ photos: Array<{ url: string; thumb: string; caption: string; stage: string }> }>(
      await resident.request(`${base}/photos`, { method: 'POST', body: form('photo', await jpegWithGps(), 'IMG_1.jpg', 'image/jpeg', { caption: 'Двір зараз' }) }),
      201,
    )
    expect(withPhoto.photos).toEqual([expect.objectContaining({ stage: 'proposal', caption: 'Двір зараз' })])
    const photo = await app.request(new URL(withPhoto.photos[0]!.url).pathname)
    expect(photo.headers.get('Content-Type')).toBe('image/jpeg')
    const meta = await sharp(Buffer.from(await photo.arrayBuffer())).metadata()
    expect(meta.exif).toBeUndefined()
    const withDoc = await json<{ documents: Array<{ url: string; title: string; bytes: number }> }>(
      await resident.request(`${base}/documents`, { method: 'POST', body: form('file', PDF, 'кошторис.pdf', 'application/pdf', { title: 'Кошторис' }) }),
      201,
    )
    expect(withDoc.documents).toEqual([expect.objectContaining({ title: 'Кошторис', bytes: PDF.length })])
    const pdf = await app.request(new URL(withDoc.documents[0]!.url).pathname)
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF)).toBe(true)
    // Hostile files and other people are refused, and nothing is kept of them.
    await expectProblem(await resident.request(`${base}/photos`, { method: 'POST', body: form('photo', Buffer.from('%PDF-1.4 not a photo'), 'x.jpg', 'image/jpeg') }), 422)
    await expectProblem(await resident.request(`${base}/documents`, { method: 'POST', body: form('file', await jpegWithGps(), 'x.pdf', 'application/pdf', { title: 'Не PDF' }) }), 422)
    await expectProblem(await resident.request(`${base}/documents`, { method: 'POST', body: form('file', PDF, 'x.pdf', 'application/pdf') }), 400)
    await expectProblem(await resident.request(`${base}/photos`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }), 415)
    await expectProblem(await (await newVoter()).request(`${base}/photos`, { method: 'POST', body: form('photo', await jpegWithGps(), 'a.jpg', 'image/jpeg') }), 403)
    await json(await admin.post(`${base}/review`, { feasible: true }), 200)
    await expectProblem(await resident.request(`${base}/photos`, { method: 'POST', body: form('photo', await jpegWithGps(), 'b.jpg', 'image/jpeg') }), 409)
    const { rows } = await sql<{ photos: number; documents: number }>`
      SELECT (SELECT count(*) FROM budget_photos WHERE proposal_id = ${Number(p.id)})::int AS photos, (SELECT count(*) FROM budget_documents WHERE proposal_id = ${Number(p.id)})::int AS documents`.execute(database.db)
    expect(rows[0]).toEqual({ photos: 1, documents: 1 })
  })

  it("show a winner's construction in photos the city adds, mailed to its followers", async () => {
    const { id, proposals, follower } = await followedWinner()
    const base = `/api/budgets/${id}/proposals/${proposals[0]}`
    await expectProblem(await resident.request(`${base}/implementation/photos`, { method: 'POST', body: form('photo', await jpegWithGps(), 'a.jpg', 'image/jpeg') }), 403)
    const built = await json<{ photos: Array<{ stage: string; caption: string }> }>(
      await admin.request(`${base}/implementation/photos`, { method: 'POST', body: form('photo', await jpegWithGps(), 'a.jpg', 'image/jpeg', { caption: 'Покриття укладено' }) }),
      201,
    )
    expect(built.photos).toEqual([expect.objectContaining({ stage: 'implementation', caption: 'Покриття укладено' })])
    const email = (await sql<{ email: string }>`SELECT email FROM users WHERE id = ${follower.id}`.execute(database.db)).rows[0]!.email
    expect((await lastMail(database.db, email))!.body).toContain('Покриття укладено')
  })
})
