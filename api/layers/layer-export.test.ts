/**
 * Layer exports as files any GIS opens by URL: every format read back by GDAL through
 * `/vsicurl/` from the real app on a real port, the HTTP of a file (length, validators,
 * ranges, HEAD), each file written once per layer version, and hostile paths refused.
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getRequestListener } from '@hono/node-server'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { LayerExportStore } from '../../layers/index.ts'
import { TileService } from '../../tiles/index.ts'
import { createApp } from '../index.ts'
import { checkedAgainstContract } from '../openapi/index.ts'
import { createTestLayer, dropTestLayers, expectProblem, insertTestFeatures, layerVersion, testAppDeps, testLayerDefinition, uniqueLayerId } from '../testing.ts'

const GDAL_MISSING = spawnSync('ogrinfo', ['--version']).error ? 'ogrinfo (GDAL) is not installed: the exports are read back with GDAL' : undefined
if (GDAL_MISSING) console.log(`skipped: ${GDAL_MISSING}`)

const FORMATS = ['geojson', 'csv', 'gpkg', 'fgb'] as const

let database: Database
let store: LayerExportStore
let app: ReturnType<typeof createApp>
let server: Server
let origin: string
const scratch = mkdtempSync(join(tmpdir(), 'layer-export-test-'))

beforeAll(async () => {
  database = await openTestDatabase()
  store = new LayerExportStore(join(scratch, 'exports'))
  app = checkedAgainstContract(createApp({ ...testAppDeps(database, await TileService.create(database.db)), layerExports: store }))
  server = createServer(getRequestListener(app.fetch))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await database?.close()
  rmSync(scratch, { recursive: true, force: true })
})

/** A layer's row as this test reads it. */
async function layerRow(id: string) {
  const row = await database.db.selectFrom('layers').select(['feature_count', 'version', 'bbox']).where('id', '=', id).executeTakeFirstOrThrow()
  return { featureCount: row.feature_count, version: Number(row.version), bbox: row.bbox as number[] }
}

/** The versioned URL the current export URL links to (`rel="alternate"`), as a path. */
async function versionedPath(path: string): Promise<string> {
  const link = (await app.request(path, { method: 'HEAD' })).headers.get('Link') ?? ''
  const href = /<([^>]+)>; rel="alternate"/.exec(link)?.[1]
  if (!href) throw new Error(`no alternate link on ${path}: ${link}`)
  return new URL(href).pathname
}

/** What `ogrinfo -so` says of a layer: its feature count, geometry type, extent and field types. */
interface OgrSummary {
  count: number
  geometry: string
  extent: number[]
  fields: Record<string, string>
}

/** GDAL's own environment: no proxy for our port, no directory listing of the API. */
const GDAL_ENV = { ...process.env, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1', GDAL_HTTP_MAX_RETRY: '0', CPL_VSIL_CURL_CACHE_SIZE: '0' }

/** Runs a GDAL tool without blocking: the app it reads from answers on this same event loop. */
function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tool, args, { env: GDAL_ENV, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

async function ogrinfo(source: string): Promise<OgrSummary> {
  const run = await gdal('ogrinfo', ['-ro', '-al', '-so', source])
  if (run.code !== 0) throw new Error(`ogrinfo could not read ${source}: ${run.stderr || run.stdout}`)
  const out = run.stdout
  const extent = /^Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)/m.exec(out)
  const fields = Object.fromEntries([...out.matchAll(/^(\w+): (\w+(?:\(\w+\))?) \(/gm)].map((m) => [m[1]!, m[2]!]))
  return {
    count: Number(/^Feature Count: (\d+)/m.exec(out)?.[1]),
    geometry: /^Geometry: (.+)$/m.exec(out)?.[1] ?? '',
    extent: extent ? extent.slice(1).map(Number) : [],
    fields,
  }
}

/** The demo layers read back: points with a date and text, points with integers, polygons with integers and reals. */
const LAYERS = [
  { id: 'kyiv-alcohol-licenses', geometry: /^Point$/, typed: { valid_to: /^Date/ } },
  { id: 'kyiv-metro-stations', geometry: /^Point$/, typed: { station_order: /^Integer/ } },
  { id: 'kharkiv-buildings', geometry: /Polygon$/, typed: { building_levels: /^Integer/, height_m: /^Real$/ } },
] as const

describe.skipIf(GDAL_MISSING)('GDAL opens every export format by URL (/vsicurl/)', () => {
  describe.each(LAYERS)('$id', ({ id, geometry, typed }) => {
    it.each(FORMATS)('reads the %s export: every feature, the geometry and typed fields', async (format) => {
      const { featureCount, bbox } = await layerRow(id)
      const summary = await ogrinfo(`/vsicurl/${origin}/api/layers/${id}/export.${format}`)
      expect(summary.count).toBe(featureCount)
      // A CSV's WKT column has no declared type: GDAL says "Unknown (any)" and still reads it, as the extent shows.
      expect(summary.geometry).toMatch(format === 'csv' ? /^Unknown/ : geometry)
      expect(summary.extent).toHaveLength(4)
      summary.extent.forEach((v, i) => expect(v).toBeCloseTo(bbox[i]!, 3))
      // GeoJSON declares no types: GDAL infers them from the values, so whole reals read as Integer there.
      for (const [name, type] of Object.entries(typed)) expect(summary.fields[name], `${name} in ${format}`).toMatch(format === 'geojson' && type.source === '^Real$' ? /^(Real|Integer)$/ : type)
      expect(Object.values(summary.fields).some((t) => t !== 'String')).toBe(true)
    })
  })

  it.each(['gpkg', 'fgb'] as const)('copies the %s export with ogr2ogr into a GeoPackage of its own', async (format) => {
    const { featureCount } = await layerRow('kharkiv-buildings')
    const copy = join(scratch, `copy-${format}.gpkg`)
    const run = await gdal('ogr2ogr', ['-f', 'GPKG', copy, `/vsicurl/${origin}/api/layers/kharkiv-buildings/export.${format}`])
    expect(run.code, run.stderr).toBe(0)
    expect((await ogrinfo(copy)).count).toBe(featureCount)
  })

  it('reads the versioned URL of the CSV with its .csvt beside it', async () => {
    const { featureCount } = await layerRow('kyiv-alcohol-licenses')
    const summary = await ogrinfo(`/vsicurl/${origin}${await versionedPath('/api/layers/kyiv-alcohol-licenses/export.csv')}`)
    expect([summary.count, summary.fields.valid_to]).toEqual([featureCount, 'Date'])
  })
})

describe('an export served as a file', () => {
  const path = '/api/layers/kyiv-metro-stations/export.fgb'

  it('answers HEAD with the length, validators and ranges of the file, and no body', async () => {
    const full = await app.request(path)
    const bytes = new Uint8Array(await full.arrayBuffer())
    const head = await app.request(path, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(Object.fromEntries(['Content-Type', 'Content-Length', 'Accept-Ranges', 'ETag', 'Cache-Control'].map((h) => [h, head.headers.get(h)]))).toEqual({
      'Content-Type': 'application/vnd.flatgeobuf',
      'Content-Length': String(bytes.length),
      'Accept-Ranges': 'bytes',
      ETag: full.headers.get('ETag'),
      'Cache-Control': 'public, max-age=60, must-revalidate',
    })
    expect(new Date(head.headers.get('Last-Modified')!).getTime()).toBeGreaterThan(0)
    expect((await head.arrayBuffer()).byteLength).toBe(0)
  })

  it('links the current URL to the immutable URL of its version, which serves the same file', async () => {
    const { version } = await layerRow('kyiv-metro-stations')
    const current = await app.request(path)
    const versioned = await versionedPath(path)
    expect(versioned).toMatch(new RegExp(`^/api/layers/kyiv-metro-stations/export/v${version}-[0-9a-f]{8}\\.fgb$`))
    expect(current.headers.get('Link')).toContain(`<http://localhost${versioned}>; rel="alternate"`)
    const res = await app.request(versioned)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('ETag')).toBe(current.headers.get('ETag'))
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(await current.arrayBuffer()))).toBe(true)
  })

  it('answers a Range with 206 and those bytes: the FlatGeobuf magic', async () => {
    const res = await app.request(path, { headers: { Range: 'bytes=0-7' } })
    const size = Number((await app.request(path, { method: 'HEAD' })).headers.get('Content-Length'))
    expect(res.status).toBe(206)
    expect(res.headers.get('Content-Range')).toBe(`bytes 0-7/${size}`)
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00])
  })

  it('answers If-None-Match with its ETag by 304', async () => {
    const etag = (await app.request(path, { method: 'HEAD' })).headers.get('ETag')!
    const res = await app.request(path, { headers: { 'If-None-Match': etag } })
    expect(res.status).toBe(304)
  })

  it('answers 304 to the weak ETag a gzipped download of the GeoJSON went out with', async () => {
    const geojson = '/api/layers/kyiv-metro-stations/export.geojson'
    const zipped = await app.request(geojson, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip')
    const weak = zipped.headers.get('ETag')!
    expect(weak).toMatch(/^W\//)
    expect((await app.request(geojson, { headers: { 'If-None-Match': weak, 'Accept-Encoding': 'gzip' } })).status).toBe(304)
  })

  it('sends the whole file when If-Range names another version', async () => {
    const res = await app.request(path, { headers: { Range: 'bytes=0-7', 'If-Range': '"another-version"' } })
    expect(res.status).toBe(200)
    expect(Number(res.headers.get('Content-Length'))).toBeGreaterThan(8)
  })

  it('answers a range past the end with 416 and the size', async () => {
    const size = Number((await app.request(path, { method: 'HEAD' })).headers.get('Content-Length'))
    const res = await app.request(path, { headers: { Range: `bytes=${size}-` } })
    expect(res.status).toBe(416)
    expect(res.headers.get('Content-Range')).toBe(`bytes */${size}`)
  })

  it('serves the .csvt sidecar with the column types of the CSV', async () => {
    const res = await app.request('/api/layers/kyiv-alcohol-licenses/export.csvt')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('"Integer64","String","Date","String","Real","Real","WKT"\r\n')
  })

  it('writes the dates of the CSV as YYYY-MM-DD', async () => {
    const text = await (await app.request('/api/layers/kyiv-alcohol-licenses/export.csv')).text()
    const dates = text.split('\r\n').slice(1, -1).map((row) => row.split(',')[2])
    expect(dates.length).toBeGreaterThan(7000)
    expect(dates.filter((d) => d !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(d!))).toEqual([])
  })

  it('writes a date stored day first (a row written outside the importer) as YYYY-MM-DD, and a non-date as an empty cell', async () => {
    const id = uniqueLayerId('test-export')
    const attributes = [{ name: 'valid_to', type: 'date' as const, label: { uk: 'Дійсна до', en: 'Valid until' }, public: true }]
    await createTestLayer(database.db, testLayerDefinition(id, { attributes }), [
      { properties: { valid_to: '06.04.2018' }, geometry: { type: 'Point', coordinates: [30.52, 50.45] } },
      { properties: { valid_to: 'NA' }, geometry: { type: 'Point', coordinates: [30.53, 50.45] } },
    ])
    try {
      const rows = (await (await app.request(`/api/layers/${id}/export.csv`)).text()).split('\r\n').slice(1, -1)
      expect(rows.map((row) => row.split(',')[1])).toEqual(['2018-04-06', ''])
    } finally {
      await dropTestLayers(database.db, id)
    }
  })
})

describe('synthetic data in an export', () => {
  it('says so for a layer whose features are generated (the demo appeals), as its passport and OGC collection do', async () => {
    const head = async (id: string) => JSON.parse((await (await app.request(`/api/layers/${id}/export.geojson`)).text()).replace(/,"features":\[[\s\S]*$/, '}')) as { synthetic: boolean }
    expect((await head('kyiv-appeals')).synthetic).toBe(true)
    expect((await head('kyiv-metro-stations')).synthetic).toBe(false)
  })
})

describe('each export written once per layer version', () => {
  const id = uniqueLayerId('test-export')

  beforeAll(async () => {
    await createTestLayer(database.db, testLayerDefinition(id), [{ properties: { name: 'перша' }, geometry: { type: 'Point', coordinates: [30.52, 50.45] } }])
  })
  afterAll(() => dropTestLayers(database.db, id))

  it('writes the file once for two concurrent first requests, which get the same file', async () => {
    const before = store.writes
    const [a, b] = await Promise.all([app.request(`/api/layers/${id}/export.gpkg`), app.request(`/api/layers/${id}/export.gpkg`)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.headers.get('ETag')).toBe(b.headers.get('ETag'))
    expect(store.writes - before).toBe(1)
    await app.request(`/api/layers/${id}/export.gpkg`)
    expect(store.writes - before).toBe(1)
  })

  it('writes a new file with a new ETag after a feature write, and removes the old version', async () => {
    const first = await app.request(`/api/layers/${id}/export.geojson`)
    const oldVersioned = await versionedPath(`/api/layers/${id}/export.geojson`)
    const oldVersion = await layerVersion(database.db, id)
    await insertTestFeatures(database.db, id, [{ properties: { name: 'друга' }, geometry: { type: 'Point', coordinates: [30.53, 50.46] } }])
    const newVersion = await layerVersion(database.db, id)
    expect(newVersion).toBeGreaterThan(oldVersion)
    const before = store.writes
    const second = await app.request(`/api/layers/${id}/export.geojson`)
    expect(store.writes - before).toBe(1)
    expect(second.headers.get('ETag')).not.toBe(first.headers.get('ETag'))
    expect(((await second.json()) as { features: unknown[] }).features).toHaveLength(2)
    expect(readdirSync(join(store.root, id))).toEqual([expect.stringMatching(new RegExp(`^${newVersion}-[0-9a-f]{8}$`))])
    await expectProblem(await app.request(oldVersioned), 404)
  })

  it('writes a new file when the licence changes, which raises no version', async () => {
    const before = await app.request(`/api/layers/${id}/export.gpkg`, { method: 'HEAD' })
    const version = await layerVersion(database.db, id)
    await database.db.updateTable('layers').set({ licence: 'ODbL-1.0' }).where('id', '=', id).execute()
    expect(await layerVersion(database.db, id)).toBe(version)
    const after = await app.request(`/api/layers/${id}/export.geojson`)
    expect(after.headers.get('ETag')).not.toBe(before.headers.get('ETag'))
    expect(((await after.json()) as { licence: string }).licence).toBe('ODbL-1.0')
    expect(readdirSync(join(store.root, id))).toHaveLength(1)
  })

  it('leaves no temporary file behind', () => {
    const all = readdirSync(join(store.root, id), { recursive: true }) as string[]
    expect(all.filter((name) => name.includes('.partial'))).toEqual([])
  })
})

describe('hostile export paths', () => {
  it.each([
    ['/api/layers/kyiv-metro-stations/export.exe', 404],
    ['/api/layers/kyiv-metro-stations/export.gpkg%2F..%2F', 404],
    ['/api/layers/kyiv-metro-stations/export.gpkg/../../../etc/passwd', 404],
    [`/api/layers/${'a'.repeat(300)}/export.gpkg`, 400],
    ['/api/layers/..%2F..%2Fetc/export.csv', 400],
    ['/api/layers/kyiv-metro-stations/export/v1-00000000.exe', 400],
    ['/api/layers/kyiv-metro-stations/export/v1.gpkg', 400],
    ['/api/layers/kyiv-metro-stations/export/v1-00000000.gpkg%2F..%2Fx', 400],
    ['/api/layers/kyiv-metro-stations/export/v99999999-00000000.gpkg', 404],
    ['/api/layers/kyiv-no-such-layer/export.fgb', 404],
    ['/api/layers/kyiv-no-such-layer/export/v1-00000000.fgb', 404],
  ])('answers %s with a %i problem', async (path, status) => {
    await expectProblem(await app.request(path), status)
  })

  it('writes nothing for them', () => {
    expect(existsSync(join(store.root, 'kyiv-no-such-layer'))).toBe(false)
  })
})
