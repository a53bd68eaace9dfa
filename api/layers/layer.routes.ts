import { Hono } from 'hono'
import { type ExportFormat, exportTag, findCity, findPublicFeature, findPublicFeatures, findPublicLayer, listPublicLayers, type Layer } from '../../layers/index.ts'
import {
  exportGeoJsonRoute,
  exportVersionRoute,
  FeaturePage,
  getFeatureRoute,
  getLayerRoute,
  listFeaturesRoute,
  listLayersRoute,
  PublicFeature,
  PublicLayer,
  PublicLayerList,
} from '../contract/index.ts'
import { type AppEnv, contractBody, pageLinks, problems, zv } from '../http/index.ts'
import './export-deps.ts'
import { CURRENT_EXPORT_CACHE, currentExport, exportResponse, VERSIONED_EXPORT_CACHE } from './export-response.ts'
import { toPublicLayer } from './layer.dto.ts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'

async function requireLayer(db: Kysely<DB>, id: string): Promise<Layer> {
  const layer = await findPublicLayer(db, id)
  if (!layer) throw problems.notFound('layer', id)
  return layer
}

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
    const { links } = pageLinks(c, query.offset, features.length, total, { limit: query.limit, type: 'application/geo+json' })
    return c.json(
      contractBody(FeaturePage, {
        type: 'FeatureCollection',
        numberMatched: total,
        numberReturned: features.length,
        features: features.map((f) => ({ type: 'Feature' as const, id: f.id, properties: f.properties, geometry: f.geometry })),
        links,
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
  // One handler for every format; their contracts (`exportGeoJsonRoute`, `exportCsvRoute`…) read the same parameters.
  .get('/:id/:file{export\\.(geojson|csv|csvt|gpkg|fgb)}', zv('param', exportGeoJsonRoute.request.params), async (c) => {
    const layer = await requireLayer(c.var.db, c.req.valid('param').id)
    const format = c.req.param('file').slice('export.'.length) as ExportFormat
    return exportResponse(c, layer, await currentExport(c, layer, format), CURRENT_EXPORT_CACHE)
  })
  .get('/:id/export/:file', zv('param', exportVersionRoute.request.params), async (c) => {
    const { id, file: name } = c.req.valid('param')
    const layer = await requireLayer(c.var.db, id)
    const [tag, format] = [name.slice(1, name.indexOf('.')), name.slice(name.indexOf('.') + 1) as ExportFormat]
    // An older version is served while its file is still there; the current one is written on demand.
    const file = tag === exportTag(layer) ? await currentExport(c, layer, format) : await c.var.layerExports.find(layer.id, tag, format)
    if (!file) throw problems.notFound('export', `${id}/${name}`)
    return exportResponse(c, layer, file, VERSIONED_EXPORT_CACHE)
  })
