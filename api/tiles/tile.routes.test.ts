import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { DEFAULT_LAYER_COLOR } from '../../layers/index.ts'
import { lonLatToTile } from '../../tiles/index.ts'
import {
  bodyBytes,
  createTestLayer,
  decodeTile,
  dropTestLayers,
  expectProblem,
  insertTestFeatures,
  layerVersion,
  makeApp,
  testLayerDefinition,
  tileProperties,
  uniqueLayerId,
  type TestApp,
} from '../testing.ts'

let database: Database
let app: TestApp['app']
let tiles: TestApp['tiles']
const writable = uniqueLayerId()

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app, tiles } = await makeApp(database))
  await createTestLayer(database.db, testLayerDefinition(writable), [
    { properties: { name: 'перша' }, geometry: { type: 'Point', coordinates: [30.5234, 50.4501] } },
  ])
})
afterAll(async () => {
  await dropTestLayers(database.db, writable)
  await database.close()
})

const PARCELS = '/tiles/kyiv-land-parcels/14/9580/5523.mvt'
const identity = { 'Accept-Encoding': 'identity' }

describe('vector tiles', () => {
  it('serves a land-parcel tile that decodes to a layer of parcels with cadastral numbers', async () => {
    const res = await app.request(PARCELS, { headers: identity })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile')
    const tile = decodeTile(await bodyBytes(res))
    expect(Object.keys(tile.layers)).toEqual(['kyiv-land-parcels'])
    const features = tileProperties(tile, 'kyiv-land-parcels')
    expect(features.length).toBeGreaterThan(100)
    expect(features.every((p) => typeof p['cadnum'] === 'string')).toBe(true)
  })

  // A small tile is compressed in the request's tick, a large one on the thread pool.
  it.each([
    ['gzip', 'large'],
    ['br', 'large'],
    ['gzip', 'small'],
    ['br', 'small'],
  ] as const)('sends a %s-encoded %s tile when the client accepts it', async (coding, size) => {
    const { x, y } = lonLatToTile(30.5234, 50.4501, 14)
    const path = size === 'large' ? PARCELS : `/tiles/${writable}/14/${x}/${y}.mvt`
    const plain = await bodyBytes(await app.request(path, { headers: identity }))
    if (size === 'large') expect(plain.byteLength).toBeGreaterThan(16 * 1024)
    else expect(plain.byteLength).toBeLessThan(16 * 1024)
    const res = await app.request(path, { headers: { 'Accept-Encoding': coding } })
    expect(res.headers.get('Content-Encoding')).toBe(coding)
    expect(res.headers.get('Vary')).toBe('Accept-Encoding')
    expect(Buffer.from(await bodyBytes(res)).equals(Buffer.from(plain))).toBe(true)
  })

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await app.request(PARCELS, { headers: identity })
    const etag = first.headers.get('ETag')
    expect(etag).toMatch(/^"[^"]+"$/)
    const res = await app.request(PARCELS, { headers: { ...identity, 'If-None-Match': etag! } })
    expect(res.status).toBe(304)
    expect((await res.arrayBuffer()).byteLength).toBe(0)
  })

  it('marks a tile requested at the current version as immutable', async () => {
    const version = await layerVersion(database.db, 'kyiv-land-parcels')
    const res = await app.request(`${PARCELS}?v=${version}`, { headers: identity })
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
  })

  it('makes a tile requested without a version revalidate', async () => {
    const res = await app.request(PARCELS, { headers: identity })
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate')
  })

  it('makes a tile requested at an old version revalidate', async () => {
    const version = await layerVersion(database.db, 'kyiv-land-parcels')
    const res = await app.request(`${PARCELS}?v=${version - 1}`, { headers: identity })
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate')
  })

  it('answers a tile with no features with 204', async () => {
    const res = await app.request('/tiles/kyiv-land-parcels/14/0/0.mvt')
    expect(res.status).toBe(204)
    expect((await res.arrayBuffer()).byteLength).toBe(0)
  })

  it.each(['/tiles/kyiv-land-parcels/14/99999/1.mvt', '/tiles/kyiv-land-parcels/23/0/0.mvt', '/tiles/kyiv-land-parcels/a/b/c.mvt', '/tiles/kyiv-land-parcels/1/0/-1.mvt'])(
    'refuses %s with a 400 or 404 problem',
    async (path) => {
      const res = await app.request(path)
      expect([400, 404]).toContain(res.status)
      await expectProblem(res, res.status)
    },
  )

  it('returns a 404 problem for the tile of an unknown layer', async () => {
    await expectProblem(await app.request('/tiles/kyiv-no-such-layer/14/9580/5523.mvt'), 404)
  })

  it('encodes a tile once and serves the second request from the cache', async () => {
    const path = '/tiles/kyiv-land-parcels/15/19161/11047.mvt'
    const before = tiles.encoded
    const first = await app.request(path, { headers: identity })
    const second = await app.request(path, { headers: identity })
    expect(tiles.encoded - before).toBe(1)
    expect(second.headers.get('ETag')).toBe(first.headers.get('ETag'))
  })

  it('shows a written feature in the tile of the new version', async () => {
    const before = await layerVersion(database.db, writable)
    await insertTestFeatures(database.db, writable, [{ properties: { name: 'друга' }, geometry: { type: 'Point', coordinates: [30.5240, 50.4505] } }])
    const after = await layerVersion(database.db, writable)
    expect(after).toBeGreaterThan(before)
    // The tile server re-reads layer versions at most every 500 ms (LayerDirectory).
    await new Promise((resolve) => setTimeout(resolve, 600))
    const { x, y } = lonLatToTile(30.5234, 50.4501, 14)
    const res = await app.request(`/tiles/${writable}/14/${x}/${y}.mvt?v=${after}`, { headers: identity })
    expect(res.headers.get('Cache-Control')).toContain('immutable')
    const names = tileProperties(decodeTile(await bodyBytes(res)), writable).map((p) => p['name'])
    expect(names.sort()).toEqual(['друга', 'перша'])
  })
})

describe('TileJSON', () => {
  it('describes a layer with versioned tile URLs, bounds, zooms and the fields its tiles carry', async () => {
    const row = await database.db.selectFrom('layers').selectAll().where('id', '=', 'kyiv-land-parcels').executeTakeFirstOrThrow()
    const res = await app.request('/tiles/kyiv-land-parcels.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    const doc = (await res.json()) as { vector_layers: Array<{ fields: Record<string, string> }> }
    expect(doc).toMatchObject({
      tilejson: '3.0.0',
      tiles: [`http://localhost/tiles/kyiv-land-parcels/{z}/{x}/{y}.mvt?v=${row.version}`],
      bounds: row.bbox,
      minzoom: row.minzoom,
      maxzoom: expect.any(Number),
      vector_layers: [{ id: 'kyiv-land-parcels' }],
    })
    expect(Object.keys(doc.vector_layers[0]!.fields).sort()).toEqual(['area_ha', 'cadnum', 'category', 'ownership'])
  })

  it('returns a 404 problem for an unknown layer', async () => {
    await expectProblem(await app.request('/tiles/kyiv-no-such-layer.json'), 404)
  })
})

describe('city style', () => {
  const style = async () => (await (await app.request('/styles/kyiv.json')).json()) as StyleSpecification

  it('passes the MapLibre style validator with no errors', async () => {
    const res = await app.request('/styles/kyiv.json')
    expect(res.status).toBe(200)
    expect(validateStyleMin((await res.json()) as StyleSpecification)).toEqual([])
  })

  it('has one vector source per public layer of the city', async () => {
    // Layers other test files create and drop meanwhile (`test-…`) are left out of the comparison.
    const demo = (ids: string[]) => ids.filter((id) => !id.startsWith('test-')).sort()
    const rows = await database.db.selectFrom('layers').select('id').where('city_id', '=', 'kyiv').where('is_public', '=', true).execute()
    expect(demo(Object.keys((await style()).sources))).toEqual(demo(rows.map((r) => r.id)))
  })

  it('needs nothing from outside its own origin, its glyphs included', async () => {
    const doc = await style()
    expect(doc.glyphs).toBe('http://localhost/fonts/{fontstack}/{range}.pbf')
    const urls = JSON.stringify(doc).match(/[a-z][a-z0-9+.-]*:\/\/[^"\s]*/gi) ?? []
    expect(urls.length).toBeGreaterThan(0)
    expect(urls.filter((u) => !u.startsWith('http://localhost/'))).toEqual([])
  })

  it('returns a 404 problem for an unknown city', async () => {
    await expectProblem(await app.request('/styles/atlantis.json'), 404)
  })

  it('draws a layer whose row names no colour in the default colour, and the rest as before', async () => {
    const bare = uniqueLayerId()
    await sql`
      INSERT INTO layers (id, city_id, theme, title, description, geometry_type)
      VALUES (${bare}, 'kyiv', 'social', '{"uk":"т","en":"t"}', '{"uk":"т","en":"t"}', 'point')`.execute(database.db)
    try {
      const res = await app.request('/styles/kyiv.json')
      expect(res.status).toBe(200)
      const doc = (await res.json()) as StyleSpecification
      expect(validateStyleMin(doc)).toEqual([])
      const circle = doc.layers.find((l) => l.id === bare)
      expect(circle).toMatchObject({ type: 'circle', paint: { 'circle-color': ['case', ['has', 'point_count'], DEFAULT_LAYER_COLOR, DEFAULT_LAYER_COLOR] } })
    } finally {
      await dropTestLayers(database.db, bare)
    }
  })
})
