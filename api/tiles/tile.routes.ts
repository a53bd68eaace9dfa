import { Hono } from 'hono'
import { findCity, findPublicLayer, listPublicLayers } from '../../layers/index.ts'
import { buildCityStyle, getTileJson, negotiateEncoding, parseTileCoord } from '../../tiles/index.ts'
import type { AppEnv } from '../app-env.ts'
import { problems } from '../problems.ts'

const MVT = 'application/vnd.mapbox-vector-tile'
const IMMUTABLE = 'public, max-age=31536000, immutable'
// Without ?v= (or with an old one) the client must revalidate; the ETag makes that cheap.
const REVALIDATE = 'public, max-age=0, must-revalidate'

/** True when an If-None-Match header names this ETag (weak comparison, RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const bare = (t: string) => t.trim().replace(/^W\//, '')
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag))
}

/** Vector tiles and TileJSON of every public layer. */
export const tileRoutes = new Hono<AppEnv>()
  .get('/:name{[a-z0-9-]+\\.json}', async (c) => {
    const id = c.req.param('name').slice(0, -'.json'.length)
    const layer = await findPublicLayer(c.var.db, id)
    if (!layer) throw problems.notFound('layer', id)
    c.header('Cache-Control', 'public, max-age=5')
    return c.json(getTileJson(layer, c.var.baseUrl))
  })
  .get('/:layer/:z/:x/:file{[0-9]+\\.(mvt|pbf)}', async (c) => {
    const { layer: id, z, x, file } = c.req.param()
    const coord = parseTileCoord(z, x, file.slice(0, file.indexOf('.')))
    if (!coord) {
      throw problems.invalid(`No tile ${z}/${x}/${file}: z must be 0–22 and x, y within 0…2^z−1`, [
        { field: 'path', message: 'not a tile of the XYZ pyramid' },
      ])
    }
    const layer = await c.var.tiles.layer(id)
    if (!layer) throw problems.notFound('layer', id)
    const tile = await c.var.tiles.getTile(layer, coord, negotiateEncoding(c.req.header('Accept-Encoding')))
    const fresh = c.req.query('v') === String(tile.version)
    c.header('Cache-Control', fresh ? IMMUTABLE : REVALIDATE)
    c.header('ETag', tile.etag)
    c.header('Vary', 'Accept-Encoding')
    if (matchesEtag(c.req.header('If-None-Match'), tile.etag)) return c.body(null, 304)
    if (tile.body.byteLength === 0) return c.body(null, 204)
    c.header('Content-Type', MVT)
    if (tile.encoding !== 'identity') c.header('Content-Encoding', tile.encoding)
    return c.body(tile.body as Uint8Array<ArrayBuffer>, 200)
  })

/** The MapLibre style of each city. */
export const styleRoutes = new Hono<AppEnv>().get('/:name{[a-z0-9-]+\\.json}', async (c) => {
  const id = c.req.param('name').slice(0, -'.json'.length)
  const city = await findCity(c.var.db, id)
  if (!city) throw problems.notFound('city', id)
  const layers = await listPublicLayers(c.var.db, city.id)
  c.header('Cache-Control', 'public, max-age=5')
  return c.json(buildCityStyle(city, layers, c.var.baseUrl))
})
