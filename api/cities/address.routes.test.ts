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

type Match = { label: string; lon: number; lat: number; layer: string }

describe('GET /api/addresses', () => {
  it('finds an address of the city\'s public layers by its words, whatever the case and punctuation', async () => {
    const { rows } = await database.pool.query<{ address: string }>(
      "SELECT public_properties->>'address' AS address FROM features WHERE layer_id = 'kyiv-polling-stations' AND public_properties ? 'address' ORDER BY id LIMIT 1",
    )
    const address = rows[0]!.address
    const query = address.toUpperCase().replace(/,/g, ' ')
    const res = await app.request(`/api/addresses?city=kyiv&q=${encodeURIComponent(query)}`)
    expect(res.status).toBe(200)
    const matches = (await res.json()) as Match[]
    const found = matches.find((m) => m.label === address)
    expect(found, JSON.stringify(matches)).toBeDefined()
    expect(found!.lon).toBeGreaterThan(30.2)
    expect(found!.lat).toBeGreaterThan(50.2)
    expect(matches.length).toBeLessThanOrEqual(8)
  })

  it('answers nothing for one letter and for another city\'s street', async () => {
    expect(await (await app.request('/api/addresses?city=kyiv&q=%D0%B0')).json()).toEqual([])
    expect(await (await app.request(`/api/addresses?city=marhanets&q=${encodeURIComponent('Хрещатик')}`)).json()).toEqual([])
  })

  it.each([
    ['no city', '/api/addresses?q=abc', 400],
    ['an unknown city', '/api/addresses?city=atlantis&q=abc', 404],
    ['a query over 200 characters', `/api/addresses?city=kyiv&q=${'я'.repeat(201)}`, 400],
    ['a limit over 20', '/api/addresses?city=kyiv&q=abc&limit=500', 400],
  ])('refuses %s', async (_, path, status) => {
    await expectProblem(await app.request(path), status)
  })

  it('treats LIKE and regex characters as text', async () => {
    for (const q of ['%%', '_ _', '.*', "' OR 1=1 --"]) {
      const res = await app.request(`/api/addresses?city=kyiv&q=${encodeURIComponent(q)}`)
      expect(res.status).toBe(200)
      expect(Array.isArray(await res.json())).toBe(true)
    }
  })
})
