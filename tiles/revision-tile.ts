import type { Kysely } from 'kysely'
import type { DB } from '../db/index.ts'
import type { GeometryKind } from '../layers/index.ts'
import { encodeTileRows } from './js-tile-source.ts'
import type { TileCoord } from './tile-coord.ts'
import { revisionTileQuery } from './tile.queries.ts'

/**
 * A tile of a layer as it was at a revision, encoded in JavaScript on either engine: every
 * earlier revision of a plan stays drawable next to the current one.
 */
export async function revisionTile(db: Kysely<DB>, layer: { id: string; geometryType: GeometryKind }, revision: number, t: TileCoord): Promise<Uint8Array> {
  const { rows } = await revisionTileQuery(layer.id, layer.geometryType, revision, t).execute(db)
  return encodeTileRows(layer.id, rows)
}
