import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

const ORIGIN = 'http://localhost'

/** Every city as the API should show it, read with this test's own SQL. */
async function expectedCities() {
  const rows = await sql<{ id: string; code: string; name: unknown; zoom: number; approximate: boolean; x: number; y: number; bbox: number[] | null }>`
    SELECT id, code, name, zoom, boundary_approximate AS approximate, ST_X(center) AS x, ST_Y(center) AS y,
           CASE WHEN boundary IS NULL THEN NULL
                ELSE ARRAY[ST_XMin(boundary), ST_YMin(boundary), ST_XMax(boundary), ST_YMax(boundary)] END AS bbox
      FROM cities ORDER BY created_at, id`.execute(database.db)
  return rows.rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    center: [r.x, r.y],
    zoom: r.zoom,
    bbox: r.bbox,
    boundary_approximate: r.approximate,
    style: `${ORIGIN}/styles/${r.id}.json`,
    layers: `${ORIGIN}/api/layers?city=${r.id}`,
  }))
}

describe('GET /api/cities', () => {
  it('lists the four demo cities', async () => {
    const res = await app.request('/api/cities')
    expect(res.status).toBe(200)
    const ids = ((await res.json()) as Array<{ id: string }>).map((c) => c.id)
    expect(ids).toEqual(expect.arrayContaining(['kyiv', 'kharkiv', 'zhytomyr', 'marhanets']))
  })

  it('shows every city with its centre, extent and links', async () => {
    const res = await app.request('/api/cities')
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual(await expectedCities())
  })

  it('gives every demo city a boundary extent around its centre', async () => {
    const cities = (await (await app.request('/api/cities')).json()) as Array<{ center: number[]; bbox: number[] }>
    for (const { center: [x, y], bbox: [w, s, e, n] } of cities) {
      expect(x).toBeGreaterThan(w!)
      expect(x).toBeLessThan(e!)
      expect(y).toBeGreaterThan(s!)
      expect(y).toBeLessThan(n!)
    }
  })
})

describe('GET /api/cities/:id', () => {
  it('shows one city', async () => {
    const res = await app.request('/api/cities/kharkiv')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual((await expectedCities()).find((c) => c.id === 'kharkiv'))
  })

  it('returns a 404 problem for an unknown city', async () => {
    const res = await app.request('/api/cities/atlantis')
    expect(await expectProblem(res, 404)).toEqual({
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'No city "atlantis"',
      instance: '/api/cities/atlantis',
    })
  })

  it('returns a 400 problem naming the field for an id that is not a slug', async () => {
    const res = await app.request('/api/cities/Kyiv_City')
    expect(await expectProblem(res, 400)).toMatchObject({ errors: [{ field: 'param.id', message: expect.any(String) }] })
  })
})

describe('GET /api/cities/:id/districts', () => {
  it('lists the districts with the ids that alerts and appeal filters take', async () => {
    const res = await app.request('/api/cities/kyiv/districts')
    expect(res.status).toBe(200)
    const districts = (await res.json()) as Array<{ id: number; name: string }>
    expect(districts.length).toBe(10)
    const shevchenkivskyi = districts.find((d) => d.name === 'Шевченківський район')!
    const appeals = (await (await app.request(`/api/appeals?city=kyiv&district=${shevchenkivskyi.id}&limit=5`)).json()) as { appeals: Array<{ district: { id: number } }> }
    for (const a of appeals.appeals) expect(a.district.id).toBe(shevchenkivskyi.id)
  })

  it('is empty for a city without districts and 404 for an unknown one', async () => {
    expect(await (await app.request('/api/cities/marhanets/districts')).json()).toEqual([])
    await expectProblem(await app.request('/api/cities/atlantis/districts'), 404)
  })
})
