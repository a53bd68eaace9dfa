import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { openDatabase, type Database } from '../db/index.ts'
import { isEmptyDatabase, demoDataState, seedDemoData } from '../layers/index.ts'
import { TileService } from '../tiles/index.ts'
import { createApp } from './app.ts'
import { tileFastPath } from './tiles/tile-fast-path.ts'

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
  const tiles = await TileService.create(database.db, { cacheBytes: (config.tileCacheMb ?? 64) * 1024 * 1024, pool: database.pool })
  log(`database: ${database.engine}, PostGIS ${database.postgis}; tiles encoded by ${tiles.source.encoder === 'postgis' ? 'ST_AsMVT' : 'JS (no ST_AsMVT here)'}`)
  let demo: 'absent' | 'loading' | 'ready' | 'failed' = await demoDataState(database.db)
  const wantsDemo = config.demo && (demo === 'loading' || (demo === 'absent' && (await isEmptyDatabase(database.db))))
  const app = createApp(
    { db: database.db, engine: database.engine, postgis: database.postgis, tiles, demoData: () => demo, log },
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
  const demoReady = wantsDemo
    ? ((demo = 'loading'),
      seedDemoData(database.db, log).then(
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
      await database.close()
    },
  }
}
