import type { TileCoord } from './tile-coord.ts'
import type { GeometryKind } from '../layers/index.ts'

/** What a tile source needs to know of a layer to cut its tiles. */
export interface TileLayer {
  id: string
  geometryType: GeometryKind
  /** Only these properties are written into tiles. */
  publicAttributes: string[]
  /** The subset written into overview tiles (below {@link OVERVIEW_BELOW}). */
  overviewAttributes: string[]
  /** Below this zoom, points are aggregated on a grid (undefined: never). */
  clusterBelow?: number | undefined
}

/**
 * Encodes one layer's features of one tile as a Mapbox Vector Tile. Both implementations
 * select the same rows with the same SQL; they differ only in who encodes the protobuf.
 */
export interface TileSource {
  readonly encoder: 'postgis' | 'js'
  /** The MVT bytes; an empty array when the tile holds no feature. */
  getTile(layer: TileLayer, tile: TileCoord): Promise<Uint8Array>
}

/** Below this zoom, tiles carry only a layer's overview attributes. */
export const OVERVIEW_BELOW = 14

/** Tile extent and buffer in tile units, as in ST_AsMVTGeom's defaults. */
export const EXTENT = 4096
export const BUFFER = 64
