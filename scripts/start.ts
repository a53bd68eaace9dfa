/**
 * Starts Hromada Map: builds the web app if it is missing or stale, migrates the database,
 * serves the API, tiles and web app on one port, and loads the demo data into an empty
 * database. Configuration comes from the environment (README.md → Configuration).
 */
import { batchedSink, logLine, serverConfigFromEnv, startServer, type Log } from '../api/index.ts'
import { buildWebIfStale, WEB_DIST } from './web-build.ts'

// One JSON object per line (see api/http/access-log.ts); batched, so a busy server makes few writes.
const sink = batchedSink(process.stdout)
const log: Log = (msg, fields) => sink.write(logLine('info', msg, fields))
process.on('exit', () => sink.flush())
const started = Date.now()

let config
try {
  config = serverConfigFromEnv(process.env)
} catch (err) {
  // On standard error too, where a service manager or a terminal shows why the start failed.
  process.stderr.write(logLine('error', (err as Error).message))
  process.exit(2)
}
// The web build and the database start use a core each, so they run side by side.
const { logRequests, skipBuild, ...serverConfig } = config
const built = skipBuild ? Promise.resolve(false) : buildWebIfStale(log)
const server = await startServer({ ...serverConfig, webRoot: WEB_DIST, log, accessLog: logRequests ? sink : undefined })
await built
log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s — open ${server.url}`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1)
    stopping = true
    log(`${signal}: shutting down`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
