import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { bodyBytes, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']

/**
 * The private persons among the lessees of the source parcels file, found here by their own
 * rule, independent of the importer's: a sole trader, or a bare surname, name and patronymic.
 */
function privateLessees(): string[] {
  const file = new URL('../../layers/demo/data/kyiv/kyiv_land_parcels_state_communal.geojson.gz', import.meta.url)
  const collection = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { features: Array<{ properties: { rent_renter?: string | null } }> }
  const person = /^[А-ЯІЇЄҐ][а-яіїєґ'’-]+ [А-ЯІЇЄҐ][а-яіїєґ'’-]+ [А-ЯІЇЄҐ][а-яіїєґ'’-]+(вич|вна|ич|на)$/u
  const names = new Set<string>()
  for (const f of collection.features) {
    for (const part of (f.properties.rent_renter ?? '').split('|')) {
      const name = part.trim()
      const trader = /фізична особа/i.exec(name) ? name.replace(/^.*фізична особа[-\s]*(підприємець)?\s*/i, '') : null
      if (trader && person.test(trader)) names.add(trader)
      else if (person.test(name)) names.add(name)
    }
  }
  return [...names]
}

let persons: string[]

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  persons = privateLessees()
})
afterAll(async () => {
  await database.close()
})

async function publicText(path: string): Promise<string> {
  const res = await app.request(path, { headers: { 'Accept-Encoding': 'identity' } })
  expect(res.status, path).toBe(200)
  return Buffer.from(await bodyBytes(res)).toString('utf8')
}

describe('the private persons among the lessees of the parcels', () => {
  it('are many in the source, so the walk below is not vacuous', () => {
    expect(persons.length).toBeGreaterThan(150)
  })

  it.each([
    ['the whole register of Kyiv as CSV', '/api/property?city=kyiv&format=csv', '8000000000:'],
    ['the leased parcels as GeoJSON', '/api/property?city=kyiv&status=leased&format=geojson&limit=1000', '"leased"'],
    ['the register layer export', '/api/layers/kyiv-property/export.geojson', 'kyiv-property'],
    ['the register layer CSV', '/api/layers/kyiv-property/export.csv', '8000000000:'],
    ['the offers to investors', '/api/investment/objects?city=kyiv&format=csv', 'title_en'],
    ['the street registers', '/api/street-structures?city=marhanets', 'marhanets-trade'],
    ['the works', '/api/works?city=kyiv&format=csv', 'contractor'],
  ])('never appear in %s', async (_, path, shown) => {
    const text = await publicText(path)
    expect(text).toContain(shown)
    const leaked = persons.filter((name) => text.includes(name))
    expect(leaked, `${path} names private persons`).toEqual([])
  })

  it('are in no row of the register', async () => {
    const rows = await database.db.selectFrom('property_objects').select(['lessee_name', 'user_name', 'owner_name', 'balance_holder_name']).where('city_id', '=', 'kyiv').execute()
    const stored = new Set(rows.flatMap((r) => [r.lessee_name, r.user_name, r.owner_name, r.balance_holder_name]).filter((n): n is string => n !== null))
    expect(persons.filter((name) => [...stored].some((s) => s.includes(name)))).toEqual([])
  })
})
