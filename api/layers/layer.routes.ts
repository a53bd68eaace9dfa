import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import {
  csvExport,
  findCity,
  findPublicFeature,
  findPublicFeatures,
  findPublicLayer,
  geoJsonExport,
  listPublicLayers,
  streamPublicFeatures,
  type Layer,
} from '../../layers/index.ts'
import {
  exportGeoJsonRoute,
  FeaturePage,
  getFeatureRoute,
  getLayerRoute,
  listFeaturesRoute,
  listLayersRoute,
  PublicFeature,
  PublicLayer,
  PublicLayerList,
} from '../contract/index.ts'
import { type AppEnv, contractBody, problems, sourceHeaders, zv } from '../http/index.ts'
import { toPublicLayer } from './layer.dto.ts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'

async function requireLayer(db: Kysely<DB>, id: string): Promise<Layer> {
  const layer = await findPublicLayer(db, id)
  if (!layer) throw problems.notFound('layer', id)
  return layer
}

const EXPORTS = {
  geojson: { type: 'application/geo+json; charset=utf-8', write: geoJsonExport },
  csv: { type: 'text/csv; charset=utf-8', write: csvExport },
} as const

/** The public layer catalogue, its features and its downloads, as `api/contract/layers.ts` describes them. */
export const layerRoutes = new Hono<AppEnv>()
  .get('/', zv('query', listLayersRoute.request.query), async (c) => {
    const { city } = c.req.valid('query')
    if (city && !(await findCity(c.var.db, city))) throw problems.notFound('city', city)
    const layers = await listPublicLayers(c.var.db, city)
    return c.json(contractBody(PublicLayerList, layers.map((l) => toPublicLayer(l, c.var.baseUrl))))
  })
  .get('/:id', zv('param', getLayerRoute.request.params), async (c) => {
    const layer = await requireLayer(c.var.db, c.req.valid('param').id)
    return c.json(contractBody(PublicLayer, toPublicLayer(layer, c.var.baseUrl)))
  })
  .get('/:id/features', zv('param', listFeaturesRoute.request.params), zv('query', listFeaturesRoute.request.query), async (c) => {
    const layer = await requireLayer(c.var.db, c.req.valid('param').id)
    const query = c.req.valid('query')
    const { total, features } = await findPublicFeatures(c.var.db, layer, query)
    const next = query.offset + features.length < total ? query.offset + query.limit : undefined
    const self = new URL(c.req.url)
    const nextUrl = next === undefined ? undefined : (self.searchParams.set('offset', String(next)), self.toString())
    return c.json(
      contractBody(FeaturePage, {
        type: 'FeatureCollection',
        numberMatched: total,
        numberReturned: features.length,
        features: features.map((f) => ({ type: 'Feature' as const, id: f.id, properties: f.properties, geometry: f.geometry })),
        links: nextUrl ? [{ rel: 'next', href: nextUrl, type: 'application/geo+json' }] : [],
        licence: layer.licence,
        attribution: layer.attribution,
      }),
      200,
      { 'Content-Type': 'application/geo+json; charset=utf-8' },
    )
  })
  .get('/:id/features/:featureId', zv('param', getFeatureRoute.request.params), async (c) => {
    const { id, featureId } = c.req.valid('param')
    const layer = await requireLayer(c.var.db, id)
    const feature = await findPublicFeature(c.var.db, layer, featureId)
    if (!feature) throw problems.notFound('feature', `${id}/${featureId}`)
    return c.json(contractBody(PublicFeature, { type: 'Feature', id: feature.id, properties: feature.properties, geometry: feature.geometry }), 200, {
      'Content-Type': 'application/geo+json; charset=utf-8',
    })
  })
  // One handler for both downloads; their contracts (`exportGeoJsonRoute`, `exportCsvRoute`) read the same parameters.
  .get('/:id/:file{export\\.(geojson|csv)}', zv('param', exportGeoJsonRoute.request.params), async (c) => {
    const layer = await requireLayer(c.var.db, c.req.valid('param').id)
    const format = c.req.param('file').endsWith('csv') ? 'csv' : 'geojson'
    const { type, write } = EXPORTS[format]
    c.header('Content-Type', type)
    c.header('Content-Disposition', `attachment; filename="${layer.id}.${format}"`)
    c.header('Link', `<${c.var.baseUrl}/api/layers/${layer.id}>; rel="describedby"`)
    for (const [name, value] of Object.entries(sourceHeaders(layer))) c.header(name, value)
    return stream(c, async (out) => {
      for await (const chunk of write(layer, streamPublicFeatures(c.var.db, layer))) await out.write(chunk)
    })
  })
