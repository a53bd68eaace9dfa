/**
 * OGC API Features (OGC 17-069r4, Part 1 Core with GeoJSON, HTML and OpenAPI 3.0; Part 2,
 * coordinate reference systems by reference): the contract of `/ogc`. Every public layer is a
 * collection named by the layer's id. The service description at `/ogc/api` is built from these
 * routes, apart from the rest of the API, because OGC clients read an OpenAPI 3.0 document.
 */
import { z } from 'zod'
import { Slug } from './common.ts'
import { Geometry } from './layers.ts'
import { apiRoute } from './route.ts'

const GEOJSON = 'application/geo+json'
const HTML = 'text/html'

/** Page sizes of `/ogc/collections/{id}/items`: the bounds the OpenAPI document declares. */
export const OGC_LIMIT = { min: 1, max: 10_000, default: 10 } as const

/** A link of an OGC API document (RFC 8288 in JSON). */
export const OgcLink = z
  .object({ href: z.url(), rel: z.string(), type: z.string().optional(), title: z.string().optional(), hreflang: z.string().optional(), templated: z.boolean().optional() })
  .meta({ id: 'OgcLink' })

/** `f=json` or `f=html`; without it the `Accept` header chooses, JSON by default. */
const OutputFormat = z.enum(['json', 'html']).optional().meta({ description: 'The representation: `json` (GeoJSON for features) or `html`. Without it, the `Accept` header chooses.' })

export const OgcFormatQuery = z.object({ f: OutputFormat })

/** The landing page: what the service is and where its parts are. */
export const OgcLandingPage = z
  .object({ title: z.string(), description: z.string(), attribution: z.string().optional(), links: z.array(OgcLink) })
  .meta({ id: 'OgcLandingPage' })

export const OgcConformance = z.object({ conformsTo: z.array(z.url()) }).meta({ id: 'OgcConformance' })

/** Where and when a collection's features lie. */
const OgcExtent = z.object({
  spatial: z.object({ bbox: z.array(z.array(z.number()).length(4)).min(1), crs: z.url() }),
  temporal: z.object({ interval: z.array(z.tuple([z.string().nullable(), z.string().nullable()])).min(1), trs: z.url() }).optional(),
})

/** One collection: a public layer of a city. */
export const OgcCollection = z
  .object({
    id: Slug,
    title: z.string(),
    description: z.string(),
    links: z.array(OgcLink),
    extent: OgcExtent.optional(),
    itemType: z.literal('feature'),
    crs: z.array(z.url()).min(1).meta({ description: 'The coordinate reference systems the features can be asked in (`crs`).' }),
    storageCrs: z.url(),
    license: z.string().meta({ description: 'The licence of the data, e.g. `ODbL-1.0`.' }),
    attribution: z.string(),
    synthetic: z.boolean().meta({ description: 'True when the collection holds generated demo features, not a real register.' }),
    keywords: z.array(z.string()),
  })
  .meta({ id: 'OgcCollection' })

export const OgcCollections = z
  .object({ links: z.array(OgcLink), collections: z.array(OgcCollection), crs: z.array(z.url()) })
  .meta({ id: 'OgcCollections' })

/** A feature as `/ogc` writes it: the layer's public attributes, in the asked CRS. */
export const OgcFeature = z
  .object({
    type: z.literal('Feature'),
    id: z.number().int(),
    geometry: Geometry.nullable(),
    properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    links: z.array(OgcLink).optional(),
  })
  .meta({ id: 'OgcFeature' })

export const OgcFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(OgcFeature),
    links: z.array(OgcLink),
    numberMatched: z.number().int().nonnegative(),
    numberReturned: z.number().int().nonnegative(),
    timeStamp: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'OgcFeatureCollection' })

/** The properties a collection can be filtered by, as a JSON Schema (OGC API Features Part 3). */
export const OgcQueryables = z
  .object({ $schema: z.url(), $id: z.url(), type: z.literal('object'), title: z.string(), properties: z.record(z.string(), z.record(z.string(), z.unknown())), additionalProperties: z.boolean() })
  .meta({ id: 'OgcQueryables' })

const CollectionParams = z.object({ collectionId: Slug.meta({ description: 'The id of a public layer, e.g. `kyiv-land-parcels`.' }) })

const CrsUri = z.url().meta({ description: 'A CRS URI from the collection\'s `crs` list, e.g. `http://www.opengis.net/def/crs/EPSG/0/6384` (UCS-2000 / Ukraine TM zone 10). Default: CRS84.' })

/**
 * The fixed parameters of an items request. Any other parameter is a property filter: the name
 * of a queryable and the value its features must have (`?status=active`).
 */
export const OgcItemsQuery = z
  .object({
    f: OutputFormat,
    limit: z.coerce.number().int().min(OGC_LIMIT.min).max(OGC_LIMIT.max).default(OGC_LIMIT.default).meta({ description: `At most this many features (${OGC_LIMIT.min}..${OGC_LIMIT.max}).` }),
    bbox: z
      .string()
      .max(200)
      .optional()
      .meta({ description: '`minx,miny,maxx,maxy` in `bbox-crs` (CRS84 longitude/latitude by default): the features that intersect the box.', example: '30.50,50.44,30.53,50.46' }),
    'bbox-crs': CrsUri.optional(),
    crs: CrsUri.optional(),
    datetime: z
      .string()
      .max(100)
      .optional()
      .meta({ description: 'A date or an interval (`2024-01-01/2024-06-30`, `../2024-06-30`, `2024-01-01/..`) of the collection\'s date attribute.' }),
    cursor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().meta({ description: 'Where the page starts: the `next` link sets it. Pages follow feature ids, so inserts while paging neither repeat nor skip a feature.' }),
  })
  .catchall(z.string().max(500))

const ItemParams = CollectionParams.extend({ featureId: z.coerce.number().int('must be a feature id').min(1).max(Number.MAX_SAFE_INTEGER) })

const alternativesHtml = { [HTML]: null } as const

export const ogcLandingRoute = apiRoute({
  method: 'get',
  path: '/ogc',
  summary: 'The landing page',
  tags: ['ogc'],
  request: { query: OgcFormatQuery },
  responses: { 200: { description: 'The service and links to its description, conformance and data.', schema: OgcLandingPage, alternatives: alternativesHtml } },
  problems: [400],
})

export const ogcConformanceRoute = apiRoute({
  method: 'get',
  path: '/ogc/conformance',
  summary: 'The conformance classes the service implements',
  tags: ['ogc'],
  request: { query: OgcFormatQuery },
  responses: { 200: { description: 'The URIs of the conformance classes.', schema: OgcConformance, alternatives: alternativesHtml } },
  problems: [400],
})

export const ogcApiRoute = apiRoute({
  method: 'get',
  path: '/ogc/api',
  summary: 'The service description (OpenAPI 3.0)',
  tags: ['ogc'],
  request: { query: OgcFormatQuery },
  responses: { 200: { description: 'This document.', contentType: 'application/vnd.oai.openapi+json;version=3.0', alternatives: alternativesHtml } },
  problems: [400],
})

export const ogcCollectionsRoute = apiRoute({
  method: 'get',
  path: '/ogc/collections',
  summary: 'Every public layer of every city',
  tags: ['ogc'],
  request: { query: OgcFormatQuery },
  responses: { 200: { description: 'The collections.', schema: OgcCollections, alternatives: alternativesHtml } },
  problems: [400],
})

export const ogcCollectionRoute = apiRoute({
  method: 'get',
  path: '/ogc/collections/{collectionId}',
  summary: 'One collection',
  tags: ['ogc'],
  request: { params: CollectionParams, query: OgcFormatQuery },
  responses: { 200: { description: 'The collection with its extent, CRS list and links.', schema: OgcCollection, alternatives: alternativesHtml } },
  problems: [400, 404],
})

export const ogcQueryablesRoute = apiRoute({
  method: 'get',
  path: '/ogc/collections/{collectionId}/queryables',
  summary: 'The properties a collection can be filtered by',
  tags: ['ogc'],
  request: { params: CollectionParams, query: OgcFormatQuery },
  responses: { 200: { description: 'A JSON Schema of the queryable properties.', schema: OgcQueryables, contentType: 'application/schema+json', alternatives: alternativesHtml } },
  problems: [400, 404],
})

export const ogcSchemaRoute = apiRoute({
  method: 'get',
  path: '/ogc/collections/{collectionId}/schema',
  summary: "A JSON Schema of the collection's features",
  tags: ['ogc'],
  request: { params: CollectionParams },
  responses: { 200: { description: 'The feature schema (`describedby`).', contentType: 'application/schema+json' } },
  problems: [400, 404],
})

export const ogcItemsRoute = apiRoute({
  method: 'get',
  path: '/ogc/collections/{collectionId}/items',
  summary: "A page of a collection's features",
  description:
    'GeoJSON with `numberMatched` (exact), `numberReturned` and `self`/`alternate`/`next`/`prev`/`collection` links; the `next` link also goes in a `Link` header. The features are in CRS84 unless `crs` asks for another; `Content-Crs` says which.',
  tags: ['ogc'],
  request: { params: CollectionParams, query: OgcItemsQuery },
  responses: { 200: { description: 'The features.', schema: OgcFeatureCollection, contentType: GEOJSON, alternatives: alternativesHtml } },
  problems: [400, 404],
})

export const ogcItemRoute = apiRoute({
  method: 'get',
  path: '/ogc/collections/{collectionId}/items/{featureId}',
  summary: 'One feature',
  tags: ['ogc'],
  request: { params: ItemParams, query: OgcItemsQuery.pick({ f: true, crs: true }) },
  responses: { 200: { description: 'The feature.', schema: OgcFeature, contentType: GEOJSON, alternatives: alternativesHtml } },
  problems: [400, 404],
})

const OgcTileMatrixSetLink = z.object({ title: z.string(), dataType: z.literal('vector'), crs: z.url(), tileMatrixSetURI: z.url(), links: z.array(OgcLink) })

/** A collection's vector tiles in one tiling scheme (OGC API Tiles), with the versioned tile template. */
export const OgcTileset = OgcTileMatrixSetLink.extend({
  boundingBox: z.object({ lowerLeft: z.array(z.number()), upperRight: z.array(z.number()), crs: z.url() }).optional(),
  layers: z.array(z.object({ id: z.string(), title: z.string(), dataType: z.literal('vector'), geometryDimension: z.number().int(), minTileMatrix: z.string(), maxTileMatrix: z.string(), propertiesSchema: z.record(z.string(), z.unknown()) })),
}).meta({ id: 'OgcTileset' })

export const OgcTilesets = z.object({ links: z.array(OgcLink), tilesets: z.array(OgcTileMatrixSetLink) }).meta({ id: 'OgcTilesets' })

export const ogcTilesetsRoute = apiRoute({
  method: 'get',
  path: '/ogc/collections/{collectionId}/tiles',
  summary: "A collection's tilesets (OGC API Tiles)",
  tags: ['ogc'],
  request: { params: CollectionParams, query: OgcFormatQuery },
  responses: { 200: { description: 'The tilesets: WebMercatorQuad.', schema: OgcTilesets } },
  problems: [400, 404],
})

export const ogcTilesetRoute = apiRoute({
  method: 'get',
  path: '/ogc/collections/{collectionId}/tiles/WebMercatorQuad',
  summary: "A collection's vector tiles in WebMercatorQuad",
  tags: ['ogc'],
  request: { params: CollectionParams, query: OgcFormatQuery },
  responses: { 200: { description: 'The tileset, its layers and the template of its versioned tiles (`rel: item`).', schema: OgcTileset } },
  problems: [400, 404],
})

/** The routes of `/ogc`, described by `/ogc/api`. */
export const OGC_ROUTES = [ogcLandingRoute, ogcConformanceRoute, ogcApiRoute, ogcCollectionsRoute, ogcCollectionRoute, ogcQueryablesRoute, ogcSchemaRoute, ogcItemsRoute, ogcItemRoute, ogcTilesetsRoute, ogcTilesetRoute]
