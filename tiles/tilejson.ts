import type { Layer } from '../layers/index.ts'
import { FULL_DETAIL_ZOOM } from './tile.queries.ts'
import { labelLayerName } from './tile-source.ts'

/** A TileJSON 3.0.0 document (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */
export interface TileJson {
  tilejson: '3.0.0'
  name: string
  description: string
  version: string
  attribution: string
  scheme: 'xyz'
  tiles: string[]
  minzoom: number
  maxzoom: number
  bounds?: [number, number, number, number]
  center?: [number, number, number]
  vector_layers: Array<{ id: string; description: string; minzoom: number; maxzoom: number; fields: Record<string, string> }>
}

/** The URL of a layer's TileJSON, versioned so clients refetch after a write. */
export function tileJsonUrl(baseUrl: string, layer: Pick<Layer, 'id' | 'version'>): string {
  return `${baseUrl}/tiles/${layer.id}.json?v=${layer.version}`
}

/**
 * The TileJSON of one public layer. Tile URLs carry `?v=<version>`, so a tile can be cached
 * as immutable. `maxzoom` is the deepest zoom with full detail; clients overzoom past it.
 * Fields list the attributes the tiles carry (migration 009: the layer's overview fields and
 * what its style draws by), with their Ukrainian labels.
 */
export function getTileJson(layer: Layer, baseUrl: string): TileJson {
  const maxzoom = Math.min(layer.maxzoom, FULL_DETAIL_ZOOM)
  const carried = new Set(layer.tile_attributes)
  const fields = Object.fromEntries(layer.attributes.filter((a) => a.public && carried.has(a.name)).map((a) => [a.name, `${a.label.uk} (${a.type})`]))
  const label = layer.geometry_type === 'polygon' && layer.style.label && fields[layer.style.label] ? layer.style.label : undefined
  const bounds = layer.bbox?.length === 4 ? (layer.bbox as [number, number, number, number]) : undefined
  return {
    tilejson: '3.0.0',
    name: layer.title.uk,
    description: layer.description.uk,
    version: `1.0.${layer.version}`,
    attribution: layer.attribution,
    scheme: 'xyz',
    tiles: [`${baseUrl}/tiles/${layer.id}/{z}/{x}/{y}.mvt?v=${layer.version}`],
    minzoom: layer.minzoom,
    maxzoom,
    ...(bounds && {
      bounds,
      center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.min(Math.max(layer.minzoom, 12), maxzoom)],
    }),
    vector_layers: [
      { id: layer.id, description: layer.title.en, minzoom: layer.minzoom, maxzoom, fields },
      ...(label ? [{ id: labelLayerName(layer.id), description: `${layer.title.en}: label points`, minzoom: layer.minzoom, maxzoom, fields: { [label]: fields[label]! } }] : []),
    ],
  }
}

/** What the city TileJSON needs to know of a city. */
export interface TileJsonCity {
  id: string
  name: { uk: string; en: string }
  center: [number, number]
  zoom: number
}

/** The URL of a city's composite TileJSON: every public layer of the city in one tile. */
export function cityTileJsonUrl(baseUrl: string, city: Pick<TileJsonCity, 'id'>): string {
  return `${baseUrl}/tiles/${city.id}.json`
}

/**
 * The TileJSON of a whole city, for a client that adds it as one vector-tile connection (QGIS):
 * one composite tile of every public layer (`/tiles/a,b,…/{z}/{x}/{y}.mvt`) at their current
 * versions joined by dots, so a tile is immutable until a layer changes; `vector_layers` are
 * each layer's own, as its TileJSON lists them. Zooms and bounds span all the layers.
 */
export function getCityTileJson(city: TileJsonCity, layers: Layer[], baseUrl: string): TileJson {
  const docs = layers.map((layer) => getTileJson(layer, baseUrl))
  const bounded = docs.flatMap((d) => (d.bounds ? [d.bounds] : []))
  const bounds: [number, number, number, number] | undefined = bounded.length
    ? [Math.min(...bounded.map((b) => b[0])), Math.min(...bounded.map((b) => b[1])), Math.max(...bounded.map((b) => b[2])), Math.max(...bounded.map((b) => b[3]))]
    : undefined
  const minzoom = docs.length ? Math.min(...docs.map((d) => d.minzoom)) : 0
  const maxzoom = docs.length ? Math.max(...docs.map((d) => d.maxzoom)) : FULL_DETAIL_ZOOM
  return {
    tilejson: '3.0.0',
    name: city.name.uk,
    description: `${city.name.en}: every public layer in one tile`,
    version: `1.0.${layers.reduce((sum, l) => sum + l.version, 0)}`,
    attribution: [...new Set(layers.map((l) => l.attribution).filter(Boolean))].join('; '),
    scheme: 'xyz',
    tiles: [`${baseUrl}/tiles/${layers.map((l) => l.id).join(',')}/{z}/{x}/{y}.mvt?v=${layers.map((l) => l.version).join('.')}`],
    minzoom,
    maxzoom,
    ...(bounds && { bounds }),
    center: [city.center[0], city.center[1], Math.min(Math.max(city.zoom, minzoom), maxzoom)],
    vector_layers: docs.flatMap((d) => d.vector_layers),
  }
}
