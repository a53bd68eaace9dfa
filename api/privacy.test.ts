import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/index.ts'
import { openTestDatabase } from '../db/testing.ts'
import { lonLatToTile } from '../tiles/index.ts'
import {
  bodyBytes,
  createTestLayer,
  decodeTile,
  dropTestLayers,
  makeApp,
  testLayerDefinition,
  tileProperties,
  uniqueLayerId,
  type TestApp,
} from './test-helpers.ts'

const PHONE = '+380501234567'
const OWNER = 'Іваненко Петро'
const SECRETS = [PHONE, OWNER, 'owner_phone', 'owner_name']
const CENTRE: [number, number] = [30.5234, 50.4501]

let database: Database
let app: TestApp['app']
const id = uniqueLayerId('test-privacy')

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  const layer = testLayerDefinition(id, {
    attributes: [
      { name: 'name', type: 'string', label: { uk: 'Назва', en: 'Name' }, public: true, overview: true },
      { name: 'owner_phone', type: 'string', label: { uk: 'Телефон власника', en: 'Owner phone' }, public: false },
      { name: 'owner_name', type: 'string', label: { uk: 'Власник', en: 'Owner' }, public: false },
    ],
    style: { color: '#e53935', label: 'name' },
  })
  await createTestLayer(
    database.db,
    layer,
    ([CENTRE, [30.524, 50.4505], [30.5301, 50.4402]] as Array<[number, number]>).map(([x, y], i) => ({
      properties: { name: `Кіоск ${i + 1}`, owner_phone: PHONE, owner_name: OWNER },
      geometry: { type: 'Point', coordinates: [x, y] },
    })),
  )
})
afterAll(async () => {
  await dropTestLayers(database.db, id)
  await database.close()
})

/** The body of a public endpoint as text, after checking it answered. */
async function publicText(path: string): Promise<string> {
  const res = await app.request(path, { headers: { 'Accept-Encoding': 'identity' } })
  expect(res.status, path).toBe(200)
  return Buffer.from(await bodyBytes(res)).toString('utf8')
}

describe('attributes marked public: false', () => {
  it('are really stored, so the walk below is not vacuous', async () => {
    const row = await database.db.selectFrom('features').select('properties').where('layer_id', '=', id).executeTakeFirstOrThrow()
    expect(row.properties).toMatchObject({ owner_phone: PHONE, owner_name: OWNER })
  })

  // Each endpoint must show the layer (its id or a public value) for the check to mean anything.
  it.each([
    ['the catalogue of the city', '/api/layers?city=kyiv', id],
    ['the catalogue of all cities', '/api/layers', id],
    ['the layer', `/api/layers/${id}`, id],
    ['the feature list', `/api/layers/${id}/features`, 'Кіоск 1'],
    ['the feature list in a bbox', `/api/layers/${id}/features?bbox=30.5,50.4,30.6,50.5&limit=1000`, 'Кіоск 3'],
    ['the GeoJSON export', `/api/layers/${id}/export.geojson`, 'Кіоск 2'],
    ['the CSV export', `/api/layers/${id}/export.csv`, 'Кіоск 2'],
    ['the TileJSON', `/tiles/${id}.json`, id],
    ['the city style', '/styles/kyiv.json', id],
  ])('never appear in %s', async (_, path, shown) => {
    const text = await publicText(path)
    expect(text).toContain(shown)
    for (const secret of SECRETS) expect(text, `${path} leaks ${secret}`).not.toContain(secret)
  })

  it.each([8, 11, 14, 16])('never appear in the decoded tile at zoom %i', async (z) => {
    const { x, y } = lonLatToTile(CENTRE[0], CENTRE[1], z)
    const res = await app.request(`/tiles/${id}/${z}/${x}/${y}.mvt`, { headers: { 'Accept-Encoding': 'identity' } })
    expect(res.status).toBe(200)
    const bytes = await bodyBytes(res)
    const features = tileProperties(decodeTile(bytes), id)
    expect(features.length).toBeGreaterThan(0)
    const seen = JSON.stringify(features)
    for (const secret of SECRETS) expect(seen).not.toContain(secret)
    for (const secret of SECRETS) expect(Buffer.from(bytes).includes(Buffer.from(secret))).toBe(false)
  })
})
