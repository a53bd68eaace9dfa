import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { startEmbeddedPostgis, type EmbeddedPostgis } from './embedded-postgis.ts'
import { migrate } from './migrate.ts'
import type { DB } from './schema.ts'

// bigint ids and counts arrive as strings by default; int8 values here stay below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v))

/** Which engine serves the database. */
export type DatabaseEngine = 'embedded' | 'postgres'

/** Options of {@link openDatabase}. */
export interface DatabaseOptions {
  /** A PostgreSQL + PostGIS URL; unset → the embedded PGlite + PostGIS in `dataDir`. */
  databaseUrl?: string | undefined
  /** Where the embedded engine keeps its files (default `./.data`). */
  dataDir?: string
  /** Pool size (default 8). */
  poolSize?: number | undefined
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean
  log?: (line: string) => void
}

/**
 * Session settings of the connections that run tile statements. Each statement serves every
 * tile of one layer at one zoom, so its plan does not depend on the tile: planned once per
 * connection and kept (PostgreSQL otherwise kept re-planning many of them for each tile,
 * measured: 3,185 → 5,015 tiles/s for the z16 benchmark set).
 */
export const TILE_SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan'

/** An open database: the one Kysely instance the app queries through, and how to close it. */
export interface Database {
  db: Kysely<DB>
  pool: pg.Pool
  /**
   * Connections for tile statements only ({@link TILE_SESSION_OPTIONS}), as many as `pool`;
   * undefined on the embedded engine, a single session whose tiles are encoded in JS.
   */
  tilePool: pg.Pool | undefined
  engine: DatabaseEngine
  /** PostGIS version string, e.g. `3.6.2`. */
  postgis: string
  close(): Promise<void>
}

/**
 * Opens the database: real PostgreSQL when `databaseUrl` is set, otherwise the embedded
 * engine, which `pg` then reaches over a loopback socket like any server. Migrates by default.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const log = options.log ?? (() => {})
  let embedded: EmbeddedPostgis | undefined
  let url = options.databaseUrl
  if (!url) {
    embedded = await startEmbeddedPostgis(options.dataDir ?? './.data', log)
    url = embedded.url
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 8 })
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', (err) => log(`database pool: ${err.message}`))
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  const tilePool = embedded ? undefined : new pg.Pool({ connectionString: url, max: options.poolSize ?? 8, options: TILE_SESSION_OPTIONS })
  tilePool?.on('error', (err) => log(`tile database pool: ${err.message}`))
  try {
    if (options.migrate !== false) await migrate(db, log)
    const version = await sql<{ v: string }>`SELECT postgis_lib_version() AS v`.execute(db)
    return {
      db,
      pool,
      tilePool,
      engine: embedded ? 'embedded' : 'postgres',
      postgis: version.rows[0]?.v ?? 'unknown',
      async close() {
        await db.destroy()
        await tilePool?.end()
        await embedded?.stop()
      },
    }
  } catch (err) {
    await db.destroy()
    await tilePool?.end()
    await embedded?.stop()
    throw err
  }
}
