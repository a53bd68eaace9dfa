/**
 * Starts Hromada Map: builds the web app if it is missing or stale, migrates the database,
 * serves the API, tiles and web app on one port, and loads the demo data into an empty
 * database. Configuration comes from the environment (README.md → Configuration).
 */
import { parseRateLimit, startServer } from '../api/index.ts'
import { buildWebIfStale, WEB_DIST } from './web-build.ts'

const log = (line: string) => console.log(`[hromada] ${line}`)
const started = Date.now()

// The web build and the database start use a core each, so they run side by side.
const built = process.env.HROMADA_SKIP_BUILD === '1' ? Promise.resolve(false) : buildWebIfStale(log)
const server = await startServer({
  port: Number(process.env.PORT ?? 8787),
  host: process.env.HOST ?? '127.0.0.1',
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.HROMADA_DATA_DIR ?? './.data',
  demo: process.env.HROMADA_DEMO !== '0',
  webRoot: WEB_DIST,
  publicUrl: process.env.PUBLIC_URL || undefined,
  poolSize: process.env.HROMADA_DB_POOL ? Number(process.env.HROMADA_DB_POOL) : undefined,
  tileCacheMb: process.env.HROMADA_TILE_CACHE_MB ? Number(process.env.HROMADA_TILE_CACHE_MB) : undefined,
  smtpUrl: process.env.SMTP_URL || undefined,
  mailFrom: process.env.MAIL_FROM || undefined,
  appealRateLimit: process.env.HROMADA_APPEAL_RATE_LIMIT ? parseRateLimit(process.env.HROMADA_APPEAL_RATE_LIMIT) : undefined,
  trustProxy: process.env.TRUST_PROXY === '1',
  open311Keys: process.env.OPEN311_API_KEYS?.split(',').map((k) => k.trim()).filter(Boolean),
  oidc: process.env.OIDC_ISSUER
    ? { issuer: process.env.OIDC_ISSUER, clientId: process.env.OIDC_CLIENT_ID ?? '', clientSecret: process.env.OIDC_CLIENT_SECRET ?? '', name: process.env.OIDC_NAME || 'OpenID Connect' }
    : undefined,
  log,
})
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
