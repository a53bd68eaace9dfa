import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/index.ts'
import type { TileLayerInfo } from './layer-directory.ts'
import { tilesInBbox, tileWidth, type TileCoord } from './tile-coord.ts'
import { FULL_DETAIL_ZOOM } from './tile-query.ts'
import type { TileSource } from './tile-source.ts'

/** The largest tile found for one layer at one zoom. */
export interface TileSizeSample {
  layer: string
  z: number
  tiles: number
  largest: { tile: TileCoord; bytes: number } | undefined
}

const ORIGIN = 20037508.342789244

/**
 * The `limit` tiles of a zoom holding the most features of a layer (by feature centroid): where
 * a layer's biggest tiles are, without cutting every tile of the pyramid.
 */
async function densestTiles(db: Kysely<DB>, layerId: string, z: number, limit: number): Promise<TileCoord[]> {
  const w = tileWidth(z)
  const rows = await sql<{ x: number; y: number }>`
    SELECT floor((ST_X(c) + ${ORIGIN}::float8) / ${w}::float8)::int AS x,
           floor((${ORIGIN}::float8 - ST_Y(c)) / ${w}::float8)::int AS y
      FROM (SELECT ST_PointOnSurface(geom_3857) AS c FROM features WHERE layer_id = ${layerId}) f
     GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT ${limit}`.execute(db)
  return rows.rows.map(({ x, y }) => ({ z, x, y }))
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
