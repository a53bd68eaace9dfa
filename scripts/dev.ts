/**
 * Development: the API on PORT (default 8787) and the Vite dev server with hot reload on 5173,
 * which proxies /api, /tiles and /styles to the API.
 */
import { createServer } from 'vite'
import { startServer } from '../api/index.ts'

const log = (line: string) => console.log(`[hromada] ${line}`)
const port = Number(process.env.PORT ?? 8787)
const api = await startServer({
  port,
  host: '127.0.0.1',
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.HROMADA_DATA_DIR ?? './.data',
  demo: process.env.HROMADA_DEMO !== '0',
  log,
})
process.env.HROMADA_API_ORIGIN = api.url
const vite = await createServer({ configFile: new URL('../vite.config.ts', import.meta.url).pathname })
await vite.listen()
vite.printUrls()
