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

/** The installation's data folder when none is given (`HROMADA_DATA_DIR` defaults to it). */
export const DEFAULT_DATA_DIR = './.data'
/** Connections of the pool when not told (`HROMADA_DB_POOL` defaults to it). */
export const DEFAULT_POOL_SIZE = 8

/** Options of {@link openDatabase}. */
export interface DatabaseOptions {
  /** A PostgreSQL + PostGIS URL; unset → the embedded PGlite + PostGIS in `dataDir`. */
  databaseUrl?: string | undefined
  /** Where the embedded engine keeps its files (default {@link DEFAULT_DATA_DIR}). */
  dataDir?: string
  /** Pool size (default {@link DEFAULT_POOL_SIZE}). */
  poolSize?: number | undefined
  /**
   * Longest statement on PostgreSQL in ms (default {@link STATEMENT_TIMEOUT_MS}; 0: no limit).
   * The embedded engine has no statement timer.
   */
  statementTimeoutMs?: number | undefined
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
export const TILE_SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0'

/**
 * Session settings of the app's connections on PostgreSQL: no parallel workers. PostGIS
 * functions are costed high, so the planner splits a request's statement across workers, and
 * starting them costs more than they save at a web server's many small concurrent statements
 * (measured: an OGC API page of 1,000 parcels 50 → 12 ms alone, and the server's throughput
 * against pgbench on the same SQL: docs/benchmarks.md).
 */
export const APP_SESSION_OPTIONS = '-c max_parallel_workers_per_gather=0'

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

/** How long a query waits for a connection, from the pool or a new one, before it fails (→ 503). */
export const CONNECT_TIMEOUT_MS = 3_000

/**
 * The same on the embedded engine. It runs in this process and cannot go away, but its
 * sessions take turns: a new connection's start-up waits for the transaction ahead of it
 * (an import, a test's seeding), which can rightly take longer than 3 s.
 */
export const EMBEDDED_CONNECT_TIMEOUT_MS = 30_000

/**
 * The longest statement PostgreSQL runs for the app before cancelling it (→ 503). Requests
 * and tiles take milliseconds; an import lifts it for its own transaction
 * (`SET LOCAL statement_timeout = 0`), and migrations run on a connection without it.
 */
export const STATEMENT_TIMEOUT_MS = 30_000

/**
 * Pool settings that bound every wait: a connection within {@link CONNECT_TIMEOUT_MS}
 * ({@link EMBEDDED_CONNECT_TIMEOUT_MS}), and on PostgreSQL each statement within `statementMs`
 * (0: no limit). TCP keepalive finds a server that vanished without closing the connection.
 * The embedded engine has no statement timer (see `embedded-wire-server.ts`).
 */
function poolTimeouts(engine: DatabaseEngine, statementMs: number): pg.PoolConfig {
  return {
    connectionTimeoutMillis: engine === 'embedded' ? EMBEDDED_CONNECT_TIMEOUT_MS : CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(engine === 'postgres' && statementMs > 0 && { statement_timeout: statementMs }),
  }
}

/**
 * Gives every client of `pool` an error listener from the moment it connects. The pool
 * listens only while a client is idle; a client that is checked out (in a transaction, or
 * between the queries of a request) and loses its server, e.g. to `pg_ctl stop -m fast`
 * (57P01), would otherwise emit an unhandled 'error' and end the process. The query that was
 * running fails on its own and is answered 503; the pool drops the dead client on release
 * and connects a new one when the database is back.
 */
function watchedPool(name: string, pool: pg.Pool, log: (line: string) => void): pg.Pool {
  pool.on('connect', (client) => client.on('error', (err) => log(`${name}: connection lost: ${err.message}`)))
  // Already logged by the client's own listener above; the pool removes the idle client.
  pool.on('error', () => {})
  return pool
}

/**
 * Migrates over a connection of its own, without the statement timeout: a migration may
 * rewrite a large table, and it runs before the server takes requests.
 */
async function migrateWithoutTimeout(url: string, engine: DatabaseEngine, log: (line: string) => void): Promise<void> {
  const pool = watchedPool('migration', new pg.Pool({ connectionString: url, max: 1, ...poolTimeouts(engine, 0) }), log)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  try {
    await migrate(db, log)
  } finally {
    await db.destroy()
  }
}

/**
 * Opens the database: real PostgreSQL when `databaseUrl` is set, otherwise the embedded
 * engine, which `pg` then reaches over its private unix socket, with the installation's secret,
 * like any server (see `embedded-access.ts`). Migrates by default.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const log = options.log ?? (() => {})
  let embedded: EmbeddedPostgis | undefined
  let url = options.databaseUrl
  if (!url) {
    embedded = await startEmbeddedPostgis(options.dataDir ?? DEFAULT_DATA_DIR, log)
    url = embedded.url
  }
  const engine: DatabaseEngine = embedded ? 'embedded' : 'postgres'
  const timeouts = poolTimeouts(engine, options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS)
  const pool = watchedPool('database pool', new pg.Pool({ connectionString: url, max: options.poolSize ?? DEFAULT_POOL_SIZE, ...timeouts, ...(!embedded && { options: APP_SESSION_OPTIONS }) }), log)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  const tilePool = embedded
    ? undefined
    : watchedPool('tile database pool', new pg.Pool({ connectionString: url, max: options.poolSize ?? DEFAULT_POOL_SIZE, ...timeouts, options: TILE_SESSION_OPTIONS }), log)
  try {
    if (options.migrate !== false) await migrateWithoutTimeout(url, engine, log)
    const version = await sql<{ v: string }>`SELECT postgis_lib_version() AS v`.execute(db)
    return {
      db,
      pool,
      tilePool,
      engine,
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
