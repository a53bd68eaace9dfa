import { createServer, ServerResponse, type RequestListener } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { openDatabase, type Database } from '../db/index.ts'
import { join } from 'node:path'
import { dropDeletedLayerTables, isEmptyDatabase, demoDataState, LayerExportStore } from '../layers/index.ts'
import { ExternalBasemapSource, openPmtilesBasemap, TileService } from '../tiles/index.ts'
import { createApp, type App } from './app.ts'
import { preparePrivateDataDir } from './data-dir.ts'
import { committedPhotoKeys, DiskPhotoStore, nameAppealsAtStart, prepareAppeals } from './appeals/index.ts'
import { pruneLayerUploads } from './planning/index.ts'
import { ANNOUNCE_INTERVAL_MS, announceOpenedConsultations } from './consultations/index.ts'
import { DocumentStore, existingDocumentIds } from './documents/index.ts'
import { DEMO_ACCOUNTS, loadDemoData } from './demo/index.ts'
import { createOidcProvider, pruneSecurityEvents } from './auth/index.ts'
import { startDeadlineWorker } from './office/index.ts'
import { folderTransport, smtpTransport, startMailWorker } from './mail/index.ts'
import { type Log, loggedResponses, type LogSink, pruneRateLimits, sendingRequestId, withRequestIds } from './http/index.ts'
import { tileFastPath } from './tiles/index.ts'
import type { EnvConfig } from './server-config.ts'

/** How often staged photos are settled while running, and how old a staged file must be for it. */
const PHOTO_RECOVERY_INTERVAL_MS = 10 * 60_000
const PHOTO_RECOVERY_AGE_MS = 15 * 60_000

/** The Open311 key that works in demo mode only, so that clients can be tried at once. */
export const DEMO_OPEN311_KEY = 'demo-open311-key'

/**
 * Runtime configuration: what `serverConfigFromEnv` reads from the environment (every default
 * is there), where logs go and the web app's folder.
 */
export type ServerConfig = Omit<EnvConfig, 'logRequests' | 'skipBuild'> & {
  webRoot?: string | undefined
  log: Log
  /** Where a line per request goes (see `accessLog`); unset: requests are not logged. */
  accessLog?: LogSink | undefined
}

/**
 * The node:http listener of the server: every request gets its id (`X-Request-Id`), then
 * well-formed tile requests are answered by the fast path and the rest by the app.
 */
export function serverListener(app: App, tiles: TileService, options: { trustProxy: boolean; log: Log }): RequestListener {
  return withRequestIds(tileFastPath(tiles, sendingRequestId(getRequestListener(app.fetch)), options.log), options)
}

/** The host part of the listening address as a client on this machine reaches it. */
function listenHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
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
  // Links in mail and in publicly cached documents must not depend on what a client claims.
  if (!config.demo && !config.publicUrl) throw new Error('PUBLIC_URL is required outside demo mode (HROMADA_DEMO=0), e.g. PUBLIC_URL=https://map.example.ua')
  await preparePrivateDataDir(config.dataDir, log)
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize, log })
  const tiles = await TileService.create(database.db, { cacheBytes: config.tileCacheMb * 1024 * 1024, pool: database.tilePool ?? database.pool })
  log(`database: ${database.engine}, PostGIS ${database.postgis}; tiles encoded by ${tiles.source.encoder === 'postgis' ? 'ST_AsMVT' : 'JS (no ST_AsMVT here)'}`)
  let demo: 'absent' | 'loading' | 'ready' | 'failed' = await demoDataState(database.db)
  // A demo installation is brought up to date too (parts added by later versions, such as the
  // synthetic appeals, are loaded; the rest is skipped as already present).
  const wantsDemo = config.demo && (demo !== 'absent' || (await isEmptyDatabase(database.db)))
  const store = new DiskPhotoStore(join(config.dataDir, 'uploads'))
  const isCommitted = (keys: string[]) => committedPhotoKeys(database.db, keys)
  const recovered = await store.recover(isCommitted, new Date())
  if (recovered.promoted || recovered.removed) log(`photos after an interrupted run: ${recovered.promoted} kept, ${recovered.removed} uncommitted removed`)
  // Files a write left staged while the database was away (its COMMIT may or may not have
  // taken effect) are settled by their rows once it is back; only files staged well before
  // any write still in flight are looked at.
  const recovery = setInterval(() => {
    store.recover(isCommitted, new Date(Date.now() - PHOTO_RECOVERY_AGE_MS)).then(
      (r) => (r.promoted || r.removed) && log(`photos left staged: ${r.promoted} kept, ${r.removed} uncommitted removed`),
      (err: Error) => log('photo recovery failed; tried again later', { level: 'warn', error: err.message }),
    )
  }, PHOTO_RECOVERY_INTERVAL_MS).unref()
  const documents = new DocumentStore(join(config.dataDir, 'documents'))
  const isDocument = (ids: string[]) => existingDocumentIds(database.db, ids)
  const settledDocuments = await documents.recover(isDocument, new Date())
  if (settledDocuments.promoted || settledDocuments.removed) log(`documents after an interrupted run: ${settledDocuments.promoted} kept, ${settledDocuments.removed} removed`)
  // Public data, written once per layer version; files half-written when the server stopped go.
  const layerExports = new LayerExportStore(join(config.dataDir, 'exports'), log)
  const sweptExports = await layerExports.sweep()
  if (sweptExports) log(`layer exports after an interrupted run: ${sweptExports} unfinished files removed`)
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : folderTransport(join(config.dataDir, 'outbox'))
  const mail = startMailWorker(database.db, transport, config.mailFrom, log)
  // Tried again in an hour when the database is away; said in the log so that a table that
  // keeps growing is noticed.
  const pruneFailed = (what: string) => (err: Error) => log(`pruning ${what} failed; tried again in an hour`, { level: 'warn', error: err.message })
  const layerUploadDir = join(config.dataDir, 'layer-uploads')
  const pruneUploads = () => void pruneLayerUploads(database.db, layerUploadDir).catch(pruneFailed('layer uploads'))
  pruneUploads()
  // A deleted layer's emptied tables; each waits for its lock only briefly, so this never stalls tiles.
  const dropLayerTables = () => void dropDeletedLayerTables(database.db).catch(pruneFailed("deleted layers' tables"))
  dropLayerTables()
  const pruning = setInterval(() => {
    void pruneRateLimits(database.db).catch(pruneFailed('rate-limit windows'))
    // Uploads nobody published go after three days, with their files.
    pruneUploads()
    dropLayerTables()
    // Document files a failed cleanup left behind; files staged in the last hour may be a write in flight.
    void documents.recover(isDocument, new Date(Date.now() - 3_600_000)).catch(pruneFailed('document files'))
    // Security events keep client addresses: they go after their retention period.
    void pruneSecurityEvents(database.db).catch(pruneFailed('security events'))
  }, 3_600_000).unref()
  const basemap = config.basemapStyle ? new ExternalBasemapSource(config.basemapStyle, log) : undefined
  // A basemap archive that cannot be served stops the start: the operator named it on purpose.
  const pmtilesBasemap = config.basemapPmtiles ? await openPmtilesBasemap(config.basemapPmtiles) : undefined
  if (pmtilesBasemap) log(`basemap: ${pmtilesBasemap.file}, zooms ${pmtilesBasemap.minZoom}–${pmtilesBasemap.maxZoom}, served at /basemap.pmtiles`)
  // Read now, so that the first map does not wait for it.
  void basemap?.get()
  const open311Keys = new Set(config.open311Keys)
  if (config.demo) {
    open311Keys.add(DEMO_OPEN311_KEY)
    log(`demo mode: Open311 API key "${DEMO_OPEN311_KEY}"`)
    log(`demo mode: sign in as ${DEMO_ACCOUNTS.map((a) => `${a.email} / ${a.password}`).join(', ')}`)
  }
  log(`mail: ${transport.describe}`)
  // The listening address, the origin of links when there is no PUBLIC_URL; set once listening.
  let url = ''
  const app = createApp(
    {
      db: database.db,
      engine: database.engine,
      postgis: database.postgis,
      tiles,
      appeals: {
        store,
        rateLimit: config.appealRateLimit,
        trustProxy: config.trustProxy,
        open311Keys,
        mailQueued: () => mail.kick(),
      },
      ...(basemap && { basemap }),
      ...(pmtilesBasemap && { pmtilesBasemap }),
      planning: { uploadDir: layerUploadDir, maxUploadBytes: config.maxUploadMb * 1024 * 1024 },
      documents: { store: documents, maxBytes: config.maxDocumentMb * 1024 * 1024 },
      layerExports,
      demoMode: config.demo,
      demoData: () => demo,
      identity: { oidc: config.oidc && createOidcProvider(config.oidc) },
      log,
    },
    {
      webRoot: config.webRoot,
      origin: { publicUrl: config.publicUrl, trustProxy: config.trustProxy, publicHosts: config.publicHosts, listenOrigin: () => url },
    },
  )
  const listener = serverListener(app, tiles, { trustProxy: config.trustProxy, log })
  const server = createServer({ ServerResponse: config.accessLog ? loggedResponses(config.accessLog) : ServerResponse }, listener)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  url = `http://${listenHost(config.host)}:${port}`
  log(`serving on ${url}`)
  const deadlines = startDeadlineWorker(database.db, config.publicUrl ?? url, log, () => mail.kick())
  // Residents who follow an area hear of a consultation there when it opens.
  const announce = () =>
    void announceOpenedConsultations(database.db, config.publicUrl ?? url).then(
      (queued) => queued > 0 && (log(`consultations opened: ${queued} notices to residents who follow their areas`), mail.kick()),
      (err: Error) => log('announcing opened consultations failed; tried again later', { level: 'warn', error: err.message }),
    )
  announce()
  const announcing = setInterval(announce, ANNOUNCE_INTERVAL_MS).unref()
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
  // In the background: the first searches must not wait for a city's index to be built.
  void demoReady.then(() => nameAppealsAtStart(database.db, log)).catch((err: Error) => log("gazetteers not built at start; built at each city's first search", { level: "warn", error: err.message }))
  return {
    url,
    database,
    demoReady,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      clearInterval(pruning)
      clearInterval(recovery)
      clearInterval(announcing)
      await deadlines.stop()
      await mail.stop()
      await database.close()
      await pmtilesBasemap?.close()
    },
  }
}
