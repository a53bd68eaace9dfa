import type { TileCoord } from './tile-coord.ts'
import type { GeometryKind } from '../layers/index.ts'

/** What a tile source needs to know of a layer to cut its tiles. */
export interface TileLayer {
  id: string
  geometryType: GeometryKind
  /** Polygon layers with a label: this attribute goes into the `<id>-label` point layer of the tile. */
  labelAttribute?: string | undefined
  /** Below this zoom, points are aggregated on a grid (undefined: never). */
  clusterBelow?: number | undefined
}

/** Name of the tile layer that holds one label point per polygon (see `label_3857`). */
export function labelLayerName(layerId: string): string {
  return `${layerId}-label`
}

/**
 * Encodes one layer's features of one tile as a Mapbox Vector Tile (plus the label-point layer
 * of a labelled polygon layer). Both implementations
 * select the same rows with the same SQL; they differ only in who encodes the protobuf.
 */
export interface TileSource {
  readonly encoder: 'postgis' | 'js'
  /** The MVT bytes; an empty array when the tile holds no feature. */
  getTile(layer: TileLayer, tile: TileCoord): Promise<Uint8Array>
}

/** Tile extent and buffer in tile units, as in ST_AsMVTGeom's defaults. */
export const EXTENT = 4096
export const BUFFER = 64
