/**
 * The abstract test suite of OGC API Features (OGC 17-069r4 Annex A: Core, GeoJSON, HTML,
 * OpenAPI 3.0; OGC 18-058r1 Annex A: CRS by reference), written as tests of our own because
 * the OGC's executable suite needs Maven Central. Each `describe` names the abstract test it
 * implements. The collections are the demo data's real layers.
 */
import { execFileSync } from 'node:child_process'
import { gunzipSync } from 'node:zlib'
import SwaggerParser from '@apidevtools/swagger-parser'
import { isFeature, isFeatureCollection } from 'geojson-validation'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { lonLatToTile } from '../../tiles/index.ts'
import { bodyBytes, createTestLayer, decodeTile, dropTestLayers, expectProblem, insertTestFeatures, makeApp, testLayerDefinition, uniqueLayerId, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
const BASE = 'http://localhost'
const pagingLayer = uniqueLayerId('test-ogc')

type Link = { href: string; rel: string; type?: string; templated?: boolean }
type Collection = { id: string; links: Link[]; extent?: { spatial: { bbox: number[][]; crs: string }; temporal?: { interval: (string | null)[][] } }; crs: string[]; storageCrs: string; synthetic: boolean; itemType: string }
type Feature = { type: 'Feature'; id: number; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown>; links?: Link[] }
type Items = { type: 'FeatureCollection'; features: Feature[]; links: Link[]; numberMatched: number; numberReturned: number; timeStamp: string }

const get = (path: string, headers: Record<string, string> = {}) => app.request(path.startsWith('http') ? path : `${BASE}${path}`, { headers })
async function getJson<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await get(path, headers)
  expect(res.status, `${path} → ${res.status}`).toBe(200)
  return (await res.json()) as T
}
const linkOf = (links: Link[], rel: string, type?: string) => links.find((l) => l.rel === rel && (type === undefined || l.type?.startsWith(type)))

/** Every position of a GeoJSON geometry. */
function positionsOf(coordinates: unknown): number[][] {
  if (Array.isArray(coordinates) && typeof coordinates[0] === 'number') return [coordinates as number[]]
  return (coordinates as unknown[]).flatMap(positionsOf)
}

/** Follows `next` links from `path` and returns every feature of every page. */
async function allPages(path: string): Promise<{ features: Feature[]; pages: number; matched: number[] }> {
  const features: Feature[] = []
  const matched: number[] = []
  let url: string | undefined = path
  let pages = 0
  while (url) {
    const page: Items = await getJson<Items>(url)
    features.push(...page.features)
    matched.push(page.numberMatched)
    url = linkOf(page.links, 'next', 'application/geo+json')?.href
    if (++pages > 500) throw new Error('the next chain does not end')
  }
  return { features, pages, matched }
}

async function publicLayerCount(id: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM features WHERE layer_id = ${id}`.execute(database.db)
  return rows[0]!.n
}

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  await createTestLayer(
    database.db,
    testLayerDefinition(pagingLayer, {
      attributes: [
        { name: 'name', type: 'string', label: { uk: 'Назва', en: 'Name' }, public: true },
        { name: 'rank', type: 'integer', label: { uk: 'Ранг', en: 'Rank' }, public: true },
        { name: 'opened', type: 'date', label: { uk: 'Відкрито', en: 'Opened' }, public: true },
        { name: 'owner_phone', type: 'string', label: { uk: 'Телефон', en: 'Phone' }, public: false },
      ],
    }),
    Array.from({ length: 25 }, (_, i) => ({
      properties: { name: `point ${i}`, rank: i % 5, opened: `2024-0${1 + (i % 9)}-15`, owner_phone: '+380501234567' },
      geometry: { type: 'Point' as const, coordinates: [30.5 + i * 0.001, 50.45] },
    })),
  )
})
afterAll(async () => {
  await dropTestLayers(database.db, pagingLayer)
  await database.close()
})

describe('Core: the landing page (/conf/core/root-op, root-success)', () => {
  it('answers 200 with links to service-desc, service-doc, conformance and data, each with a type', async () => {
    const landing = await getJson<{ title: string; links: Link[] }>('/ogc')
    expect(landing.title).toBeTruthy()
    for (const rel of ['self', 'service-desc', 'service-doc', 'conformance', 'data']) {
      const link = linkOf(landing.links, rel)
      expect(link, rel).toBeDefined()
      expect(link!.type, rel).toBeTruthy()
      expect((await get(link!.href)).status, link!.href).toBe(200)
    }
    expect(linkOf(landing.links, 'alternate', 'text/html')).toBeDefined()
  })
})

describe('Core: the API definition (/conf/core/api-definition-op, api-definition-success) and OpenAPI 3.0 (/conf/oas30/*)', () => {
  it('serves an OpenAPI 3.0 document that validates, at the service-desc link with the 3.0 media type', async () => {
    const landing = await getJson<{ links: Link[] }>('/ogc')
    const desc = linkOf(landing.links, 'service-desc')!
    expect(desc.type).toBe('application/vnd.oai.openapi+json;version=3.0')
    const res = await get(desc.href)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/vnd\.oai\.openapi\+json;version=3\.0/)
    const document = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; schema: Record<string, unknown>; style?: string; explode?: boolean }> }>> }
    expect(document.openapi).toMatch(/^3\.0\./)
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined()
    // /conf/oas30/oas-impl: every path of the definition answers.
    for (const path of Object.keys(document.paths)) {
      const concrete = path.replace('{collectionId}', 'kyiv-metro-stations').replace('{featureId}', String((await firstFeature('kyiv-metro-stations')).id))
      expect((await get(concrete)).status, concrete).toBe(200)
    }
  })

  it('declares limit with its bounds and default, bbox and datetime as OGC defines them (/conf/core/fc-limit-definition, fc-bbox-definition, fc-time-definition)', async () => {
    const document = await getJson<{ paths: Record<string, { get: { parameters: Array<{ name: string; in: string; style?: string; explode?: boolean; schema: Record<string, unknown> }> } }> }>('/ogc/api?f=json')
    const parameters = document.paths['/ogc/collections/{collectionId}/items']!.get.parameters
    const limit = parameters.find((p) => p.name === 'limit')!
    expect(limit).toMatchObject({ in: 'query', style: 'form', explode: false, schema: { type: 'integer', minimum: 1, maximum: 10000, default: 10 } })
    const bbox = parameters.find((p) => p.name === 'bbox')!
    expect(bbox).toMatchObject({ in: 'query', style: 'form', explode: false, schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } } })
    const datetime = parameters.find((p) => p.name === 'datetime')!
    expect(datetime).toMatchObject({ in: 'query', style: 'form', explode: false, schema: { type: 'string' } })
  })
})

describe('Core: conformance (/conf/core/conformance-op, conformance-success)', () => {
  it('lists core, GeoJSON, HTML, OpenAPI 3.0 and CRS', async () => {
    const { conformsTo } = await getJson<{ conformsTo: string[] }>('/ogc/conformance')
    for (const suffix of ['ogcapi-features-1/1.0/conf/core', 'ogcapi-features-1/1.0/conf/geojson', 'ogcapi-features-1/1.0/conf/html', 'ogcapi-features-1/1.0/conf/oas30', 'ogcapi-features-2/1.0/conf/crs']) {
      expect(conformsTo).toContain(`http://www.opengis.net/spec/${suffix}`)
    }
  })
})

async function collections(): Promise<{ links: Link[]; collections: Collection[]; crs: string[] }> {
  return getJson('/ogc/collections')
}

async function firstFeature(id: string): Promise<Feature> {
  return (await getJson<Items>(`/ogc/collections/${id}/items?limit=1`)).features[0]!
}

describe('Core: feature collections (/conf/core/fc-md-op, fc-md-success, fc-md-links, fc-md-items, fc-md-items-links, fc-md-extent)', () => {
  it('lists every public layer of every city, each with items links for GeoJSON and HTML and a valid extent', async () => {
    // Other test files make layers public or not meanwhile: a layer public both before and after
    // the request must be listed, and nothing that was public at neither time may be.
    const publicIds = async () => (await sql<{ id: string }>`SELECT id FROM layers WHERE is_public ORDER BY id`.execute(database.db)).rows.map((r) => r.id)
    const before = await publicIds()
    const doc = await collections()
    const after = await publicIds()
    expect(linkOf(doc.links, 'self', 'application/json')).toBeDefined()
    expect(linkOf(doc.links, 'alternate', 'text/html')).toBeDefined()
    const listed = doc.collections.map((c) => c.id)
    for (const id of before.filter((x) => after.includes(x))) expect(listed, id).toContain(id)
    for (const id of listed) expect(before.includes(id) || after.includes(id), id).toBe(true)
    expect(listed.length).toBeGreaterThan(30)
    for (const c of doc.collections) {
      expect(c.itemType).toBe('feature')
      expect(linkOf(c.links, 'items', 'application/geo+json'), c.id).toBeDefined()
      expect(linkOf(c.links, 'items', 'text/html'), c.id).toBeDefined()
      expect(linkOf(c.links, 'license'), c.id).toBeDefined()
      const [w, s, e, n] = c.extent!.spatial.bbox[0]!
      expect(w! <= e! && s! <= n! && w! >= -180 && e! <= 180 && s! >= -90 && n! <= 90, c.id).toBe(true)
      for (const end of c.extent!.temporal?.interval[0] ?? []) if (end !== null) expect(Number.isNaN(Date.parse(end)), `${c.id} ${end}`).toBe(false)
    }
  })

  it('answers one collection as the list has it (/conf/core/sfc-md-op, sfc-md-success)', async () => {
    const listed = (await collections()).collections.find((c) => c.id === 'kyiv-land-parcels')!
    expect(await getJson<Collection>('/ogc/collections/kyiv-land-parcels')).toEqual(listed)
    await expectProblem(await get('/ogc/collections/no-such-layer'), 404)
  })

  it('says a collection is synthetic when its features are generated, even if the layer holds real ones too', async () => {
    const all = (await collections()).collections
    expect(all.find((c) => c.id === 'kyiv-appeals')!.synthetic).toBe(true)
    expect(all.find((c) => c.id === 'kyiv-metro-stations')!.synthetic).toBe(false)
  })
})

describe('Core: features (/conf/core/fc-op, fc-response, fc-links, fc-timeStamp, fc-numberReturned, fc-numberMatched) and GeoJSON (/conf/geojson/content)', () => {
  it('answers valid GeoJSON with self, alternate and collection links, an exact numberMatched and numberReturned', async () => {
    const before = Date.now()
    const res = await get('/ogc/collections/kyiv-metro-stations/items?limit=7')
    expect(res.headers.get('Content-Type')).toMatch(/^application\/geo\+json/)
    expect(res.headers.get('Content-Crs')).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>')
    const page = (await res.json()) as Items
    expect(isFeatureCollection(page, true)).toEqual([])
    expect(page.numberReturned).toBe(page.features.length)
    expect(page.features.length).toBe(7)
    expect(page.numberMatched).toBe(await publicLayerCount('kyiv-metro-stations'))
    expect(Date.parse(page.timeStamp)).toBeGreaterThanOrEqual(before - 1000)
    for (const rel of ['self', 'alternate', 'next', 'collection']) expect(linkOf(page.links, rel), rel).toBeDefined()
    expect(res.headers.get('Link')).toBe(`<${linkOf(page.links, 'next', 'application/geo+json')!.href}>; rel="next"; type="application/geo+json"`)
  })

  it('sends a page gzipped when the client accepts it and as it is otherwise, the same document, varying on both', async () => {
    const path = '/ogc/collections/kyiv-land-parcels/items?limit=200&bbox=30.50,50.43,30.54,50.46'
    const plain = await get(path)
    const zipped = await get(path, { 'Accept-Encoding': 'gzip' })
    for (const res of [plain, zipped]) expect(res.headers.get('Vary')).toBe('Accept, Accept-Encoding')
    expect(plain.headers.get('Content-Encoding')).toBeNull()
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip')
    const text = await plain.text()
    const unzipped = gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')
    const withoutTime = (doc: string) => ({ ...(JSON.parse(doc) as Items), timeStamp: '' })
    expect(withoutTime(unzipped)).toEqual(withoutTime(text))
    expect(withoutTime(text).features.length).toBe(200)
    expect(text).toContain('"purpose":')
  })

  it('pages to the end by next links: every feature once, numberMatched the whole count (/conf/core/fc-limit-response-1)', async () => {
    const { features, pages, matched } = await allPages('/ogc/collections/kyiv-metro-stations/items?limit=10')
    const count = await publicLayerCount('kyiv-metro-stations')
    expect(features.length).toBe(count)
    expect(new Set(features.map((f) => f.id)).size).toBe(count)
    expect(pages).toBe(Math.ceil(count / 10))
    expect(new Set(matched)).toEqual(new Set([count]))
  })

  it('keeps its next links true while features are added between pages: none repeated, none skipped', async () => {
    const first = await getJson<Items>(`/ogc/collections/${pagingLayer}/items?limit=10`)
    await insertTestFeatures(database.db, pagingLayer, [{ properties: { name: 'added while paging', rank: 1, opened: '2024-02-01' }, geometry: { type: 'Point', coordinates: [30.49, 50.45] } }])
    const rest = await allPages(linkOf(first.links, 'next', 'application/geo+json')!.href)
    const ids = [...first.features, ...rest.features].map((f) => f.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe(await publicLayerCount(pagingLayer))
  })

  it('answers the default page size, and never more than limit', async () => {
    expect((await getJson<Items>('/ogc/collections/kyiv-metro-stations/items')).features.length).toBe(10)
    expect((await getJson<Items>('/ogc/collections/kyiv-metro-stations/items?limit=1')).features.length).toBe(1)
  })

  it('writes only public attributes, in CRS84 within the collection extent (/conf/core/crs84)', async () => {
    const page = await getJson<Items>(`/ogc/collections/${pagingLayer}/items?limit=100`)
    for (const f of page.features) expect(Object.keys(f.properties).sort()).toEqual(['name', 'opened', 'rank'])
    const parcels = await getJson<Items>('/ogc/collections/kyiv-land-parcels/items?limit=50')
    const [w, s, e, n] = (await getJson<Collection>('/ogc/collections/kyiv-land-parcels')).extent!.spatial.bbox[0]!
    for (const [x, y] of parcels.features.flatMap((f) => positionsOf(f.geometry.coordinates))) expect(x! >= w! - 1e-6 && x! <= e! + 1e-6 && y! >= s! - 1e-6 && y! <= n! + 1e-6).toBe(true)
  })
})

describe('Core: bbox (/conf/core/fc-bbox-response)', () => {
  it('answers only the features that meet the box, and all of them', async () => {
    const box = [30.5, 50.43, 30.53, 50.46]
    const { features, matched } = await allPages(`/ogc/collections/kyiv-land-parcels/items?limit=1000&bbox=${box.join(',')}`)
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM features WHERE layer_id = 'kyiv-land-parcels' AND ST_Intersects(geom, ST_MakeEnvelope(${box[0]}, ${box[1]}, ${box[2]}, ${box[3]}, 4326))`.execute(database.db)
    expect(rows[0]!.n).toBeGreaterThan(0)
    expect(features.length).toBe(rows[0]!.n)
    expect(matched[0]).toBe(rows[0]!.n)
    for (const f of features) {
      const ps = positionsOf(f.geometry.coordinates)
      const [minX, maxX] = [Math.min(...ps.map((p) => p[0]!)), Math.max(...ps.map((p) => p[0]!))]
      const [minY, maxY] = [Math.min(...ps.map((p) => p[1]!)), Math.max(...ps.map((p) => p[1]!))]
      expect(maxX >= box[0]! && minX <= box[2]! && maxY >= box[1]! && minY <= box[3]!).toBe(true)
    }
  })

  it('refuses a wrong box with 400 naming bbox (/conf/core/query-param-invalid)', async () => {
    for (const bbox of ['1,2,3', 'a,b,c,d', '30,50,29,51', '30,51,31,50', '200,50,201,51', '1,2,3,4,5', `${'9,'.repeat(100)}9`]) {
      const body = await expectProblem(await get(`/ogc/collections/kyiv-metro-stations/items?bbox=${bbox}`), 400)
      expect(JSON.stringify(body.errors), bbox).toContain('bbox')
    }
  })
})

describe('Core: datetime (/conf/core/fc-time-response)', () => {
  it('answers the features whose date lies in the interval, in every form of interval', async () => {
    const all = (await allPages(`/ogc/collections/${pagingLayer}/items?limit=100`)).features
    const inRange = (from: string, to: string) => all.filter((f) => String(f.properties.opened) >= from && String(f.properties.opened) <= to).length
    const cases: Array<[string, number]> = [
      ['2024-03-15', inRange('2024-03-15', '2024-03-15')],
      ['2024-03-15T10:00:00Z', inRange('2024-03-15', '2024-03-15')],
      ['2024-02-01/2024-04-30', inRange('2024-02-01', '2024-04-30')],
      ['../2024-03-01', inRange('0000', '2024-03-01')],
      ['2024-06-01/..', inRange('2024-06-01', '9999')],
    ]
    for (const [datetime, expected] of cases) {
      expect(expected, datetime).toBeGreaterThan(0)
      expect((await getJson<Items>(`/ogc/collections/${pagingLayer}/items?limit=100&datetime=${encodeURIComponent(datetime)}`)).numberMatched, datetime).toBe(expected)
    }
  })

  it('has a temporal extent from the dates, and refuses datetime where there is no date', async () => {
    const c = await getJson<Collection>(`/ogc/collections/${pagingLayer}`)
    expect(c.extent!.temporal!.interval[0]).toEqual(['2024-01-15T00:00:00Z', '2024-09-15T23:59:59Z'])
    for (const datetime of ['yesterday', '2024-13-45', '2024-05-01/2024-01-01', '../..', 'a/b/c']) await expectProblem(await get(`/ogc/collections/${pagingLayer}/items?datetime=${encodeURIComponent(datetime)}`), 400)
    await expectProblem(await get('/ogc/collections/kyiv-metro-stations/items?datetime=2024-01-01'), 400)
  })
})

describe('Queryables and property filters (Part 3 queryables, queryables-query-parameters)', () => {
  it('lists the public attributes as a JSON Schema and filters by them with the right types', async () => {
    const q = await getJson<{ properties: Record<string, { type?: string }> }>(`/ogc/collections/${pagingLayer}/queryables`)
    expect(Object.keys(q.properties).sort()).toEqual(['geometry', 'name', 'opened', 'rank'])
    expect(q.properties.rank!.type).toBe('integer')
    const byRank = await getJson<Items>(`/ogc/collections/${pagingLayer}/items?rank=3&limit=100`)
    expect(byRank.numberMatched).toBe(5)
    for (const f of byRank.features) expect(f.properties.rank).toBe(3)
    expect((await getJson<Items>(`/ogc/collections/${pagingLayer}/items?name=${encodeURIComponent('point 7')}`)).numberMatched).toBe(1)
  })

  it('refuses an unknown parameter, a private attribute and a value of the wrong type (/conf/core/query-param-unknown)', async () => {
    for (const query of ['owner_phone=1', 'nonsense=1', 'rank=three', 'rank=1.5', 'limit=0', 'limit=10001', 'limit=abc', 'cursor=-1', 'f=xml', 'limit=1&limit=2']) {
      await expectProblem(await get(`/ogc/collections/${pagingLayer}/items?${query}`), 400)
    }
  })
})

describe('Core: one feature (/conf/core/f-op, f-success, f-links)', () => {
  it('answers a feature with self, alternate and collection links, and 404 for another id', async () => {
    const { id } = await firstFeature('kyiv-metro-stations')
    const res = await get(`/ogc/collections/kyiv-metro-stations/items/${id}`)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/geo\+json/)
    const feature = (await res.json()) as Feature
    expect(isFeature(feature, true)).toEqual([])
    expect(feature.id).toBe(id)
    for (const rel of ['self', 'alternate', 'collection']) expect(linkOf(feature.links!, rel), rel).toBeDefined()
    await expectProblem(await get('/ogc/collections/kyiv-metro-stations/items/999999999'), 404)
    await expectProblem(await get('/ogc/collections/kyiv-metro-stations/items/abc'), 400)
    const other = await firstFeature('kyiv-land-parcels')
    await expectProblem(await get(`/ogc/collections/kyiv-metro-stations/items/${other.id}`), 404)
  })
})

describe('HTML (/conf/html/definition, /conf/html/content)', () => {
  it('answers every resource in HTML by f=html and by a browser\'s Accept, with JSON the default', async () => {
    const { id } = await firstFeature('kyiv-metro-stations')
    const paths = ['/ogc', '/ogc/conformance', '/ogc/api', '/ogc/collections', '/ogc/collections/kyiv-metro-stations', '/ogc/collections/kyiv-metro-stations/items', `/ogc/collections/kyiv-metro-stations/items/${id}`, '/ogc/collections/kyiv-metro-stations/queryables']
    for (const path of paths) {
      const byF = await get(`${path}?f=html`)
      expect(byF.headers.get('Content-Type'), path).toMatch(/^text\/html/)
      const text = await byF.text()
      expect(text, path).toMatch(/^<!doctype html>/)
      expect(text, path).toMatch(/<title>[^<]+<\/title>/)
      const byAccept = await get(path, { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' })
      expect(byAccept.headers.get('Content-Type'), path).toMatch(/^text\/html/)
      expect((await get(path, { Accept: 'application/json' })).headers.get('Content-Type'), path).not.toMatch(/^text\/html/)
    }
  })

  it('escapes what the data says', async () => {
    const hostile = uniqueLayerId('test-ogc')
    await createTestLayer(database.db, testLayerDefinition(hostile), [{ properties: { name: '<script>alert(1)</script>' }, geometry: { type: 'Point', coordinates: [30.5, 50.4] } }])
    try {
      const text = await (await get(`/ogc/collections/${hostile}/items?f=html`)).text()
      expect(text).not.toContain('<script>alert(1)</script>')
      expect(text).toContain('&lt;script&gt;')
    } finally {
      await dropTestLayers(database.db, hostile)
    }
  })
})

const gdaltransform = (() => {
  try {
    execFileSync('gdaltransform', ['--version'])
    return true
  } catch {
    return false
  }
})()

describe('CRS by reference (OGC 18-058r1: /conf/crs/crs-parameter, bbox-crs-parameter, crs-response-header, storageCrs)', () => {
  it('lists the CRSs of every collection and its storage CRS', async () => {
    const doc = await collections()
    for (const uri of ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'http://www.opengis.net/def/crs/EPSG/0/4326', 'http://www.opengis.net/def/crs/EPSG/0/3857', 'http://www.opengis.net/def/crs/EPSG/0/6384', 'http://www.opengis.net/def/crs/EPSG/0/5565']) {
      expect(doc.crs).toContain(uri)
      for (const c of doc.collections) expect(c.crs).toContain(uri)
    }
    for (const c of doc.collections) expect(c.storageCrs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84')
  })

  it.skipIf(!gdaltransform)('writes coordinates in the asked CRS and its axis order, as GDAL transforms them, and says so in Content-Crs', async () => {
    const { id, geometry } = await firstFeature('kyiv-metro-stations')
    const [lon, lat] = geometry.coordinates as [number, number]
    for (const code of [4326, 3857, 6384, 5565]) {
      const uri = `http://www.opengis.net/def/crs/EPSG/0/${code}`
      const res = await get(`/ogc/collections/kyiv-metro-stations/items/${id}?crs=${encodeURIComponent(uri)}`)
      expect(res.headers.get('Content-Crs')).toBe(`<${uri}>`)
      const [a, b] = ((await res.json()) as Feature).geometry.coordinates as [number, number]
      // gdaltransform writes easting (longitude) first; the CRS's own order is northing (latitude) first, except in 3857.
      const [gx, gy] = execFileSync('gdaltransform', ['-s_srs', 'OGC:CRS84', '-t_srs', `EPSG:${code}`], { input: `${lon} ${lat}\n` }).toString().trim().split(/\s+/).map(Number)
      const [ga, gb] = code === 3857 ? [gx, gy] : [gy, gx]
      const tolerance = code === 4326 ? 1e-6 : 0.02
      expect(Math.abs(a - ga!), `EPSG:${code}`).toBeLessThan(tolerance)
      expect(Math.abs(b - gb!), `EPSG:${code}`).toBeLessThan(tolerance)
    }
  })

  it('selects by a box in another CRS the same features as by the box in CRS84', async () => {
    const lonLat = await getJson<Items>('/ogc/collections/kyiv-metro-stations/items?limit=100&bbox=30.45,50.40,30.60,50.50')
    const lonLatIds = lonLat.features.map((f) => f.id).sort()
    expect(lonLatIds.length).toBeGreaterThan(3)
    const latLon = await getJson<Items>(`/ogc/collections/kyiv-metro-stations/items?limit=100&bbox=50.40,30.45,50.50,30.60&bbox-crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4326')}`)
    expect(latLon.features.map((f) => f.id).sort()).toEqual(lonLatIds)
    // The same box in Web Mercator metres.
    const merc = (lon: number, lat: number) => [(lon * Math.PI * 6378137) / 180, Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * 6378137]
    const [x1, y1] = merc(30.45, 50.4)
    const [x2, y2] = merc(30.6, 50.5)
    const inMercator = await getJson<Items>(`/ogc/collections/kyiv-metro-stations/items?limit=100&bbox=${[x1, y1, x2, y2].join(',')}&bbox-crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/3857')}`)
    expect(inMercator.features.map((f) => f.id).sort()).toEqual(lonLatIds)
  })

  it('refuses a CRS it does not serve with 400', async () => {
    for (const crs of ['http://www.opengis.net/def/crs/EPSG/0/99999', 'EPSG:2000', 'nonsense', '']) {
      await expectProblem(await get(`/ogc/collections/kyiv-metro-stations/items?crs=${encodeURIComponent(crs)}`), 400)
      await expectProblem(await get(`/ogc/collections/kyiv-metro-stations/items?bbox=1,2,3,4&bbox-crs=${encodeURIComponent(crs)}`), 400)
    }
  })
})

describe('hostile input', () => {
  it('answers a clear 400 or 404 problem to hostile paths, parameters and headers, never a 500', async () => {
    const cases: Array<[string, Record<string, string>, number]> = [
      ['/ogc/collections/..%2F..%2Fetc%2Fpasswd', {}, 400],
      [`/ogc/collections/${'a'.repeat(300)}`, {}, 400],
      ['/ogc/collections/KYIV-DISTRICTS', {}, 400],
      ['/ogc/collections/kyiv-districts/items/1e99', {}, 400],
      ['/ogc/collections/kyiv-districts/items/-1', {}, 400],
      ['/ogc/collections/kyiv-districts/items?cursor=1e400', {}, 400],
      [`/ogc/collections/kyiv-districts/items?name=${'x'.repeat(600)}`, {}, 400],
      ["/ogc/collections/kyiv-districts/items?name='%20OR%201=1--", {}, 200],
      ['/ogc/collections/kyiv-districts/items?datetime=%00', {}, 400],
    ]
    for (const [path, headers, status] of cases) {
      const res = await get(path, headers)
      if (status === 200) {
        expect(res.status, path).toBe(200)
        expect(((await res.json()) as Items).numberMatched, path).toBe(0)
      } else await expectProblem(res, status)
    }
    // An Accept header nobody could mean still gets JSON.
    for (const accept of ['', '*/*', 'text/html;q=abc', ';;;', 'application/xml']) {
      const res = await get('/ogc/collections', { Accept: accept })
      expect(res.status, accept).toBe(200)
      expect(res.headers.get('Content-Type'), accept).toMatch(/^application\/json/)
    }
  })
})

describe('OGC API Tiles (OGC 20-057: tilesets-list, tileset, geodata-tilesets, mvt)', () => {
  it("leads from a collection to its tileset and from the tileset's template to a tile holding the layer", async () => {
    const collection = await getJson<Collection>('/ogc/collections/kyiv-metro-stations')
    const tilesets = await getJson<{ tilesets: Array<{ tileMatrixSetURI: string; links: Link[] }> }>(linkOf(collection.links, 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector')!.href)
    expect(tilesets.tilesets[0]!.tileMatrixSetURI).toBe('http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad')
    const tileset = await getJson<{ layers: Array<{ id: string }>; links: Array<Link & { templated?: boolean }> }>(linkOf(tilesets.tilesets[0]!.links, 'self')!.href)
    expect(tileset.layers.map((l) => l.id)).toContain('kyiv-metro-stations')
    const template = linkOf(tileset.links, 'item', 'application/vnd.mapbox-vector-tile')!
    expect(template.templated).toBe(true)
    const { geometry } = await firstFeature('kyiv-metro-stations')
    const [lon, lat] = geometry.coordinates as [number, number]
    const { x, y } = lonLatToTile(lon, lat, 14)
    const res = await get(template.href.replace('{tileMatrix}', '14').replace('{tileCol}', String(x)).replace('{tileRow}', String(y)))
    expect(res.status).toBe(200)
    expect(decodeTile(await bodyBytes(res)).layers['kyiv-metro-stations']!.length).toBeGreaterThan(0)
  })
})
