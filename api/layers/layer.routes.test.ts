import { readdirSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { DEMO_SOURCES, type AttributeField } from '../../layers/index.ts'
import {
  createTestLayer,
  dropTestLayers,
  expectProblem,
  makeApp,
  testLayerDefinition,
  uniqueLayerId,
  type TestApp,
} from '../testing.ts'

let database: Database
let app: TestApp['app']
const injectionLayer = uniqueLayerId()

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  await createTestLayer(database.db, testLayerDefinition(injectionLayer), [
    { properties: { name: "=cmd|' /C calc'!A0" }, geometry: { type: 'Point', coordinates: [30.52, 50.45] } },
  ])
})
afterAll(async () => {
  await dropTestLayers(database.db, injectionLayer)
  await database.close()
})

type PublicLayer = { id: string; attributes: Array<{ name: string }> } & Record<string, unknown>
const json = async <T>(path: string) => (await (await app.request(path)).json()) as T

/** A demo layer's row, read with this test's own query. */
const layerRow = (id: string) => database.db.selectFrom('layers').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const publicNames = (attributes: unknown) => (attributes as AttributeField[]).filter((a) => a.public).map((a) => a.name)

describe('GET /api/layers', () => {
  it('lists at least eight layers of Kyiv with their catalogue members', async () => {
    const res = await app.request('/api/layers?city=kyiv')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    const layers = (await res.json()) as PublicLayer[]
    expect(layers.length).toBeGreaterThanOrEqual(8)
    for (const layer of layers) {
      expect(layer).toMatchObject({
        id: expect.any(String),
        city: 'kyiv',
        theme: expect.any(String),
        title: { uk: expect.any(String), en: expect.any(String) },
        geometry_type: expect.stringMatching(/^(point|line|polygon)$/),
        version: expect.any(Number),
        tilejson: `http://localhost/tiles/${layer.id}.json?v=${layer.version}`,
      })
    }
  })

  it('shows only the public attributes of each layer', async () => {
    // Demo layers only: other test files add and drop their own layers meanwhile.
    const demo = new Set(DEMO_SOURCES.map((s) => s.layer.id))
    for (const layer of (await json<PublicLayer[]>('/api/layers?city=kyiv')).filter((l) => demo.has(l.id))) {
      const row = await layerRow(layer.id)
      expect(layer.attributes.map((a) => a.name), layer.id).toEqual(publicNames(row.attributes))
    }
  })

  it('lists a layer for every vendored demo file', async () => {
    const vendored = readdirSync(new URL('../../layers/demo/data/', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((p) =>
      /\.(geojson|geojson\.gz|csv)$/.test(p),
    )
    expect(vendored).toHaveLength(19)
    const listed = new Set((await json<PublicLayer[]>('/api/layers')).map((l) => l.id))
    for (const file of vendored) {
      const layers = DEMO_SOURCES.filter((s) => s.file === file).map((s) => s.layer.id)
      expect(layers.length, file).toBeGreaterThan(0)
      expect(layers.filter((id) => listed.has(id)), file).toEqual(layers)
    }
  })

  it('returns a 404 problem for an unknown city', async () => {
    const res = await app.request('/api/layers?city=atlantis')
    expect(await expectProblem(res, 404)).toEqual({
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'No city "atlantis"',
      instance: '/api/layers',
    })
  })
})

describe('GET /api/layers/:id', () => {
  it('shows one layer with its counts, extent and download links', async () => {
    const row = await layerRow('kyiv-metro-stations')
    const res = await app.request('/api/layers/kyiv-metro-stations')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      id: 'kyiv-metro-stations',
      feature_count: row.feature_count,
      version: Number(row.version),
      bbox: row.bbox,
      licence: row.licence,
      downloads: {
        geojson: 'http://localhost/api/layers/kyiv-metro-stations/export.geojson',
        csv: 'http://localhost/api/layers/kyiv-metro-stations/export.csv',
      },
    })
  })

  it('returns a 404 problem for an unknown layer', async () => {
    const res = await app.request('/api/layers/kyiv-no-such-layer')
    expect(await expectProblem(res, 404)).toMatchObject({ type: '/problems/not-found', detail: 'No layer "kyiv-no-such-layer"' })
  })
})

describe('GET /api/layers/:id/features', () => {
  const BBOX = [30.52, 50.44, 30.53, 50.45] as const
  const path = `/api/layers/kyiv-land-parcels/features?bbox=${BBOX.join(',')}&limit=5`
  type Page = { numberMatched: number; numberReturned: number; features: Array<{ geometry: { coordinates: unknown } }>; links: Array<{ rel: string; href: string }> }

  it('returns a GeoJSON page with the match count and a next link', async () => {
    const matched = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM features
       WHERE layer_id = 'kyiv-land-parcels' AND geom && ST_MakeEnvelope(${BBOX[0]}, ${BBOX[1]}, ${BBOX[2]}, ${BBOX[3]}, 4326)`.execute(database.db)
    const res = await app.request(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/geo+json; charset=utf-8')
    const page = (await res.json()) as Page
    expect(page).toMatchObject({ type: 'FeatureCollection', numberMatched: matched.rows[0]!.n, numberReturned: 5 })
    expect(page.links.map((l) => l.rel)).toEqual(['self', 'next'])
    const next = new URL(page.links.find((l) => l.rel === 'next')!.href)
    expect(res.headers.get('Link')).toBe(`<${next}>; rel="next"`)
    expect([next.origin + next.pathname, Object.fromEntries(next.searchParams)]).toEqual([
      'http://localhost/api/layers/kyiv-land-parcels/features',
      { bbox: BBOX.join(','), limit: '5', offset: '5' },
    ])
  })

  it('returns only features whose extent meets the bbox', async () => {
    const page = await json<Page>(path)
    for (const f of page.features) {
      const flat = JSON.stringify(f.geometry.coordinates).match(/-?\d+(\.\d+)?/g)!.map(Number)
      const xs = flat.filter((_, i) => i % 2 === 0)
      const ys = flat.filter((_, i) => i % 2 === 1)
      expect(Math.min(...xs)).toBeLessThanOrEqual(BBOX[2])
      expect(Math.max(...xs)).toBeGreaterThanOrEqual(BBOX[0])
      expect(Math.min(...ys)).toBeLessThanOrEqual(BBOX[3])
      expect(Math.max(...ys)).toBeGreaterThanOrEqual(BBOX[1])
    }
  })

  it('never carries the lessee (rent_renter)', async () => {
    const text = await (await app.request('/api/layers/kyiv-land-parcels/features?limit=1000')).text()
    expect(text).not.toContain('rent_renter')
  })

  it('has no next link on the last page', async () => {
    const page = await json<Page>('/api/layers/kyiv-metro-stations/features?limit=1000')
    expect(page.links.map((l) => l.rel)).toEqual(['self'])
  })

  it.each([
    ['bbox with three numbers', 'bbox=30.5,50.4,30.6', 'query.bbox'],
    ['bbox with letters', 'bbox=a,b,c,d', 'query.bbox'],
    ['bbox with NaN', 'bbox=NaN,50.4,30.6,50.5', 'query.bbox'],
    ['bbox with Infinity', 'bbox=-Infinity,50.4,Infinity,50.5', 'query.bbox'],
    ['bbox with west > east', 'bbox=30.6,50.4,30.5,50.5', 'query.bbox'],
    ['bbox with latitude 95', 'bbox=30.5,50.4,30.6,95', 'query.bbox'],
    ['a very long bbox', `bbox=${'1,'.repeat(5000)}1`, 'query.bbox'],
    ['SQL after the bbox', `bbox=${encodeURIComponent('1,2,3,4;DROP TABLE layers')}`, 'query.bbox'],
    ['limit=0', 'limit=0', 'query.limit'],
    ['limit=100000', 'limit=100000', 'query.limit'],
    ['limit=abc', 'limit=abc', 'query.limit'],
    ['offset=-1', 'offset=-1', 'query.offset'],
  ])('refuses %s with a 400 problem naming the field', async (_, query, field) => {
    const res = await app.request(`/api/layers/kyiv-land-parcels/features?${query}`)
    const body = await expectProblem(res, 400)
    // A bbox error may point at one of its numbers (`query.bbox.3`).
    expect(body.errors).toEqual(expect.arrayContaining([{ field: expect.stringMatching(new RegExp(`^${field}(\\.\\d)?$`)), message: expect.any(String) }]))
  })

  it('returns a 404 problem for the features of an unknown layer', async () => {
    await expectProblem(await app.request('/api/layers/kyiv-no-such-layer/features'), 404)
  })
})

describe('layer exports', () => {
  it('exports a layer as a GeoJSON FeatureCollection with licence and attribution', async () => {
    const row = await layerRow('kyiv-metro-stations')
    const res = await app.request('/api/layers/kyiv-metro-stations/export.geojson')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/geo+json; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="kyiv-metro-stations.geojson"')
    const doc = (await res.json()) as { features: unknown[] }
    expect(doc).toMatchObject({ type: 'FeatureCollection', licence: row.licence, attribution: row.attribution })
    expect(doc.features).toHaveLength(row.feature_count)
  })

  it('exports a layer as CSV with a BOM, a header of public columns and one row per feature', async () => {
    const row = await layerRow('kyiv-metro-stations')
    const res = await app.request('/api/layers/kyiv-metro-stations/export.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const records = parse(bytes.subarray(3).toString('utf8')) as string[][]
    expect(records[0]).toEqual(['id', ...publicNames(row.attributes), 'lon', 'lat', 'WKT'])
    expect(records).toHaveLength(row.feature_count + 1)
  })

  it('defuses a spreadsheet formula in a CSV export', async () => {
    const text = await (await app.request(`/api/layers/${injectionLayer}/export.csv`)).text()
    const records = parse(text) as string[][]
    expect(records[1]?.[1]).toBe("'=cmd|' /C calc'!A0")
  })

  it('never exports the lessee of a land parcel', async () => {
    const text = await (await app.request('/api/layers/kyiv-land-parcels/export.csv')).text()
    expect(text.slice(0, text.indexOf('\r\n'))).not.toContain('rent_renter')
  })

  it('returns a 404 problem for the export of an unknown layer', async () => {
    await expectProblem(await app.request('/api/layers/kyiv-no-such-layer/export.geojson'), 404)
  })
})

describe('GET /api/layers/:id/features/:featureId', () => {
  it('returns one feature with all its public attributes', async () => {
    const { rows } = await database.pool.query(`SELECT id, properties->>'cadnum' AS cadnum FROM features WHERE layer_id = 'kyiv-land-parcels' ORDER BY id LIMIT 1`)
    const res = await app.request(`/api/layers/kyiv-land-parcels/features/${rows[0].id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/)
    const body = (await res.json()) as { type: string; id: number; properties: Record<string, unknown>; geometry: { type: string } }
    expect(body).toMatchObject({ type: 'Feature', id: rows[0].id, properties: { cadnum: rows[0].cadnum } })
    expect(body.properties).not.toHaveProperty('rent_renter')
    expect(body.geometry.type).toMatch(/Polygon$/)
  })

  it('returns a 404 problem for a feature of another layer', async () => {
    const { rows } = await database.pool.query(`SELECT id FROM features WHERE layer_id = 'kyiv-metro-stations' LIMIT 1`)
    const res = await app.request(`/api/layers/kyiv-land-parcels/features/${rows[0].id}`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ type: '/problems/not-found', status: 404 })
  })

  it.each(['abc', '-1', '0', '1.5', '99999999999999999999'])('refuses the feature id %s with a 400 problem', async (bad) => {
    const res = await app.request(`/api/layers/kyiv-land-parcels/features/${bad}`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ type: '/problems/invalid-input', errors: expect.arrayContaining([expect.objectContaining({ field: 'param.featureId' })]) })
  })
})
