import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { DB } from '../db/index.ts'
import type { TileCoord } from './tile-coord.ts'
import { postgisTileQuery } from './tile.queries.ts'
import { runTileStatement, TileStatements, type TileStatement } from './tile-statement.ts'
import type { TileLayer, TileSource } from './tile-source.ts'

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
