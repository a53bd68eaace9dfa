import { spawnSync } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { getRequestListener } from '@hono/node-server'
import { type StyleSpecification, type SymbolLayerSpecification, validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { FetchSource, PMTiles } from 'pmtiles'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { decodeGlyphRange, openPmtilesBasemap, type PmtilesBasemap, PmtilesBasemapError, TileService } from '../../tiles/index.ts'
import { writeProtomapsTestArchive } from '../../tiles/testing.ts'
import { createApp } from '../index.ts'
import { decodeTile, testAppDeps, tileProperties } from '../testing.ts'

const GDAL_MISSING = spawnSync('ogr2ogr', ['--version']).error ? 'ogr2ogr (GDAL) is not installed: it cuts the test archive\'s tiles' : undefined
if (GDAL_MISSING) console.log(`skipped: ${GDAL_MISSING}`)

/** The tile of central Kyiv (Хрещатик) at zoom 14. */
const TILE = { z: 14, x: 9581, y: 5525 }

describe.skipIf(GDAL_MISSING)('HROMADA_BASEMAP_PMTILES: a Protomaps basemap served from our origin', () => {
  let dir: string
  let file: string
  let archive: PmtilesBasemap
  let database: Database
  let app: ReturnType<typeof createApp>
  let server: Server
  let origin: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmtiles-basemap-'))
    file = join(dir, 'kyiv.pmtiles')
    writeProtomapsTestArchive(file)
    archive = await openPmtilesBasemap(file)
    database = await openTestDatabase()
    app = createApp({ ...testAppDeps(database, await TileService.create(database.db)), pmtilesBasemap: archive })
    server = createServer(getRequestListener(app.fetch))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
    await archive?.close()
    await database?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('reads the archive: its zooms, its area and its Protomaps layers', () => {
    expect([archive.minZoom, archive.maxZoom]).toEqual([12, 15])
    expect(archive.bounds[0]).toBeCloseTo(30.5, 5)
    expect(archive.vectorLayers).toEqual(expect.arrayContaining(['earth', 'water', 'buildings', 'roads', 'places']))
  })

  it('serves its tiles one by one, gzipped for clients that take it, with the streets GDAL cut', async () => {
    const path = `/basemap/${TILE.z}/${TILE.x}/${TILE.y}.mvt`
    const plain = await app.request(path)
    expect(plain.status).toBe(200)
    expect(plain.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile')
    const bytes = new Uint8Array(await plain.arrayBuffer())
    expect(tileProperties(decodeTile(bytes), 'roads').map((p) => p.name)).toContain('вулиця Хрещатик')
    const zipped = await app.request(path, { headers: { 'Accept-Encoding': 'gzip, br' } })
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip')
    expect(new Uint8Array(gunzipSync(Buffer.from(await zipped.arrayBuffer())))).toEqual(bytes)
  })

  it('answers 204 where the archive has no tile, and 404 for a tile that cannot exist', async () => {
    expect((await app.request('/basemap/14/0/0.mvt')).status).toBe(204)
    expect((await app.request(`/basemap/18/${TILE.x * 16}/${TILE.y * 16}.mvt`)).status).toBe(204)
    for (const path of ['/basemap/3/8/0.mvt', '/basemap/14/9581/x.mvt', '/basemap/99/0/0.mvt', '/basemap/14/9581/5525.png']) {
      expect((await app.request(path)).status, path).toBe(404)
    }
  })

  it('describes itself in a TileJSON whose tiles are on our origin', async () => {
    const tileJson = (await (await app.request('/basemap.json')).json()) as { tiles: string[]; minzoom: number; maxzoom: number; vector_layers: Array<{ id: string }> }
    expect(tileJson.tiles).toEqual(['http://localhost/basemap/{z}/{x}/{y}.mvt'])
    expect([tileJson.minzoom, tileJson.maxzoom]).toEqual([12, 15])
    expect(tileJson.vector_layers.map((l) => l.id)).toContain('roads')
  })

  it('serves the archive itself by byte ranges, so that a PMTiles reader reads it from our origin', async () => {
    const whole = await readFile(file)
    const full = await fetch(`${origin}/basemap.pmtiles`)
    expect(full.status).toBe(200)
    expect(full.headers.get('Content-Length')).toBe(String(whole.length))
    expect(full.headers.get('Accept-Ranges')).toBe('bytes')
    const etag = full.headers.get('ETag')!
    expect(Buffer.from(await full.arrayBuffer()).equals(whole)).toBe(true)
    const head = await fetch(`${origin}/basemap.pmtiles`, { headers: { Range: 'bytes=0-126' } })
    expect(head.status).toBe(206)
    expect(head.headers.get('Content-Range')).toBe(`bytes 0-126/${whole.length}`)
    expect(Buffer.from(await head.arrayBuffer()).equals(whole.subarray(0, 127))).toBe(true)
    const tail = await fetch(`${origin}/basemap.pmtiles`, { headers: { Range: 'bytes=-10' } })
    expect(Buffer.from(await tail.arrayBuffer()).equals(whole.subarray(whole.length - 10))).toBe(true)
    expect((await fetch(`${origin}/basemap.pmtiles`, { headers: { Range: `bytes=${whole.length}-` } })).status).toBe(416)
    expect((await fetch(`${origin}/basemap.pmtiles`, { headers: { 'If-None-Match': etag } })).status).toBe(304)
    const other = await fetch(`${origin}/basemap.pmtiles`, { headers: { Range: 'bytes=0-1,5-6' } })
    expect(other.status).toBe(200)
    await other.arrayBuffer()
    const stale = await fetch(`${origin}/basemap.pmtiles`, { headers: { Range: 'bytes=0-9', 'If-Range': '"older"' } })
    expect(stale.status).toBe(200)
    await stale.arrayBuffer()
    const bare = await fetch(`${origin}/basemap.pmtiles`, { method: 'HEAD' })
    expect(bare.headers.get('Content-Length')).toBe(String(whole.length))

    // The official reader, through range requests to our server.
    const reader = new PMTiles(new FetchSource(`${origin}/basemap.pmtiles`))
    const header = await reader.getHeader()
    expect([header.minZoom, header.maxZoom]).toEqual([12, 15])
    const tile = await reader.getZxy(TILE.z, TILE.x, TILE.y)
    expect(tileProperties(decodeTile(new Uint8Array(tile!.data)), 'roads').map((p) => p.name)).toContain('вулиця Хрещатик')
  })

  it("draws the city's style over the Protomaps light style, labels in Ukrainian (or English) in the font we serve, no icons", async () => {
    const uk = (await (await app.request('/styles/kyiv.json')).json()) as StyleSpecification
    expect(validateStyleMin(uk)).toEqual([])
    expect(uk.sources['basemap:protomaps']).toMatchObject({ type: 'vector', url: 'http://localhost/basemap.json' })
    expect(uk.layers[0]!.id).toBe('basemap:background')
    expect(uk.layers.some((l) => l.id === 'kyiv-districts')).toBe(true)
    expect(uk.layers.filter((l) => l.id === 'background')).toEqual([])
    // Only the layers the archive has: MapLibre refuses a style that names a missing one.
    const sourceLayers = new Set(uk.layers.flatMap((l) => (l.id.startsWith('basemap:') && 'source-layer' in l ? [l['source-layer']] : [])))
    expect([...sourceLayers].every((name) => archive.vectorLayers.includes(String(name)))).toBe(true)
    expect(sourceLayers).toContain('roads')
    const symbols = uk.layers.filter((l): l is SymbolLayerSpecification => l.type === 'symbol' && l.id.startsWith('basemap:'))
    expect(symbols.length).toBeGreaterThan(5)
    for (const l of symbols) expect(l.layout?.['icon-image'], l.id).toBeUndefined()
    expect(new Set(symbols.map((l) => JSON.stringify(l.layout?.['text-font'])))).toEqual(new Set([JSON.stringify(['Noto Sans Regular'])]))
    expect(JSON.stringify(symbols)).toContain('name:uk')
    const en = (await (await app.request('/styles/kyiv.json?lang=en')).json()) as StyleSpecification
    expect(JSON.stringify(en.layers.filter((l) => l.id.startsWith('basemap:')))).toContain('name:en')
  })

  it("draws the archive's street names in the glyphs our own origin serves", async () => {
    const style = (await (await app.request('/styles/kyiv.json')).json()) as StyleSpecification
    expect(style.glyphs).toBe('http://localhost/fonts/{fontstack}/{range}.pbf')
    const names = tileProperties(decodeTile((await archive.tile(TILE.z, TILE.x, TILE.y))!), 'roads').flatMap((p) => (typeof p.name === 'string' ? [p.name] : []))
    expect(names).toContain('вулиця Хрещатик')
    const points = new Set([...names.join('')].filter((ch) => ch.trim()).map((ch) => ch.codePointAt(0)!))
    const missing: string[] = []
    for (const start of new Set([...points].map((p) => p - (p % 256)))) {
      const res = await app.request(`/fonts/${encodeURIComponent('Noto Sans Regular')}/${start}-${start + 255}.pbf`)
      expect(res.status).toBe(200)
      const drawn = new Set(decodeGlyphRange(new Uint8Array(await res.arrayBuffer())).glyphs.filter((g) => g.bitmap.length).map((g) => g.id))
      for (const p of points) if (p - (p % 256) === start && !drawn.has(p)) missing.push(String.fromCodePoint(p))
    }
    expect(missing).toEqual([])
  })
})

describe.skipIf(GDAL_MISSING)('a basemap archive that cannot be served', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmtiles-hostile-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('is refused with the reason: missing, not PMTiles, raster, not of the Protomaps schema', async () => {
    const refused = (path: string) => openPmtilesBasemap(path).then(() => 'opened', (err: Error) => (err instanceof PmtilesBasemapError ? err.message : `crashed: ${err.message}`))
    expect(await refused(join(dir, 'absent.pmtiles'))).toMatch(/no such file/)
    const osm = join(dir, 'extract.pmtiles')
    await copyFile(new URL('../../layers/osm/fixtures/kyiv-centre.osm.pbf', import.meta.url), osm)
    expect(await refused(osm)).toMatch(/is not a PMTiles archive/)
    const raster = join(dir, 'raster.pmtiles')
    writeProtomapsTestArchive(raster, { tileType: 2 })
    expect(await refused(raster)).toMatch(/holds Png tiles, not vector tiles/)
    const partial = join(dir, 'partial.pmtiles')
    writeProtomapsTestArchive(partial, { layers: ['earth', 'water'] })
    expect(await refused(partial)).toMatch(/not a Protomaps basemap: it has no roads layer/)
  })

  it('is not served when none is set', async () => {
    const database = await openTestDatabase()
    try {
      const app = createApp(testAppDeps(database, await TileService.create(database.db)))
      for (const path of ['/basemap.json', '/basemap.pmtiles', '/basemap/14/9581/5525.mvt']) expect((await app.request(path)).status, path).toBe(404)
    } finally {
      await database.close()
    }
  })
})
