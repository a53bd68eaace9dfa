import { sql } from 'kysely'
import { signInAs } from '../auth/testing.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { expectProblem, layerVersion, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
const LAYER = 'kyiv-electoral-districts'

beforeAll(async () => {
  database = await openTestDatabase()
  // Behind a "proxy", so that sign-ins come from addresses of this file's own.
  ;({ app } = await makeApp(database, { trustProxy: true }))
})
afterAll(async () => {
  await database.close()
})

/** A session cookie header for a demo account. */
async function signIn(role: 'admin' | 'resident' | 'moderator'): Promise<Record<string, string>> {
  return { Cookie: (await signInAs(app, role)).cookie }
}

function write(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, headers: Record<string, string>) {
  return app.request(path, {
    method,
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
}

interface PublicDeputy {
  id: number
  city: string
  district: { number: number; name: string }
  name: string
  faction: string | null
  reception_address: string | null
  reception_hours: string | null
  email: string | null
  phone: string | null
  updated_at: string
}

async function deputyOf(number: number): Promise<PublicDeputy> {
  const list = (await (await app.request('/api/deputies?city=kyiv')).json()) as PublicDeputy[]
  return list.find((d) => d.district.number === number)!
}

/** One station of each district, read from the polling-stations layer. */
async function oneStationPerDistrict(): Promise<Array<{ tvo: number; lon: number; lat: number }>> {
  const { rows } = await sql<{ tvo: number; lon: number; lat: number }>`
    SELECT DISTINCT ON ((properties->>'tvo')::int) (properties->>'tvo')::int AS tvo, ST_X(geom) AS lon, ST_Y(geom) AS lat
      FROM features WHERE layer_id = 'kyiv-polling-stations' ORDER BY (properties->>'tvo')::int, id`.execute(database.db)
  return rows
}

async function featureProperties(number: number): Promise<Record<string, unknown>> {
  const { rows } = await sql<{ properties: Record<string, unknown> }>`
    SELECT properties FROM features WHERE layer_id = ${LAYER} AND (properties->>'number')::int = ${number}`.execute(database.db)
  return rows[0]!.properties
}

async function auditRows(id: number) {
  const { rows } = await sql<{ actor: string; action: string; changes: Record<string, [unknown, unknown]> }>`
    SELECT actor, action, changes FROM audit_log WHERE object_type = 'deputy' AND object_id = ${String(id)} ORDER BY id`.execute(database.db)
  return rows
}

async function adminActor(): Promise<string> {
  const { rows } = await sql<{ id: string }>`SELECT id::text FROM users WHERE email = 'admin@demo.local'`.execute(database.db)
  return `user:${rows[0]!.id}`
}

describe('GET /api/deputies', () => {
  it('lists a demo placeholder deputy for each of the 13 Kyiv districts', async () => {
    const res = await app.request('/api/deputies?city=kyiv')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    const list = (await res.json()) as PublicDeputy[]
    expect(list.map((d) => d.district.number)).toEqual(Array.from({ length: 13 }, (_, i) => 211 + i))
    expect(list.find((d) => d.district.number === 211)).toEqual({
      id: expect.any(Number),
      city: 'kyiv',
      district: { number: 211, name: 'ТВО №211' },
      name: 'Депутат ТВО №211 (демо)',
      faction: null,
      reception_address: null,
      reception_hours: 'Пн 10:00–12:00 (демо)',
      email: null,
      phone: null,
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
  })

  it('answers an empty list for a city without deputies and 404 for an unknown city', async () => {
    expect(await (await app.request('/api/deputies?city=kharkiv')).json()).toEqual([])
    await expectProblem(await app.request('/api/deputies?city=atlantis'), 404)
  })

  it.each(['', '?city=', '?city=Kyiv', "?city=kyiv'--", `?city=${'a'.repeat(101)}`])('refuses the query %j with a 400 problem', async (query) => {
    const body = await expectProblem(await app.request(`/api/deputies${query}`), 400)
    expect(body.errors).toEqual([{ field: 'query.city', message: expect.any(String) }])
  })
})

describe('GET /api/deputies/at', () => {
  it("finds each station's own district and its deputy", async () => {
    const stations = await oneStationPerDistrict()
    expect(stations).toHaveLength(13)
    for (const s of stations) {
      const res = await app.request(`/api/deputies/at?city=kyiv&lon=${s.lon}&lat=${s.lat}`)
      expect(res.status, `ТВО №${s.tvo}`).toBe(200)
      const body = (await res.json()) as { district: { number: number; name: string }; deputy: PublicDeputy | null }
      expect(body.district, `station of ТВО №${s.tvo}`).toEqual({ number: s.tvo, name: `ТВО №${s.tvo}` })
      if (body.deputy) expect(body.deputy.district.number).toBe(s.tvo)
    }
  })

  it('answers the whole body for a station of district 211', async () => {
    const station = (await oneStationPerDistrict()).find((s) => s.tvo === 211)!
    const res = await app.request(`/api/deputies/at?city=kyiv&lon=${station.lon}&lat=${station.lat}`)
    expect(await res.json()).toEqual({ district: { number: 211, name: 'ТВО №211' }, deputy: await deputyOf(211) })
  })

  it('answers a 404 problem outside every district: beyond Kyiv, and in a city without districts', async () => {
    await expectProblem(await app.request('/api/deputies/at?city=kyiv&lon=24.0316&lat=49.8429'), 404)
    await expectProblem(await app.request('/api/deputies/at?city=kharkiv&lon=36.2304&lat=49.9935'), 404)
    await expectProblem(await app.request('/api/deputies/at?city=atlantis&lon=30.5&lat=50.45'), 404)
  })

  it.each([
    ['lon=abc&lat=50.45', 'query.lon'],
    ['lon=&lat=50.45', 'query.lon'],
    ['lon=0x1E&lat=50.45', 'query.lon'],
    ['lon=3e1&lat=50.45', 'query.lon'],
    ['lon=Infinity&lat=50.45', 'query.lon'],
    ['lon=NaN&lat=50.45', 'query.lon'],
    ['lon=%2030.5&lat=50.45', 'query.lon'],
    ['lon=180.5&lat=50.45', 'query.lon'],
    ['lon=30.5&lat=-90.01', 'query.lat'],
    ['lon=30.5&lat=50.45;DROP TABLE deputies', 'query.lat'],
    ['lon=30.5', 'query.lat'],
    [`lon=30.${'5'.repeat(400)}&lat=50.45`, 'query.lon'],
  ])('refuses %s with a 400 problem naming %s', async (query, field) => {
    const body = await expectProblem(await app.request(`/api/deputies/at?city=kyiv&${query}`), 400)
    expect((body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual([field])
  })
})

describe('editing deputies', () => {
  it.each([
    ['POST', '/api/deputies'],
    ['PATCH', '/api/deputies/1'],
    ['DELETE', '/api/deputies/1'],
  ] as const)('%s %s is 401 signed out and 403 for a resident and a moderator, before the input is read', async (method, path) => {
    await expectProblem(await write(method, path, { hostile: '<script>' }, {}), 401)
    for (const role of ['resident', 'moderator'] as const) {
      await expectProblem(await write(method, path, { hostile: '<script>' }, await signIn(role)), 403)
    }
  })

  it('lets an administrator change a deputy: audited per attribute, the layer follows with a new version', async () => {
    const admin = await signIn('admin')
    const before = await deputyOf(222)
    const version = await layerVersion(database.db, LAYER)
    const res = await write('PATCH', `/api/deputies/${before.id}`, { faction: 'Фракція (демо)', reception_address: 'вул. Демо, 1', name: before.name }, admin)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ...before, faction: 'Фракція (демо)', reception_address: 'вул. Демо, 1', updated_at: expect.any(String) })
    expect(await featureProperties(222)).toMatchObject({ number: 222, deputy_name: before.name, deputy_faction: 'Фракція (демо)', deputy_reception_address: 'вул. Демо, 1' })
    expect(await layerVersion(database.db, LAYER)).toBeGreaterThan(version)
    expect((await auditRows(before.id)).at(-1)).toEqual({
      actor: await adminActor(),
      action: 'update',
      changes: { faction: [null, 'Фракція (демо)'], reception_address: [null, 'вул. Демо, 1'] },
    })

    // Null clears a field, and the feature loses it.
    const back = await write('PATCH', `/api/deputies/${before.id}`, { faction: null, reception_address: '' }, admin)
    expect(await back.json()).toEqual({ ...before, updated_at: expect.any(String) })
    expect(await featureProperties(222)).not.toHaveProperty('deputy_faction')
  })

  it('lets an administrator remove a deputy and add one again; a second deputy for a district is a 409', async () => {
    const admin = await signIn('admin')
    const old = await deputyOf(223)
    const version = await layerVersion(database.db, LAYER)
    expect((await write('DELETE', `/api/deputies/${old.id}`, undefined, admin)).status).toBe(204)
    expect(await featureProperties(223)).not.toHaveProperty('deputy_name')
    expect(await layerVersion(database.db, LAYER)).toBeGreaterThan(version)
    expect((await auditRows(old.id)).at(-1)).toMatchObject({ action: 'delete', changes: { name: [old.name, null], district_number: [223, null] } })
    const station = (await oneStationPerDistrict()).find((s) => s.tvo === 223)!
    const vacant = await app.request(`/api/deputies/at?city=kyiv&lon=${station.lon}&lat=${station.lat}`)
    expect(await vacant.json()).toEqual({ district: { number: 223, name: 'ТВО №223' }, deputy: null })
    await expectProblem(await write('DELETE', `/api/deputies/${old.id}`, undefined, admin), 404)

    const created = await write('POST', '/api/deputies', { city: 'kyiv', district_number: 223, name: old.name, reception_hours: old.reception_hours }, admin)
    expect(created.status).toBe(201)
    const fresh = (await created.json()) as PublicDeputy
    expect(fresh).toEqual({ ...old, id: expect.any(Number), updated_at: expect.any(String) })
    expect(created.headers.get('Location')).toBe(`/api/deputies/${fresh.id}`)
    expect(await featureProperties(223)).toMatchObject({ deputy_name: old.name })
    expect(await auditRows(fresh.id)).toEqual([
      {
        actor: await adminActor(),
        action: 'create',
        changes: { district_number: [null, 223], name: [null, old.name], reception_hours: [null, old.reception_hours] },
      },
    ])
    await expectProblem(await write('POST', '/api/deputies', { city: 'kyiv', district_number: 223, name: 'Другий' }, admin), 409)
  })

  it.each([
    [{ city: 'kyiv', district_number: 999, name: 'Нікому' }, 'body.district_number'],
    [{ city: 'atlantis', district_number: 211, name: 'Нікому' }, 'body.district_number'],
    [{ city: 'kyiv', district_number: 211.5, name: 'Нікому' }, 'body.district_number'],
    [{ city: 'kyiv', district_number: '211', name: 'Нікому' }, 'body.district_number'],
    [{ city: 'kyiv', district_number: 211, name: '   ' }, 'body.name'],
    [{ city: 'kyiv', district_number: 211, name: 'a\u001bb' }, 'body.name'],
    [{ city: 'kyiv', district_number: 211, name: 'x'.repeat(201) }, 'body.name'],
    [{ city: 'kyiv', district_number: 211, name: 'Ок', email: 'not-mail' }, 'body.email'],
    [{ city: 'kyiv', district_number: 211, name: 'Ок', phone: "1; DROP TABLE deputies" }, 'body.phone'],
    [{ city: 'kyiv', district_number: 211, name: 'Ок', role: 'admin' }, 'body'],
  ])('refuses the new deputy %j with a 400 problem naming %s', async (body, field) => {
    const problem = await expectProblem(await write('POST', '/api/deputies', body, await signIn('admin')), 400)
    expect((problem.errors as Array<{ field: string }>).map((e) => e.field)).toEqual([field])
  })

  it('refuses an empty change, an unknown field, a bad id and an unknown deputy', async () => {
    const admin = await signIn('admin')
    const before = await deputyOf(221)
    const { id } = before
    await expectProblem(await write('PATCH', `/api/deputies/${id}`, {}, admin), 400)
    await expectProblem(await write('PATCH', `/api/deputies/${id}`, { city: 'kharkiv' }, admin), 400)
    await expectProblem(await write('PATCH', `/api/deputies/${id}`, { district_number: 999 }, admin), 400)
    await expectProblem(await write('PATCH', '/api/deputies/1e3', { name: 'X' }, admin), 400)
    await expectProblem(await write('PATCH', '/api/deputies/-1', { name: 'X' }, admin), 400)
    await expectProblem(await write('PATCH', '/api/deputies/9999999999', { name: 'X' }, admin), 400)
    await expectProblem(await write('PATCH', '/api/deputies/2147483000', { name: 'X' }, admin), 404)
    expect(await deputyOf(221)).toEqual(before)
  })
})
