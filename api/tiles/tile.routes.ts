import { Hono } from 'hono'
import { findCity, findPublicLayer, listPublicLayers } from '../../layers/index.ts'
import { buildCityStyle, fromCitySource, getCityTileJson, getTileJson, overExternalBasemap, overPmtilesBasemap } from '../../tiles/index.ts'
import './basemap-deps.ts'
import { type AppEnv, problems } from '../http/index.ts'
import { answerTile } from './tile-answer.ts'

/** Vector tiles and TileJSON of every public layer, and of each city's layers together. */
export const tileRoutes = new Hono<AppEnv>()
  .get('/:name{[a-z0-9-]+\\.json}', async (c) => {
    const id = c.req.param('name').slice(0, -'.json'.length)
    c.header('Cache-Control', 'public, max-age=5')
    const layer = await findPublicLayer(c.var.db, id)
    if (layer) return c.json(getTileJson(layer, c.var.baseUrl))
    // A city's id names the composite of all its layers: one connection in QGIS.
    const city = await findCity(c.var.db, id)
    if (!city) throw problems.notFound('layer or city', id)
    const layers = await listPublicLayers(c.var.db, city.id)
    if (!layers.length) throw problems.notFound('public layer of the city', id)
    return c.json(getCityTileJson(city, layers, c.var.baseUrl))
  })
  .get('/:layer/:z/:x/:file', async (c) => {
    const { layer, z, x, file } = c.req.param()
    const answer = await answerTile(c.var.tiles, {
      layer,
      z,
      x,
      file,
      version: c.req.query('v'),
      acceptEncoding: c.req.header('Accept-Encoding'),
      ifNoneMatch: c.req.header('If-None-Match'),
    })
    for (const [name, value] of Object.entries(answer.headers)) c.header(name, value)
    if (answer.status !== 200) return c.body(null, answer.status)
    return c.body(answer.body as Uint8Array<ArrayBuffer>, 200)
  })

/** The MapLibre style of each city. */
export const styleRoutes = new Hono<AppEnv>().get('/:name{[a-z0-9-]+\\.json}', async (c) => {
  const id = c.req.param('name').slice(0, -'.json'.length)
  const city = await findCity(c.var.db, id)
  if (!city) throw problems.notFound('city', id)
  const layers = await listPublicLayers(c.var.db, city.id)
  const style = buildCityStyle(city, layers, c.var.baseUrl)
  c.header('Cache-Control', 'public, max-age=5')
  if (c.req.query('source') === 'city') return c.json(fromCitySource(style, city, c.var.baseUrl))
  const archive = c.var.pmtilesBasemap
  if (archive) {
    // Labels in the visitor's language: `?lang=en` (the web app asks in English mode), else Ukrainian.
    return c.json(overPmtilesBasemap(style, archive, `${c.var.baseUrl}/basemap.json`, c.req.query('lang') === 'en' ? 'en' : 'uk'))
  }
  const external = await c.var.basemap?.get()
  return c.json(external ? overExternalBasemap(style, external) : style)
})
