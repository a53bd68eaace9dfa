import { createHash } from 'node:crypto'
import { CompiledQuery, type Kysely, type RawBuilder } from 'kysely'
import type pg from 'pg'
import type { DB } from '../db/index.ts'
import type { TileCoord } from './tile-coord.ts'
import type { TileLayer } from './tile-source.ts'

/**
 * A tile statement of one layer at one zoom, compiled once: the tile's x and y are its
 * parameters $1 and $2, and the layer's values follow (the label key of a labelled layer).
 */
export interface TileStatement {
  /** A name derived from the text, for a prepared statement shared by every tile it serves. */
  name: string
  text: string
  /** The layer's parameter values, from $3 on. */
  layerValues: readonly unknown[]
}

/** The statement's parameter values for one tile. */
export function statementValues(statement: TileStatement, t: TileCoord): unknown[] {
  return [t.x, t.y, ...statement.layerValues]
}

/** Where `withTile` puts the tile's x and y; checked so a change there cannot go unnoticed. */
const XY_PARAMETERS = /\(SELECT \$1::int AS x, \$2::int AS y\)/

/**
 * Compiles tile statements and keeps them per layer object and zoom. The layer directory hands
 * out the same object until the layer's definition changes, so a statement is compiled once per
 * layer definition and zoom rather than at every tile.
 */
export class TileStatements {
  readonly #byLayer = new WeakMap<TileLayer, Map<number, TileStatement>>()

  constructor(
    private readonly db: Kysely<DB>,
    private readonly build: (layer: TileLayer, t: TileCoord) => RawBuilder<unknown>,
  ) {}

  /** The statement for the layer's tiles at zoom z. */
  get(layer: TileLayer, z: number): TileStatement {
    let byZoom = this.#byLayer.get(layer)
    if (!byZoom) this.#byLayer.set(layer, (byZoom = new Map()))
    let statement = byZoom.get(z)
    if (!statement) {
      const { sql: text, parameters } = this.build(layer, { z, x: 0, y: 0 }).compile(this.db)
      if (!XY_PARAMETERS.test(text)) throw new Error('a tile statement must take the tile x and y as $1 and $2')
      const name = `tile_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`
      byZoom.set(z, (statement = { name, text, layerValues: parameters.slice(2) }))
    }
    return statement
  }
}

/**
 * Runs a tile statement for one tile. With a `pg` pool it runs as a named prepared statement,
 * parsed and planned once per connection; without one, as a plain query through Kysely.
 */
export async function runTileStatement<Row>(db: Kysely<DB>, pool: pg.Pool | undefined, statement: TileStatement, t: TileCoord): Promise<Row[]> {
  const values = statementValues(statement, t)
  if (pool) return (await pool.query({ name: statement.name, text: statement.text, values })).rows as Row[]
  return (await db.executeQuery<Row>(CompiledQuery.raw(statement.text, values))).rows
}
