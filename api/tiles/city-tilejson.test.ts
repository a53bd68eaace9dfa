import { type StyleSpecification, validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { bodyBytes, decodeTile, expectProblem, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

interface TileJson {
  tilejson: string
  tiles: string[]
  minzoom: number
  maxzoom: number
  bounds: number[]
  center: number[]
  attribution: string
  vector_layers: Array<{ id: string; fields: Record<string, string>; minzoom: number; maxzoom: number; description: string }>
}

/** The demo layers of a city, as the catalogue lists them (layers other test files make meanwhile left out). */
async function publicLayers(city: string): Promise<Array<{ id: string; version: number }>> {
  const layers = (await (await app.request(`/api/layers?city=${city}`)).json()) as Array<{ id: string; version: number }>
  return layers.filter((l) => !l.id.startsWith('test-'))
}

const cityTileJson = async (city: string) => (await (await app.request(`/tiles/${city}.json`)).json()) as TileJson

describe('GET /tiles/{city}.json: the whole city as one vector-tile source', () => {
  it('is TileJSON 3.0.0 listing every public layer of the city with its fields', async () => {
    const res = await app.request('/tiles/kyiv.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const doc = (await res.json()) as TileJson
    expect(doc).toMatchObject({ tilejson: '3.0.0', scheme: 'xyz', name: expect.any(String), attribution: expect.any(String) })
    expect(doc.minzoom).toBeGreaterThanOrEqual(0)
    expect(doc.maxzoom).toBeGreaterThanOrEqual(doc.minzoom)
    expect(doc.bounds).toHaveLength(4)
    expect(doc.bounds[0]).toBeLessThan(doc.bounds[2]!)
    expect(doc.center).toHaveLength(3)
    const ids = doc.vector_layers.map((l) => l.id)
    for (const layer of await publicLayers('kyiv')) expect(ids).toContain(layer.id)
    expect(ids).toContain('kyiv-districts-label')
    const parcels = doc.vector_layers.find((l) => l.id === 'kyiv-land-parcels')!
    expect(Object.keys(parcels.fields).sort()).toEqual(['area_ha', 'cadnum', 'category', 'ownership'])
    // Each layer's own TileJSON describes it alike.
    const own = (await (await app.request('/tiles/kyiv-land-parcels.json')).json()) as TileJson
    expect(parcels).toEqual(own.vector_layers[0])
  })

  it('points at one composite tile of every layer, at their current versions, which is immutable', async () => {
    const doc = await cityTileJson('kyiv')
    expect(doc.tiles).toHaveLength(1)
    const url = new URL(doc.tiles[0]!.replace('{z}/{x}/{y}', '12/2394/1382'))
    expect(url.origin).toBe('http://localhost')
    const res = await app.request(url.pathname + url.search, { headers: { 'Accept-Encoding': 'identity' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toMatch(/immutable/)
    const layers = Object.keys(decodeTile(await bodyBytes(res)).layers)
    expect(layers).toEqual(expect.arrayContaining(['kyiv-districts', 'kyiv-metro-stations']))
  })

  it('serves every city so, each tile URL a working composite', async () => {
    const cities = (await (await app.request('/api/cities')).json()) as Array<{ id: string; center: [number, number] }>
    for (const city of cities) {
      const doc = await cityTileJson(city.id)
      const res = await app.request(new URL(doc.tiles[0]!.replace('{z}/{x}/{y}', '0/0/0')).pathname)
      expect([200, 204], city.id).toContain(res.status)
    }
  })

  it('keeps a layer TileJSON for a layer id, and answers a 404 problem for a name that is neither', async () => {
    expect(((await (await app.request('/tiles/kyiv-districts.json')).json()) as TileJson).vector_layers[0]!.id).toBe('kyiv-districts')
    await expectProblem(await app.request('/tiles/atlantis.json'), 404)
  })
})

describe('GET /styles/{city}.json?source=city', () => {
  it('draws every layer from the one composite source, and validates', async () => {
    const style = (await (await app.request('/styles/kyiv.json?source=city')).json()) as StyleSpecification
    expect(validateStyleMin(style)).toEqual([])
    expect(style.sources).toEqual({ kyiv: { type: 'vector', url: 'http://localhost/tiles/kyiv.json', attribution: expect.any(String) } })
    const sourced = style.layers.filter((l) => 'source' in l)
    expect(sourced.length).toBeGreaterThan(5)
    expect(new Set(sourced.map((l) => (l as { source: string }).source))).toEqual(new Set(['kyiv']))
    const tilejson = await cityTileJson('kyiv')
    const vectorLayers = new Set(tilejson.vector_layers.map((l) => l.id))
    for (const l of sourced) expect(vectorLayers, l.id).toContain((l as { 'source-layer': string })['source-layer'])
  })
})
