import { createHash } from 'node:crypto'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type pg from 'pg'
import type { DB } from '../db/index.ts'
import type { TileCoord } from './tile-coord.ts'
import { labelRowsQuery, tileEnvelope, tileRowsQuery } from './tile-query.ts'
import { BUFFER, EXTENT, labelLayerName, type TileLayer, type TileSource } from './tile-source.ts'

/**
 * The one statement that makes a tile in PostGIS: `ST_AsMVT(ST_AsMVTGeom(…))` over the tile
 * rows, concatenated with the label-point layer where the layer has one (a tile with several
 * layers is the concatenation of their encodings, MVT spec 4.1).
 */
export function postgisTileQuery(layer: TileLayer, t: TileCoord): RawBuilder<{ mvt: Buffer | null }> {
  const encode = (rows: RawBuilder<unknown>, name: string) => sql`
    (SELECT ST_AsMVT(mvt, ${name}::text, ${EXTENT}::int, 'geom', 'id')
       FROM (SELECT id, props, ST_AsMVTGeom(geom, ${tileEnvelope(t)}, ${EXTENT}::int, ${BUFFER}::int, true) AS geom
               FROM (${rows}) r) mvt
      WHERE mvt.geom IS NOT NULL)`
  const labels = labelRowsQuery(layer, t)
  return sql<{ mvt: Buffer | null }>`
    SELECT ${encode(tileRowsQuery(layer, t), layer.id)}
           ${labels ? sql`|| ${encode(labels, labelLayerName(layer.id))}` : sql``} AS mvt`
}

/**
 * Encodes tiles inside PostGIS, one statement per tile. With a `pg` pool the statement runs as
 * a named prepared statement: its text depends only on the layer and the zoom band, so each
 * connection parses and plans it once and then only binds the tile's numbers.
 */
export class PostgisTileSource implements TileSource {
  readonly encoder = 'postgis'
  constructor(
    private readonly db: Kysely<DB>,
    private readonly pool?: pg.Pool,
  ) {}

  async getTile(layer: TileLayer, t: TileCoord): Promise<Uint8Array> {
    const query = postgisTileQuery(layer, t).compile(this.db)
    const rows = this.pool
      ? (await this.pool.query<{ mvt: Buffer | null }>({ name: statementName(query.sql), text: query.sql, values: [...query.parameters] })).rows
      : (await this.db.executeQuery(query)).rows
    const bytes = rows[0]?.mvt
    return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array()
  }
}

const names = new Map<string, string>()

/** A stable prepared-statement name for a statement text. */
function statementName(text: string): string {
  let name = names.get(text)
  if (!name) names.set(text, (name = `tile_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`))
  return name
}
