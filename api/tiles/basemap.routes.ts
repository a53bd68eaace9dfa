import { gzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { type AppEnv, fileResponse, problems } from '../http/index.ts'
import './basemap-deps.ts'

// The archive changes only when the operator replaces the file (and restarts): tiles may be kept a day.
const TILE_CACHE = 'public, max-age=86400'

/**
 * The self-hosted basemap (`HROMADA_BASEMAP_PMTILES`): the archive itself by byte ranges
 * (`/basemap.pmtiles`, for QGIS and PMTiles readers), its TileJSON and its tiles one by one,
 * decompressed from the archive and gzipped for clients that take it. 404 when none is set.
 */
export const basemapRoutes = new Hono<AppEnv>()
  .on(['GET', 'HEAD'], '/basemap.pmtiles', (c) => {
    const archive = c.var.pmtilesBasemap
    if (!archive) throw problems.notFound('basemap', 'basemap.pmtiles')
    return fileResponse(c, { path: archive.file, size: archive.size, etag: archive.etag, modified: archive.modified, contentType: 'application/vnd.pmtiles', cacheControl: 'public, max-age=3600' })
  })
  .get('/basemap.json', (c) => {
    const archive = c.var.pmtilesBasemap
    if (!archive) throw problems.notFound('basemap', 'basemap.json')
    c.header('Cache-Control', 'public, max-age=300')
    return c.json({
      tilejson: '3.0.0',
      name: archive.name,
      scheme: 'xyz',
      tiles: [`${c.var.baseUrl}/basemap/{z}/{x}/{y}.mvt`],
      minzoom: archive.minZoom,
      maxzoom: archive.maxZoom,
      bounds: archive.bounds,
      attribution: archive.attribution,
      vector_layers: archive.vectorLayers.map((id) => ({ id, fields: {} })),
    })
  })
  .get('/basemap/:z{[0-9]{1,2}}/:x{[0-9]{1,8}}/:y{[0-9]{1,8}\\.mvt}', async (c) => {
    const archive = c.var.pmtilesBasemap
    if (!archive) throw problems.notFound('basemap', c.req.path)
    const z = Number(c.req.param('z'))
    const x = Number(c.req.param('x'))
    const y = Number(c.req.param('y').slice(0, -'.mvt'.length))
    if (z > 30 || x >= 2 ** z || y >= 2 ** z) throw problems.notFound('tile', `${z}/${x}/${y}`)
    c.header('Cache-Control', TILE_CACHE)
    c.header('ETag', `${archive.etag.slice(0, -1)}-${z}-${x}-${y}"`)
    c.header('Vary', 'Accept-Encoding')
    // Beyond the archive's zooms MapLibre overzooms the last; outside its area there is nothing.
    const tile = z <= archive.maxZoom ? await archive.tile(z, x, y) : undefined
    if (!tile) return c.body(null, 204)
    c.header('Content-Type', 'application/vnd.mapbox-vector-tile')
    if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
      c.header('Content-Encoding', 'gzip')
      return c.body(new Uint8Array(gzipSync(tile)))
    }
    return c.body(tile as Uint8Array<ArrayBuffer>)
  })
