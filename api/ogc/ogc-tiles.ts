/**
 * OGC API Tiles (OGC 20-057) for each collection: the layer's vector tiles in the
 * WebMercatorQuad tiling scheme, described as a tileset whose tile template is the layer's
 * versioned tile URL, so a client caches every tile until the layer changes.
 */
import type { Layer } from '../../layers/index.ts'
import { getTileJson } from '../../tiles/index.ts'

export const WEB_MERCATOR_QUAD = 'WebMercatorQuad'
const TILE_MATRIX_SET_URI = 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad'
const WEB_MERCATOR = 'http://www.opengis.net/def/crs/EPSG/0/3857'
const MVT = 'application/vnd.mapbox-vector-tile'
const TILING_SCHEME_REL = 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme'

/** The conformance classes of OGC API Tiles that `/ogc` implements. */
export const TILES_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt',
] as const

const GEOMETRY_DIMENSION = { point: 0, line: 1, polygon: 2 } as const

/** The tileset of a collection in WebMercatorQuad: its vector layers, zooms, box and the versioned tile template. */
export function tilesetOf(layer: Layer, baseUrl: string) {
  const tileJson = getTileJson(layer, baseUrl)
  // The layer's own tile URL with OGC's template variables: `{z}/{x}/{y}` are matrix, column, row.
  const template = tileJson.tiles[0]!.replace('{z}', '{tileMatrix}').replace('{x}', '{tileCol}').replace('{y}', '{tileRow}')
  const path = `${baseUrl}/ogc/collections/${layer.id}/tiles/${WEB_MERCATOR_QUAD}`
  return {
    title: `${layer.title.uk} / ${layer.title.en}`,
    dataType: 'vector' as const,
    crs: WEB_MERCATOR,
    tileMatrixSetURI: TILE_MATRIX_SET_URI,
    ...(tileJson.bounds && { boundingBox: { lowerLeft: tileJson.bounds.slice(0, 2), upperRight: tileJson.bounds.slice(2), crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' } }),
    layers: tileJson.vector_layers.map((v) => ({
      id: v.id,
      title: v.description,
      dataType: 'vector' as const,
      geometryDimension: v.id === layer.id ? GEOMETRY_DIMENSION[layer.geometry_type] : 0,
      minTileMatrix: String(v.minzoom),
      maxTileMatrix: String(v.maxzoom),
      propertiesSchema: { type: 'object', properties: Object.fromEntries(Object.entries(v.fields).map(([name, description]) => [name, { description }])) },
    })),
    links: [
      { href: `${path}?f=json`, rel: 'self', type: 'application/json', title: 'This tileset' },
      { href: TILE_MATRIX_SET_URI, rel: TILING_SCHEME_REL, type: 'application/json', title: 'WebMercatorQuad' },
      { href: template, rel: 'item', type: MVT, templated: true, title: 'Vector tiles (Mapbox Vector Tile)' },
      { href: `${baseUrl}/ogc/collections/${layer.id}?f=json`, rel: 'collection', type: 'application/json', title: 'The collection' },
      { href: `${baseUrl}/tiles/${layer.id}.json?v=${layer.version}`, rel: 'describedby', type: 'application/json', title: 'TileJSON' },
    ],
  }
}

/** The list of a collection's tilesets: the one WebMercatorQuad tileset. */
export function tilesetsOf(layer: Layer, baseUrl: string) {
  const path = `${baseUrl}/ogc/collections/${layer.id}/tiles`
  return {
    links: [{ href: `${path}?f=json`, rel: 'self', type: 'application/json', title: 'The tilesets' }],
    tilesets: [
      {
        title: `${layer.title.uk} / ${layer.title.en}`,
        dataType: 'vector' as const,
        crs: WEB_MERCATOR,
        tileMatrixSetURI: TILE_MATRIX_SET_URI,
        links: [
          { href: `${path}/${WEB_MERCATOR_QUAD}?f=json`, rel: 'self', type: 'application/json', title: 'The tileset' },
          { href: TILE_MATRIX_SET_URI, rel: TILING_SCHEME_REL, type: 'application/json', title: 'WebMercatorQuad' },
        ],
      },
    ],
  }
}
