import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the app under test, without a trailing slash, e.g. `http://127.0.0.1:40123`. */
    baseUrl: string
    /**
     * The folder where the app under test writes its mail as `.eml` files (it has no SMTP
     * server): `outbox/` in its data folder. With `E2E_BASE_URL`, `E2E_DATA_DIR` should name
     * that server's data folder for the tests that read mail.
     */
    outboxDir: string
  }
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DATA_DIR = process.env.E2E_DATA_DIR ?? '.data/e2e'

/** The first start loads the demo data into a fresh database, which takes a while. */
const HEALTH_TIMEOUT_MS = 5 * 60_000
const HEALTH_POLL_MS = 500
const STOP_GRACE_MS = 10_000

/**
 * Provides `baseUrl` and `outboxDir` to the browser tests. With `E2E_BASE_URL` set, tests run against that server.
 * Otherwise starts the app (`npx tsx scripts/start.ts`) on a free port with its data in
 * `E2E_DATA_DIR` (default `.data/e2e`), passing `DATABASE_URL` through when set, forwards its
 * output, waits for `GET /api/health` to answer 200 with the demo data ready, and stops it after
 * the tests.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide('outboxDir', resolve(REPO_ROOT, DATA_DIR, 'outbox'))
  const preset = process.env.E2E_BASE_URL
  if (preset) {
    project.provide('baseUrl', preset.replace(/\/+$/, ''))
    return undefined
  }
  const port = await findFreePort()
  const baseUrl = `http://127.0.0.1:${port}`
  let server = startServer(port)
  try {
    await waitForHealth(baseUrl, server)
    // The streets tests need Kyiv's basemap from the test extract, loaded as an operator would:
    // with the command, while the server (which holds the embedded database) is stopped.
    await stopServer(server)
    importTestExtract()
    server = startServer(port)
    await waitForHealth(baseUrl, server)
  } catch (error) {
    await stopServer(server)
    throw error
  }
  project.provide('baseUrl', baseUrl)
  return () => stopServer(server)
}

/** The OpenStreetMap extract the streets tests draw and search, and the city it is of. */
export const TEST_EXTRACT = { file: 'layers/osm/fixtures/kyiv-centre.osm.pbf', city: 'kyiv' }

function importTestExtract(): void {
  console.log(`[e2e] importing ${TEST_EXTRACT.file} into ${TEST_EXTRACT.city}`)
  const run = spawnSync('npx', ['tsx', 'scripts/import-osm.ts', TEST_EXTRACT.file, '--city', TEST_EXTRACT.city], {
    cwd: REPO_ROOT,
    env: { ...process.env, HROMADA_DATA_DIR: DATA_DIR },
    encoding: 'utf8',
  })
  process.stdout.write(prefixLines(Buffer.from(run.stdout ?? '')))
  if (run.status !== 0) throw new Error(`import-osm failed (${run.status}): ${run.stderr}`)
}

function startServer(port: number): ChildProcess {
  console.log(`[e2e] starting the app on port ${port} with data in ${DATA_DIR}`)
  const server = spawn('npx', ['tsx', 'scripts/start.ts'], {
    cwd: REPO_ROOT,
    // The line per request would bury the test output; the access log has tests of its own.
    env: { ...process.env, PORT: String(port), HROMADA_DATA_DIR: DATA_DIR, HROMADA_ACCESS_LOG: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stopping it also stops the node process npx starts.
    detached: true,
  })
  server.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefixLines(chunk)))
  server.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefixLines(chunk)))
  return server
}

function prefixLines(chunk: Buffer): string {
  return chunk
    .toString('utf8')
    .replace(/\n(?!$)/g, '\n[server] ')
    .replace(/^/, '[server] ')
}

async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the app exited (${server.exitCode ?? server.signalCode}) before it answered /api/health`)
    }
    if (await isReady(baseUrl)) {
      console.log(`[e2e] the app is up at ${baseUrl}`)
      return
    }
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS))
  }
  throw new Error(`${baseUrl}/api/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s`)
}

/**
 * Whether `/api/health` answers 200 with the demo data loaded: the server answers as soon as the
 * database does, while the first start is still loading the demo catalogue the tests look at.
 */
async function isReady(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health`)
    if (response.status !== 200) return false
    const health: unknown = await response.json()
    const demoData = typeof health === 'object' && health !== null && 'demo_data' in health ? health.demo_data : undefined
    return demoData === undefined || demoData === 'ready'
  } catch {
    return false // not listening yet
  }
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return
  const exited = once(server, 'exit')
  signalGroup(server.pid, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(server.pid ?? 0, 'SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
  console.log('[e2e] the app has stopped')
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if (!(error instanceof Error && 'code' in error && error.code === 'ESRCH')) throw error
  }
}

async function findFreePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const address = probe.address()
  probe.close()
  if (address === null || typeof address === 'string') throw new Error('could not find a free port')
  return address.port
}
