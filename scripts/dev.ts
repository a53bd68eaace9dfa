/**
 * Development: the API on PORT (default 8787) and the Vite dev server with hot reload on 5173,
 * which proxies /api, /tiles and /styles to the API.
 */
import { createServer } from 'vite'
import { serverConfigFromEnv, startServer } from '../api/index.ts'

const log = (line: string) => console.log(`[hromada] ${line}`)
const { logRequests: _, skipBuild: __, ...config } = serverConfigFromEnv(process.env)
const api = await startServer({ ...config, host: '127.0.0.1', log })
process.env.HROMADA_API_ORIGIN = api.url
const vite = await createServer({ configFile: new URL('../vite.config.ts', import.meta.url).pathname })
await vite.listen()
vite.printUrls()
