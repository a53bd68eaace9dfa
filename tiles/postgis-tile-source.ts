import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../db/index.ts'
import type { TileCoord } from './tile-coord.ts'
import { labelRowsQuery, tileEnvelope, tileRowsQuery } from './tile-query.ts'
import { BUFFER, EXTENT, labelLayerName, type TileLayer, type TileSource } from './tile-source.ts'

/** Encodes tiles inside PostGIS with one `ST_AsMVT(ST_AsMVTGeom(...))` statement per tile. */
export class PostgisTileSource implements TileSource {
  readonly encoder = 'postgis'
  constructor(private readonly db: Kysely<DB>) {}

  async getTile(layer: TileLayer, t: TileCoord): Promise<Uint8Array> {
    const encode = (rows: RawBuilder<unknown>, name: string) => sql`
      (SELECT ST_AsMVT(mvt, ${name}::text, ${EXTENT}::int, 'geom', 'id')
         FROM (SELECT id, props, ST_AsMVTGeom(geom, ${tileEnvelope(t)}, ${EXTENT}::int, ${BUFFER}::int, true) AS geom
                 FROM (${rows}) r) mvt
        WHERE mvt.geom IS NOT NULL)`
    const labels = labelRowsQuery(layer, t)
    // A tile with several layers is the concatenation of their encodings (MVT spec 4.1).
    const result = await sql<{ mvt: Buffer | null }>`
      SELECT ${encode(tileRowsQuery(layer, t), layer.id)}
             ${labels ? sql`|| ${encode(labels, labelLayerName(layer.id))}` : sql``} AS mvt`.execute(this.db)
    const bytes = result.rows[0]?.mvt
    return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array()
  }
}
