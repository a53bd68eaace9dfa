import { Hono, type Context } from 'hono'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { findPublicLayer, listPublicLayers, publicAttributeNames, type Layer } from '../../layers/index.ts'
import {
  ogcApiRoute,
  ogcCollectionRoute,
  ogcCollectionsRoute,
  ogcConformanceRoute,
  ogcItemRoute,
  ogcItemsRoute,
  ogcLandingRoute,
  ogcQueryablesRoute,
  ogcSchemaRoute,
  ogcTilesetRoute,
  ogcTilesetsRoute,
} from '../contract/index.ts'
import { type AppEnv, problems, zv } from '../http/index.ts'
import { OGC_CRS_URIS } from './ogc-crs.ts'
import {
  collectionOf,
  CONFORMANCE_CLASSES,
  featureSchemaOf,
  GEOJSON_TYPE,
  HTML_TYPE,
  JSON_TYPE,
  landingPage,
  OPENAPI_TYPE,
  queryablesOf,
  SCHEMA_TYPE,
  selfLinks,
} from './ogc-documents.ts'
import { ogcServiceDescription } from './ogc-service-description.ts'
import { apiHtml, collectionHtml, collectionsHtml, conformanceHtml, itemHtml, itemsHtml, landingHtml, queryablesHtml } from './ogc-html.ts'
import { findItems } from './ogc-items.ts'
import { tilesetOf, tilesetsOf } from './ogc-tiles.ts'
import { requireCrs, wantsHtml } from './ogc-request.ts'
import { findItem } from './ogc.queries.ts'

// Collections change with every write, so clients revalidate within a minute.
const SHORT_CACHE = 'public, max-age=60'

async function requireCollection(db: Kysely<DB>, id: string): Promise<Layer> {
  const layer = await findPublicLayer(db, id)
  if (!layer) throw problems.notFound('collection', id)
  return layer
}

function html(c: Context, body: string) {
  return c.html(body, 200, { 'Cache-Control': SHORT_CACHE, Vary: 'Accept' })
}

function json(c: Context, body: unknown, type = JSON_TYPE) {
  return c.body(JSON.stringify(body), 200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': SHORT_CACHE, Vary: 'Accept' })
}

/** The request's URL on the public origin with some parameters set (or removed, with null). */
function withParams(c: Context<AppEnv>, changes: Record<string, string | null>): string {
  const url = new URL(c.req.url)
  const params = new URLSearchParams(url.search)
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name)
    else params.set(name, value)
  }
  return `${c.var.baseUrl}${url.pathname}?${params}`
}

/**
 * OGC API Features at `/ogc`: every public layer of every city as a collection, in GeoJSON or
 * HTML, in CRS84 or any CRS of the collection's `crs` list.
 */
export const ogcRoutes = new Hono<AppEnv>()
  .get('/', zv('query', ogcLandingRoute.request.query), (c) => {
    const doc = landingPage(c.var.baseUrl)
    return wantsHtml(c, c.req.valid('query').f) ? html(c, landingHtml(doc)) : json(c, doc)
  })
  .get('/conformance', zv('query', ogcConformanceRoute.request.query), (c) => {
    const doc = { conformsTo: [...CONFORMANCE_CLASSES] }
    const links = selfLinks(c.var.baseUrl, '/ogc/conformance', JSON_TYPE, 'Conformance classes')
    return wantsHtml(c, c.req.valid('query').f) ? html(c, conformanceHtml(doc, links)) : json(c, { ...doc, links })
  })
  .get('/api', zv('query', ogcApiRoute.request.query), (c) => {
    if (wantsHtml(c, c.req.valid('query').f)) return html(c, apiHtml(`${c.var.baseUrl}/ogc/api?f=json`))
    return json(c, ogcServiceDescription(c.var.baseUrl), OPENAPI_TYPE)
  })
  .get('/collections', zv('query', ogcCollectionsRoute.request.query), async (c) => {
    const layers = await listPublicLayers(c.var.db, undefined)
    const collections = await Promise.all(layers.map((layer) => collectionOf(c.var.db, layer, c.var.baseUrl)))
    const doc = { links: selfLinks(c.var.baseUrl, '/ogc/collections', JSON_TYPE, 'The collections'), collections, crs: [...OGC_CRS_URIS] }
    return wantsHtml(c, c.req.valid('query').f) ? html(c, collectionsHtml(doc)) : json(c, doc)
  })
  .get('/collections/:collectionId', zv('param', ogcCollectionRoute.request.params), zv('query', ogcCollectionRoute.request.query), async (c) => {
    const layer = await requireCollection(c.var.db, c.req.valid('param').collectionId)
    const collection = await collectionOf(c.var.db, layer, c.var.baseUrl)
    return wantsHtml(c, c.req.valid('query').f) ? html(c, collectionHtml(collection)) : json(c, collection)
  })
  .get('/collections/:collectionId/queryables', zv('param', ogcQueryablesRoute.request.params), zv('query', ogcQueryablesRoute.request.query), async (c) => {
    const layer = await requireCollection(c.var.db, c.req.valid('param').collectionId)
    const doc = queryablesOf(layer, c.var.baseUrl)
    if (!wantsHtml(c, c.req.valid('query').f)) return json(c, doc, SCHEMA_TYPE)
    const links = selfLinks(c.var.baseUrl, `/ogc/collections/${layer.id}/queryables`, SCHEMA_TYPE, 'Queryables')
    return html(c, queryablesHtml({ id: layer.id, title: doc.title }, doc.properties, links))
  })
  .get('/collections/:collectionId/schema', zv('param', ogcSchemaRoute.request.params), async (c) => {
    const layer = await requireCollection(c.var.db, c.req.valid('param').collectionId)
    return json(c, featureSchemaOf(layer, c.var.baseUrl), SCHEMA_TYPE)
  })
  .get('/collections/:collectionId/items', zv('param', ogcItemsRoute.request.params), zv('query', ogcItemsRoute.request.query), async (c) => {
    const layer = await requireCollection(c.var.db, c.req.valid('param').collectionId)
    const query = c.req.valid('query')
    const { crs, page } = await findItems(c.var.db, layer, query)
    const asHtml = wantsHtml(c, query.f)
    const links = [
      { href: withParams(c, { f: 'json' }), rel: asHtml ? 'alternate' : 'self', type: GEOJSON_TYPE, title: 'This page (GeoJSON)' },
      { href: withParams(c, { f: 'html' }), rel: asHtml ? 'self' : 'alternate', type: HTML_TYPE, title: 'This page (HTML)' },
      { href: `${c.var.baseUrl}/ogc/collections/${layer.id}?f=json`, rel: 'collection', type: JSON_TYPE, title: 'The collection' },
      ...(page.nextCursor === undefined
        ? []
        : [
            { href: withParams(c, { cursor: String(page.nextCursor), f: 'json' }), rel: 'next', type: GEOJSON_TYPE, title: 'The next page (GeoJSON)' },
            { href: withParams(c, { cursor: String(page.nextCursor), f: 'html' }), rel: 'next', type: HTML_TYPE, title: 'The next page (HTML)' },
          ]),
    ]
    const next = links.find((l) => l.rel === 'next' && l.type === (asHtml ? HTML_TYPE : GEOJSON_TYPE))
    if (next) c.header('Link', `<${next.href}>; rel="next"; type="${next.type}"`)
    c.header('Content-Crs', `<${crs.uri}>`)
    if (asHtml) {
      const features = JSON.parse(`[${page.features}]`) as Array<{ id: number; properties: Record<string, unknown>; geometry: { type: string } | null }>
      const title = `${layer.title.uk} / ${layer.title.en}`
      return html(c, itemsHtml({ id: layer.id, title }, { features, numberMatched: page.matched, numberReturned: features.length, links }, publicAttributeNames(layer)))
    }
    // The features come from the database as GeoJSON text and are joined as bytes, never parsed
    // again: a 1 MB page joined as text cost the server a copy and a measuring pass more.
    const tail = JSON.stringify({ links, numberMatched: page.matched, numberReturned: page.returned, timeStamp: new Date().toISOString() })
    const body = Buffer.concat([Buffer.from('{"type":"FeatureCollection","features":['), Buffer.from(page.features), Buffer.from(`],${tail.slice(1)}`)])
    return c.body(body, 200, {
      'Content-Type': `${GEOJSON_TYPE}; charset=utf-8`,
      'Cache-Control': SHORT_CACHE,
      Vary: 'Accept',
    })
  })
  .get('/collections/:collectionId/items/:featureId', zv('param', ogcItemRoute.request.params), zv('query', ogcItemRoute.request.query), async (c) => {
    const { collectionId, featureId } = c.req.valid('param')
    const layer = await requireCollection(c.var.db, collectionId)
    const query = c.req.valid('query')
    const crs = requireCrs('crs', query.crs)
    const text = await findItem(c.var.db, layer.id, featureId, crs)
    if (!text) throw problems.notFound('feature', `${collectionId}/${featureId}`)
    const path = `/ogc/collections/${layer.id}/items/${featureId}`
    const links = [
      ...selfLinks(c.var.baseUrl, path, GEOJSON_TYPE, 'This feature'),
      { href: `${c.var.baseUrl}/ogc/collections/${layer.id}?f=json`, rel: 'collection', type: JSON_TYPE, title: 'The collection' },
    ]
    c.header('Content-Crs', `<${crs.uri}>`)
    if (wantsHtml(c, query.f)) {
      const feature = { ...(JSON.parse(text) as { id: number; properties: Record<string, unknown>; geometry: { type: string } | null }), links }
      return html(c, itemHtml({ id: layer.id, title: `${layer.title.uk} / ${layer.title.en}` }, feature, publicAttributeNames(layer)))
    }
    return json(c, { ...(JSON.parse(text) as object), links }, GEOJSON_TYPE)
  })
  .get('/collections/:collectionId/tiles', zv('param', ogcTilesetsRoute.request.params), zv('query', ogcTilesetsRoute.request.query), async (c) => {
    const layer = await requireCollection(c.var.db, c.req.valid('param').collectionId)
    return json(c, tilesetsOf(layer, c.var.baseUrl))
  })
  .get('/collections/:collectionId/tiles/WebMercatorQuad', zv('param', ogcTilesetRoute.request.params), zv('query', ogcTilesetRoute.request.query), async (c) => {
    const layer = await requireCollection(c.var.db, c.req.valid('param').collectionId)
    return json(c, tilesetOf(layer, c.var.baseUrl))
  })
