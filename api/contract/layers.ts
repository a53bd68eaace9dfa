import { z } from 'zod'
import { Bbox, LocalizedText, LonLatBox, PageLinks, paging, Slug, SlugParams, Timestamp } from './common.ts'
import { ATTRIBUTE_TYPES, GEOMETRY_KINDS, THEMES } from './enums.ts'
import { apiRoute } from './route.ts'

/** How a layer is drawn; the tile module turns it into MapLibre style layers. */
export const LayerStyle = z
  .object({
    color: z.string(),
    stroke: z.string().optional().meta({ description: 'Outline or line colour; a darker `color` when unset.' }),
    opacity: z.number().optional().meta({ description: 'Fill opacity of polygons (0..1); 0.35 when unset.' }),
    radius: z.number().optional().meta({ description: 'Point radius in pixels at zoom 14; 5 when unset; 0 draws only the label.' }),
    width: z.number().optional().meta({ description: 'Line width in pixels; 2 when unset.' }),
    label: z.string().optional().meta({ description: 'A public attribute drawn as text.' }),
    basemap: z.boolean().optional().meta({ description: 'Drawn as part of the always-on basemap (boundary, districts, buildings, transit).' }),
    categoryField: z.string().optional().meta({ description: 'A public attribute the layer is coloured by.' }),
    categories: z
      .array(
        z.object({
          value: z.union([z.string(), z.number()]),
          color: z.string(),
          label: LocalizedText,
          width: z.number().optional().meta({ description: 'Line width in pixels at zoom 16 for this category (a street class); `width` when unset.' }),
        }),
      )
      .optional(),
    graduated: z
      .object({
        field: z.string().meta({ description: 'A public numeric attribute.' }),
        stops: z.array(z.object({ value: z.number(), color: z.string(), label: LocalizedText.optional() })).meta({
          description: 'Ascending thresholds: a feature whose value is at least a stop takes its colour; below the first, `color`.',
        }),
      })
      .optional()
      .meta({ description: 'Colours by a number in classes (a choropleth); used when there are no categories.' }),
  })
  .meta({ id: 'LayerStyle' })
export type LayerStyle = z.infer<typeof LayerStyle>

/** One public attribute of a layer, with its human label. */
export const LayerAttribute = z
  .object({ name: z.string(), type: z.enum(['string', 'number', 'integer', 'boolean', 'date']), label: LocalizedText })
  .meta({ id: 'LayerAttribute' })
export type LayerAttribute = z.infer<typeof LayerAttribute>

/** A layer as the public catalogue shows it: public attributes only, links to tiles and exports. */
export const PublicLayer = z
  .object({
    id: Slug,
    city: Slug,
    theme: z.enum(THEMES),
    title: LocalizedText,
    description: LocalizedText,
    geometry_type: z.enum(GEOMETRY_KINDS),
    attributes: z.array(LayerAttribute),
    style: LayerStyle,
    minzoom: z.number().int(),
    maxzoom: z.number().int(),
    licence: z.string(),
    attribution: z.string(),
    synthetic: z.boolean().meta({ description: 'Generated demo data, not a real register.' }),
    accepts_appeals: z.boolean().meta({ description: 'Residents can report a problem with one of its features: `object` of `POST /api/appeals`.' }),
    version: z.number().int().meta({ description: 'Grows with every change of the features; part of the tile URLs.' }),
    feature_count: z.number().int().nonnegative(),
    bbox: LonLatBox.nullable(),
    updated_at: Timestamp,
    tilejson: z.url(),
    downloads: z
      .object({ geojson: z.url(), csv: z.url(), csvt: z.url(), gpkg: z.url(), fgb: z.url() })
      .meta({ description: 'The export files of the current version (revalidated after a minute); each names its immutable versioned URL in a `Link` header.' }),
  })
  .meta({ id: 'Layer' })
export type PublicLayer = z.infer<typeof PublicLayer>

export const PublicLayerList = z.array(PublicLayer)

/** A position: longitude, latitude (and an altitude, if any). */
const Position = z.array(z.number()).min(2).max(3)

/** A GeoJSON geometry (RFC 7946) in longitude/latitude. */
export const Geometry = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Point'), coordinates: Position }),
    z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Position) }),
    z.object({ type: z.literal('LineString'), coordinates: z.array(Position) }),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position)) }),
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
    z.object({ type: z.literal('GeometryCollection'), geometries: z.array(z.unknown()) }),
  ])
  .meta({ id: 'Geometry', description: 'A GeoJSON geometry (RFC 7946), longitude/latitude.' })

/** One feature with all its public attributes. */
export const PublicFeature = z
  .object({
    type: z.literal('Feature'),
    id: z.number().int(),
    properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    geometry: Geometry,
  })
  .meta({ id: 'Feature' })
export type PublicFeature = z.infer<typeof PublicFeature>

/** A page of a layer's features, OGC API Features style, with the layer's licence. */
export const FeaturePage = z
  .object({
    type: z.literal('FeatureCollection'),
    numberMatched: z.number().int().nonnegative(),
    numberReturned: z.number().int().nonnegative(),
    features: z.array(PublicFeature),
    links: PageLinks,
    licence: z.string(),
    attribution: z.string(),
  })
  .meta({ id: 'FeaturePage' })

export const LayerListQuery = z.object({ city: Slug.optional() })

export const FeatureParams = z.object({
  id: Slug,
  featureId: z.coerce.number().int('must be a feature id').min(1).max(Number.MAX_SAFE_INTEGER),
})

export const FeatureListQuery = z.object({ bbox: Bbox.optional(), ...paging(1000, 100) })

const GEOJSON = 'application/geo+json'

export const listLayersRoute = apiRoute({
  method: 'get',
  path: '/api/layers',
  summary: 'List the public layers',
  tags: ['layers'],
  request: { query: LayerListQuery },
  responses: { 200: { description: 'The layers by city, theme and title.', schema: PublicLayerList } },
  problems: [400, 404],
})

export const getLayerRoute = apiRoute({
  method: 'get',
  path: '/api/layers/{id}',
  summary: 'Show one public layer',
  tags: ['layers'],
  request: { params: SlugParams },
  responses: { 200: { description: 'The layer.', schema: PublicLayer } },
  problems: [400, 404],
})

export const listFeaturesRoute = apiRoute({
  method: 'get',
  path: '/api/layers/{id}/features',
  summary: "A page of a layer's features",
  tags: ['layers'],
  request: { params: SlugParams, query: FeatureListQuery },
  responses: { 200: { description: 'The features, with a `next` link while more remain.', schema: FeaturePage, contentType: GEOJSON } },
  problems: [400, 404],
})

export const getFeatureRoute = apiRoute({
  method: 'get',
  path: '/api/layers/{id}/features/{featureId}',
  summary: 'Show one feature',
  tags: ['layers'],
  request: { params: FeatureParams },
  responses: { 200: { description: 'The feature with all its public attributes.', schema: PublicFeature, contentType: GEOJSON } },
  problems: [400, 404],
})

/** The answers of an export download: the file, a byte range of it, or no satisfiable range. */
function exportResponses(description: string, contentType?: string) {
  return {
    200: {
      description: `${description} A file written once per layer version: \`Content-Length\`, \`ETag\`, \`Last-Modified\`, \`Accept-Ranges\`; \`HEAD\` answers the same headers.`,
      ...(contentType && { contentType }),
    },
    206: { description: 'The byte range the `Range` header asked for (unless `If-Range` names another version).', ...(contentType && { contentType }) },
    416: { description: 'The range lies past the end of the file; `Content-Range: bytes */<size>` says its size.' },
  }
}

/** Each export format: its media type and what the file holds. */
const EXPORT_FILES = {
  geojson: { contentType: GEOJSON, description: 'Every public feature as one FeatureCollection with `name`, `title`, `licence`, `attribution` and `synthetic` members.' },
  csv: {
    contentType: 'text/csv',
    description: 'Every public feature, one row each (UTF-8 with BOM): `id`, the public attributes typed (numbers, `true`/`false`, dates as `YYYY-MM-DD`), `lon`/`lat` of points, and the geometry as `WKT`.',
  },
  csvt: { contentType: 'text/plain', description: "GDAL's column types of the CSV (`\"Integer64\",\"String\",\"Date\",…,\"WKT\"`), which GDAL reads beside it." },
  gpkg: { contentType: 'application/geopackage+sqlite3', description: 'A GeoPackage (EPSG:4326) with one feature table of typed columns; licence and attribution in its description and metadata.' },
  fgb: { contentType: 'application/vnd.flatgeobuf', description: 'FlatGeobuf with a spatial index, for reading by bbox over HTTP ranges; typed columns; licence and attribution in its header.' },
} as const

function exportRoute<F extends keyof typeof EXPORT_FILES>(format: F, summary: string) {
  return apiRoute({
    method: 'get',
    path: `/api/layers/{id}/export.${format}`,
    summary,
    description: 'Revalidated after a minute (`Cache-Control: public, max-age=60, must-revalidate`); `Link: <…/export/v{version}-{fingerprint}.' + format + '>; rel="alternate"` names the immutable file of this version.',
    tags: ['layers'],
    request: { params: SlugParams },
    responses: exportResponses(EXPORT_FILES[format].description, EXPORT_FILES[format].contentType),
    problems: [400, 404, 503],
  })
}

export const exportGeoJsonRoute = exportRoute('geojson', 'Download a layer as GeoJSON')
export const exportCsvRoute = exportRoute('csv', 'Download a layer as CSV')
export const exportCsvtRoute = exportRoute('csvt', "Download the CSV export's column types (GDAL .csvt)")
export const exportGeoPackageRoute = exportRoute('gpkg', 'Download a layer as GeoPackage')
export const exportFlatGeobufRoute = exportRoute('fgb', 'Download a layer as FlatGeobuf')

/** `v<layer version>-<fingerprint>.<format>`, e.g. `v12-3fa9c1d2.gpkg`. */
export const ExportVersionParams = z.object({
  id: Slug,
  file: z
    .string()
    .regex(/^v[1-9][0-9]{0,14}-[0-9a-f]{8}\.(geojson|csv|csvt|gpkg|fgb)$/, 'must be v<version>-<fingerprint>.<geojson|csv|csvt|gpkg|fgb>, e.g. v12-3fa9c1d2.gpkg')
    .meta({
      description:
        "The layer version, a fingerprint of the layer's description, licence and attributes (which change without a new version), and the format, e.g. `v12-3fa9c1d2.gpkg`; the current one is named by the `Link` header of `export.{format}`.",
    }),
})

export const exportVersionRoute = apiRoute({
  method: 'get',
  path: '/api/layers/{id}/export/{file}',
  summary: "Download one version of a layer's export",
  description:
    'The same file as `export.{format}` for one layer version (`v{version}-{fingerprint}`, as the `Link` header of `export.{format}` names it), cached for good (`Cache-Control: public, max-age=31536000, immutable`). Once the layer has changed, an old version answers 404 when its file is gone.',
  tags: ['layers'],
  request: { params: ExportVersionParams },
  responses: exportResponses('The export file of that version, in the media type of its format.'),
  problems: [400, 404, 503],
})

/** The routes of `/api/layers`. */
export const LAYER_ROUTES = [
  listLayersRoute,
  getLayerRoute,
  listFeaturesRoute,
  getFeatureRoute,
  exportGeoJsonRoute,
  exportCsvRoute,
  exportCsvtRoute,
  exportGeoPackageRoute,
  exportFlatGeobufRoute,
  exportVersionRoute,
]
