import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/index.ts'
import type { TileCoord } from './tile-coord.ts'
import { tileEnvelope, tileRowsQuery } from './tile-query.ts'
import { BUFFER, EXTENT, type TileLayer, type TileSource } from './tile-source.ts'

/** Encodes tiles inside PostGIS with one `ST_AsMVT(ST_AsMVTGeom(...))` statement per tile. */
export class PostgisTileSource implements TileSource {
  readonly encoder = 'postgis'
  constructor(private readonly db: Kysely<DB>) {}

  async getTile(layer: TileLayer, t: TileCoord): Promise<Uint8Array> {
    const result = await sql<{ mvt: Buffer | null }>`
      WITH rows AS (${tileRowsQuery(layer, t)})
      SELECT ST_AsMVT(mvt, ${layer.id}::text, ${EXTENT}::int, 'geom', 'id') AS mvt
        FROM (SELECT id, props, ST_AsMVTGeom(geom, ${tileEnvelope(t)}, ${EXTENT}::int, ${BUFFER}::int, true) AS geom
                FROM rows) mvt
       WHERE mvt.geom IS NOT NULL`.execute(this.db)
    const bytes = result.rows[0]?.mvt
    return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array()
  }
}
