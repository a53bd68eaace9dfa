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

/** An open database: the one Kysely instance the app queries through, and how to close it. */
export interface Database {
  db: Kysely<DB>
  pool: pg.Pool
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
  try {
    if (options.migrate !== false) await migrate(db, log)
    const version = await sql<{ v: string }>`SELECT postgis_lib_version() AS v`.execute(db)
    return {
      db,
      pool,
      engine: embedded ? 'embedded' : 'postgres',
      postgis: version.rows[0]?.v ?? 'unknown',
      async close() {
        await db.destroy()
        await embedded?.stop()
      },
    }
  } catch (err) {
    await db.destroy()
    await embedded?.stop()
    throw err
  }
}
