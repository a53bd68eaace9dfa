import type { Kysely } from 'kysely'
import type { DB } from '../db/index.ts'
import type { TileLayerInfo } from './layer-directory.ts'
import { tilesInBbox, type TileCoord } from './tile-coord.ts'
import { densestTiles, FULL_DETAIL_ZOOM } from './tile.queries.ts'
import type { TileSource } from './tile-source.ts'

/** The largest tile found for one layer at one zoom. */
export interface TileSizeSample {
  layer: string
  z: number
  tiles: number
  largest: { tile: TileCoord; bytes: number } | undefined
}

/**
 * Cuts the tiles of every zoom from the layer's minzoom to {@link FULL_DETAIL_ZOOM} over its
 * bounds: all of them when there are at most `maxTilesPerZoom`, otherwise the densest ones,
 * and reports the largest raw tile per zoom.
 */
export async function surveyTileSizes(
  db: Kysely<DB>,
  source: TileSource,
  layer: TileLayerInfo & { bbox: number[] | null },
  maxTilesPerZoom = 32,
): Promise<TileSizeSample[]> {
  const samples: TileSizeSample[] = []
  if (!layer.bbox) return samples
  for (let z = layer.minzoom; z <= FULL_DETAIL_ZOOM; z++) {
    let tiles = tilesInBbox(layer.bbox, z)
    if (tiles.length > maxTilesPerZoom) tiles = await densestTiles(db, layer.id, z, maxTilesPerZoom)
    let largest: TileSizeSample['largest']
    for (const tile of tiles) {
      const bytes = (await source.getTile(layer, tile)).byteLength
      if (!largest || bytes > largest.bytes) largest = { tile, bytes }
    }
    samples.push({ layer: layer.id, z, tiles: tiles.length, largest })
  }
  return samples
}
