/**
 * The JSON documents of `/ogc`: landing page, conformance, collections and the queryables, with
 * the links OGC clients follow (OGC 17-069r4 §7).
 */
import { LRUCache } from 'lru-cache'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { findLayerContents, holdsSyntheticData, type Layer } from '../../layers/index.ts'
import type { OgcCollection, OgcLink } from '../contract/index.ts'
import type { z } from 'zod'
import { CRS84, OGC_CRS_URIS } from './ogc-crs.ts'
import { findDateRange } from './ogc.queries.ts'
import { TILES_CONFORMANCE } from './ogc-tiles.ts'

type Link = z.infer<typeof OgcLink>
type Collection = z.infer<typeof OgcCollection>

export const JSON_TYPE = 'application/json'
export const GEOJSON_TYPE = 'application/geo+json'
export const HTML_TYPE = 'text/html'
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0'
export const SCHEMA_TYPE = 'application/schema+json'

/** The relation OGC API Features Part 3 gives the queryables of a collection. */
export const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables'

/** The conformance classes `/ogc` implements, each tested by `api/ogc/ogc-conformance.test.ts`. */
export const CONFORMANCE_CLASSES = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  ...TILES_CONFORMANCE,
] as const

/** A document's own link in JSON and its alternate in HTML, for a path under the origin. */
export function selfLinks(baseUrl: string, path: string, json: string, title: string): Link[] {
  return [
    { href: `${baseUrl}${path}?f=json`, rel: 'self', type: json, title },
    { href: `${baseUrl}${path}?f=html`, rel: 'alternate', type: HTML_TYPE, title: `${title} (HTML)` },
  ]
}

export function landingPage(baseUrl: string) {
  return {
    title: 'Hromada Map: open data of the cities (OGC API Features)',
    description: 'Every public layer of every city as a collection of features: parcels, property, transit, districts, appeals and more. Free reuse with attribution, each collection under its own licence.',
    links: [
      ...selfLinks(baseUrl, '/ogc', JSON_TYPE, 'This document'),
      { href: `${baseUrl}/ogc/api?f=json`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'The API definition (OpenAPI 3.0)' },
      { href: `${baseUrl}/ogc/api?f=html`, rel: 'service-doc', type: HTML_TYPE, title: 'The API documentation' },
      { href: `${baseUrl}/ogc/conformance?f=json`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes' },
      { href: `${baseUrl}/ogc/collections?f=json`, rel: 'data', type: JSON_TYPE, title: 'The collections' },
      { href: `${baseUrl}/data`, rel: 'describedby', type: HTML_TYPE, title: 'The open-data catalogue with each dataset\'s passport' },
    ],
  }
}

/** The date attribute a collection's `datetime` filter and temporal extent use: its first public one. */
export function dateAttributeOf(layer: Pick<Layer, 'attributes'>): string | undefined {
  return layer.attributes.find((a) => a.public && a.type === 'date')?.name
}

/** When a layer's features lie in time and how many say they are generated. */
interface LayerFacts {
  dates: { firstDate: string | null; lastDate: string | null } | undefined
  syntheticFeatures: number
}

// A layer's dates and synthetic count change only with its version, so each is read once.
const layerFacts = new LRUCache<string, LayerFacts>({ max: 2000 })

async function factsOf(db: Kysely<DB>, layer: Layer): Promise<LayerFacts> {
  const key = `${layer.id}@${layer.version}`
  let facts = layerFacts.get(key)
  if (!facts) {
    const dateAttribute = dateAttributeOf(layer)
    const [dates, contents] = await Promise.all([dateAttribute ? findDateRange(db, layer.id, dateAttribute) : undefined, findLayerContents(db, [layer])])
    layerFacts.set(key, (facts = { dates, syntheticFeatures: contents.get(layer.id)?.syntheticFeatures ?? 0 }))
  }
  return facts
}

/** One layer as a collection, titled in both languages, with its extents and links. */
export async function collectionOf(db: Kysely<DB>, layer: Layer, baseUrl: string): Promise<Collection> {
  const facts = await factsOf(db, layer)
  const path = `/ogc/collections/${layer.id}`
  const title = `${layer.title.uk} / ${layer.title.en}`
  return {
    id: layer.id,
    title,
    description: [layer.description.uk, layer.description.en].filter(Boolean).join(' / ') || title,
    links: [
      ...selfLinks(baseUrl, path, JSON_TYPE, title),
      { href: `${baseUrl}${path}/items?f=json`, rel: 'items', type: GEOJSON_TYPE, title: 'The features (GeoJSON)' },
      { href: `${baseUrl}${path}/items?f=html`, rel: 'items', type: HTML_TYPE, title: 'The features (HTML)' },
      { href: `${baseUrl}${path}/schema`, rel: 'describedby', type: SCHEMA_TYPE, title: 'The schema of the features' },
      { href: `${baseUrl}${path}/queryables?f=json`, rel: QUERYABLES_REL, type: SCHEMA_TYPE, title: 'The properties to filter by' },
      { href: `${baseUrl}/data?city=${layer.city_id}#${layer.id}`, rel: 'license', type: HTML_TYPE, title: `${layer.licence} — ${layer.attribution}` },
      ...(['geojson', 'csv', 'gpkg', 'fgb'] as const).map((ext) => ({
        href: `${baseUrl}/api/layers/${layer.id}/export.${ext}`,
        rel: 'enclosure',
        type: EXPORT_TYPES[ext],
        title: `The whole layer as ${EXPORT_NAMES[ext]}`,
      })),
      { href: `${baseUrl}${path}/tiles?f=json`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector', type: JSON_TYPE, title: 'Vector tiles (OGC API Tiles)' },
      { href: `${baseUrl}/tiles/${layer.id}.json?v=${layer.version}`, rel: 'related', type: JSON_TYPE, title: 'Vector tiles (TileJSON)' },
    ],
    extent: {
      spatial: { bbox: [layer.bbox && layer.bbox.length === 4 ? layer.bbox : [-180, -90, 180, 90]], crs: CRS84 },
      ...(facts.dates && { temporal: { interval: [[facts.dates.firstDate && `${facts.dates.firstDate}T00:00:00Z`, facts.dates.lastDate && `${facts.dates.lastDate}T23:59:59Z`]], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } }),
    },
    itemType: 'feature',
    crs: [...OGC_CRS_URIS],
    storageCrs: CRS84,
    license: layer.licence,
    attribution: layer.attribution,
    // The layer is synthetic, or its features say they are (the demo appeals, the sample register lines).
    synthetic: holdsSyntheticData(layer, facts),
    keywords: [layer.city_id, layer.theme, layer.geometry_type],
  }
}

const EXPORT_TYPES = { geojson: GEOJSON_TYPE, csv: 'text/csv', gpkg: 'application/geopackage+sqlite3', fgb: 'application/flatgeobuf' } as const
const EXPORT_NAMES = { geojson: 'GeoJSON', csv: 'CSV (WKT geometry)', gpkg: 'GeoPackage', fgb: 'FlatGeobuf' } as const

const JSON_SCHEMA_TYPES = { string: 'string', number: 'number', integer: 'integer', boolean: 'boolean', date: 'string' } as const
const GEOMETRY_FORMATS = { point: 'geometry-point-or-multipoint', line: 'geometry-linestring-or-multilinestring', polygon: 'geometry-polygon-or-multipolygon' } as const

/** The public attributes of a layer as JSON Schema properties, titled in both languages. */
function attributeSchemas(layer: Layer): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    layer.attributes
      .filter((a) => a.public)
      .map((a) => [a.name, { title: `${a.label.uk} / ${a.label.en}`, type: JSON_SCHEMA_TYPES[a.type], ...(a.type === 'date' && { format: 'date' }) }]),
  )
}

/** The queryables (OGC API Features Part 3): the public attributes and the geometry. */
export function queryablesOf(layer: Layer, baseUrl: string) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${baseUrl}/ogc/collections/${layer.id}/queryables`,
    type: 'object' as const,
    title: `${layer.title.uk} / ${layer.title.en}`,
    properties: {
      ...attributeSchemas(layer),
      geometry: { title: 'Geometry', format: GEOMETRY_FORMATS[layer.geometry_type] },
    },
    additionalProperties: false,
  }
}

/** The JSON Schema of a collection's GeoJSON features (`describedby`): what GDAL reads the fields from. */
export function featureSchemaOf(layer: Layer, baseUrl: string) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${baseUrl}/ogc/collections/${layer.id}/schema`,
    title: `${layer.title.uk} / ${layer.title.en}`,
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: 'integer' },
      geometry: { format: GEOMETRY_FORMATS[layer.geometry_type] },
      properties: { type: 'object', properties: attributeSchemas(layer) },
    },
  }
}
