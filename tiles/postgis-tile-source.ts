import { sql, type Kysely, type RawBuilder } from 'kysely'
import type pg from 'pg'
import type { DB } from '../db/index.ts'
import type { TileCoord } from './tile-coord.ts'
import { labelRowsQuery, layerLiteral, shiftedIntoTile, tileRowsQuery, withTile } from './tile-query.ts'
import { runTileStatement, TileStatements, type TileStatement } from './tile-statement.ts'
import { BUFFER, EXTENT, labelLayerName, type TileLayer, type TileSource } from './tile-source.ts'

/**
 * The one statement that makes a tile in PostGIS: the tile rows as ST_AsMVT encodes them,
 * concatenated with the label-point layer where the layer has one (a tile with several layers
 * is the concatenation of their encodings, MVT spec 4.1). A row that lies within the tile is
 * only shifted into it; the others go through `ST_AsMVTGeom`, which clips them. ST_AsMVT skips
 * the rows whose geometry was clipped away, so they need no filter of their own (one that
 * PostgreSQL pushed into the scan made it compute every geometry twice).
 */
export function postgisTileQuery(layer: TileLayer, t: TileCoord): RawBuilder<{ mvt: Buffer | null }> {
  const [extent, buffer] = [sql.lit(EXTENT), sql.lit(BUFFER)]
  const encode = (rows: RawBuilder<unknown>, name: string) => sql`
    (SELECT ST_AsMVT(mvt, ${layerLiteral(name)}, ${extent}, 'geom', 'id')
       FROM tile, LATERAL (
         SELECT r.id, r.props,
                CASE WHEN r.inside THEN ${shiftedIntoTile(sql`r.geom`)}
                     ELSE ST_AsMVTGeom(r.geom, r.bounds, ${extent}, ${buffer}, true) END AS geom
           FROM (${rows}) r) mvt)`
  const labels = labelRowsQuery(layer, t.z)
  return withTile(
    t,
    sql`SELECT ${encode(tileRowsQuery(layer, t.z), layer.id)}
               ${labels ? sql`|| ${encode(labels, labelLayerName(layer.id))}` : sql``} AS mvt`,
  ) as RawBuilder<{ mvt: Buffer | null }>
}

/**
 * Encodes tiles inside PostGIS, one statement per tile. Its text depends only on the layer and
 * the zoom, so with a `pg` pool each connection parses and plans it once and then only binds
 * the tile's x and y.
 */
export class PostgisTileSource implements TileSource {
  readonly encoder = 'postgis'
  readonly #statements: TileStatements

  constructor(
    private readonly db: Kysely<DB>,
    private readonly pool?: pg.Pool,
  ) {
    this.#statements = new TileStatements(db, postgisTileQuery)
  }

  /** The statement the source runs for a layer's tiles at zoom z (the benchmark replays it too). */
  statement(layer: TileLayer, z: number): TileStatement {
    return this.#statements.get(layer, z)
  }

  async getTile(layer: TileLayer, t: TileCoord): Promise<Uint8Array> {
    const rows = await runTileStatement<{ mvt: Buffer | null }>(this.db, this.pool, this.#statements.get(layer, t.z), t)
    return rows[0]?.mvt ?? new Uint8Array()
  }
}
