import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { openDatabase, type Database } from '../db/index.ts'
import { join } from 'node:path'
import { sql } from 'kysely'
import { isEmptyDatabase, demoDataState } from '../layers/index.ts'
import { TileService } from '../tiles/index.ts'
import { createApp } from './app.ts'
import { prepareAppeals } from './appeals/appeals-setup.ts'
import { DEMO_ACCOUNTS } from './auth/demo-accounts.ts'
import { createOidcProvider, type OidcConfig } from './auth/oidc-provider.ts'
import { DiskPhotoStore } from './appeals/photo-store.ts'
import { loadDemoData } from './demo-data.ts'
import { startDeadlineWorker } from './office/deadlines.ts'
import { folderTransport, smtpTransport, startMailWorker } from './mail/outbox.ts'
import { pruneRateLimits, type RateLimit } from './rate-limit.ts'
import { tileFastPath } from './tiles/tile-fast-path.ts'

/** The Open311 key that works in demo mode only, so that clients can be tried at once. */
export const DEMO_OPEN311_KEY = 'demo-open311-key'

/** Runtime configuration, read from the environment by `scripts/start.ts`. */
export interface ServerConfig {
  port: number
  /** Loopback by default; set `HOST=0.0.0.0` to listen on every interface. */
  host: string
  databaseUrl?: string | undefined
  dataDir: string
  /** Load the demo catalogue into an empty database (default on). */
  demo: boolean
  webRoot?: string | undefined
  publicUrl?: string | undefined
  /** Database pool size (default 8). */
  poolSize?: number | undefined
  /** Tile cache bound in MiB (default 64; 0 turns the cache off). */
  tileCacheMb?: number | undefined
  /** `smtp://…` to send mail; without it mail is written as `.eml` files to `<dataDir>/outbox`. */
  smtpUrl?: string | undefined
  mailFrom?: string | undefined
  /** Appeal submissions per client address (default 30 per hour). */
  appealRateLimit?: RateLimit | undefined
  /** Trust X-Forwarded-For for client addresses (behind a reverse proxy). */
  trustProxy?: boolean | undefined
  /** Open311 API keys; demo mode adds `demo-open311-key`. */
  open311Keys?: string[] | undefined
  /** An OpenID Connect provider to sign in with (`OIDC_ISSUER`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`, `OIDC_NAME`). */
  oidc?: OidcConfig | undefined
  log: (line: string) => void
}

/** A running server and how to stop it. */
export interface RunningServer {
  url: string
  database: Database
  /** Resolves when the demo data has loaded (immediately when there is nothing to load). */
  demoReady: Promise<void>
  close(): Promise<void>
}

/**
 * Opens the database (migrating it), starts serving, and then loads the demo data into an
 * empty database in the background, so the first start answers within seconds; `/api/health`
 * reports `demo_data: loading` until it is done.
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const { log } = config
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize, log })
  const tiles = await TileService.create(database.db, { cacheBytes: (config.tileCacheMb ?? 64) * 1024 * 1024, pool: database.tilePool ?? database.pool })
  log(`database: ${database.engine}, PostGIS ${database.postgis}; tiles encoded by ${tiles.source.encoder === 'postgis' ? 'ST_AsMVT' : 'JS (no ST_AsMVT here)'}`)
  let demo: 'absent' | 'loading' | 'ready' | 'failed' = await demoDataState(database.db)
  // A demo installation is brought up to date too (parts added by later versions, such as the
  // synthetic appeals, are loaded; the rest is skipped as already present).
  const wantsDemo = config.demo && (demo !== 'absent' || (await isEmptyDatabase(database.db)))
  const store = new DiskPhotoStore(join(config.dataDir, 'uploads'))
  const recovered = await store.recover(async (keys) => {
    const { rows } = await sql<{ storage_key: string }>`SELECT storage_key FROM appeal_photos WHERE storage_key = ANY(${keys}::text[])`.execute(database.db)
    return new Set(rows.map((r) => r.storage_key))
  }, new Date())
  if (recovered.promoted || recovered.removed) log(`photos after an interrupted run: ${recovered.promoted} kept, ${recovered.removed} uncommitted removed`)
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : folderTransport(join(config.dataDir, 'outbox'))
  const mail = startMailWorker(database.db, transport, config.mailFrom ?? 'Hromada Map <no-reply@localhost>', log)
  const pruning = setInterval(() => void pruneRateLimits(database.db).catch(() => {}), 3_600_000).unref()
  const open311Keys = new Set(config.open311Keys ?? [])
  if (config.demo) {
    open311Keys.add(DEMO_OPEN311_KEY)
    log(`demo mode: Open311 API key "${DEMO_OPEN311_KEY}"`)
    log(`demo mode: sign in as ${DEMO_ACCOUNTS.map((a) => `${a.email} / ${a.password}`).join(', ')}`)
  }
  log(`mail: ${transport.describe}`)
  const app = createApp(
    {
      db: database.db,
      engine: database.engine,
      postgis: database.postgis,
      tiles,
      appeals: {
        store,
        rateLimit: config.appealRateLimit ?? { limit: 30, windowSeconds: 3600 },
        trustProxy: config.trustProxy ?? false,
        open311Keys,
        mailQueued: () => mail.kick(),
      },
      demoMode: config.demo,
      demoData: () => demo,
      identity: { oidc: config.oidc && createOidcProvider(config.oidc) },
      log,
    },
    { webRoot: config.webRoot, publicUrl: config.publicUrl },
  )
  const server = createServer(tileFastPath(tiles, getRequestListener(app.fetch)))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`
  log(`serving on ${url}`)
  const deadlines = startDeadlineWorker(database.db, config.publicUrl ?? url, log, () => mail.kick())
  if (!wantsDemo) await prepareAppeals(database.db)
  const demoReady = wantsDemo
    ? ((demo = 'loading'),
      loadDemoData(database.db, log).then(
        () => {
          demo = 'ready'
        },
        (err: Error) => {
          demo = 'failed'
          log(`demo data failed to load: ${err.message}`)
        },
      ))
    : Promise.resolve()
  return {
    url,
    database,
    demoReady,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      clearInterval(pruning)
      await deadlines.stop()
      await mail.stop()
      await database.close()
    },
  }
}
