/**
 * The password hashing queue: its order and bounds, the 503 of a full queue, and a burst of
 * sign-ins against the real HTTP server, during which the thread pool stays free for static
 * files (read with fs) and tiles, which keep answering fast.
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getRequestListener } from '@hono/node-server'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { TileService } from '../../tiles/index.ts'
import { createApp } from '../index.ts'
import { expectProblem, testAppDeps } from '../testing.ts'
import { tileFastPath } from '../tiles/index.ts'
import { DEMO_ACCOUNTS } from '../demo/index.ts'
import { PASSWORD_QUEUE_CAPACITY, PasswordQueue, hashingConcurrency, passwordHashing } from './password-queue.ts'

const BURST = 40
const SAMPLES = 9
const SAMPLE_SPACING_MS = 100
// A tile of a demo layer, in the middle of Kyiv.
const TILE = '/tiles/kyiv-districts/10/598/345.mvt'

let database: Database
let server: Server
let origin: string
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  database = await openTestDatabase()
  const tiles = await TileService.create(database.db)
  const webRoot = mkdtempSync(join(tmpdir(), 'hromada-web-'))
  mkdirSync(join(webRoot, 'assets'))
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Hromada Map</title>')
  writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log("map")')
  // Behind a "proxy": each sign-in comes from an address of its own, as from 40 residents.
  app = createApp(testAppDeps(database, tiles, { trustProxy: true }), { webRoot })
  server = createServer(tileFastPath(tiles, getRequestListener(app.fetch), () => {}))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await database.close()
})

/** Milliseconds from sending a GET to reading its whole body, with the status. */
async function timedGet(path: string): Promise<{ ms: number; status: number }> {
  const started = performance.now()
  const res = await fetch(`${origin}${path}`, { headers: { 'Accept-Encoding': 'gzip' } })
  await res.arrayBuffer()
  return { ms: performance.now() - started, status: res.status }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

describe('a burst of sign-ins', () => {
  it('leaves static files and tiles answering within 100 ms', async () => {
    const resident = DEMO_ACCOUNTS.find((a) => a.role === 'resident')!
    // Warm the paths first: the tile is cached and the files were read once, as on a live server.
    for (const path of ['/', '/assets/app-1234.js', TILE]) expect((await timedGet(path)).status).toBe(200)

    const addresses = Array.from({ length: BURST }, () => `burst-${randomUUID()}`)
    let done = 0
    const logins = addresses.map((address) =>
      fetch(`${origin}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
        body: JSON.stringify({ email: resident.email, password: resident.password }),
      }).then(async (res) => {
        await res.arrayBuffer()
        done++
        return res.status
      }),
    )
    // The burst is under way once every sign-in has passed its rate limit (the step before the
    // password check) and none has answered yet: 40 password checks are waiting or running.
    const buckets = addresses.map((address) => createHash('sha256').update(`login:${address}`).digest('base64url'))
    const passedRateLimit = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM rate_limit_hits WHERE bucket = ANY(${buckets}::text[])`.execute(database.db)).rows[0]!.n
    while ((await passedRateLimit()) < BURST) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(done).toBeLessThan(BURST / 2)

    // Samples start every 100 ms whether or not the previous ones have answered, so that one
    // request stuck behind the burst cannot hide the others' wait (nor they its).
    const samples = await Promise.all(
      Array.from({ length: SAMPLES }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * SAMPLE_SPACING_MS))
        return Promise.all([timedGet(i % 2 ? '/assets/app-1234.js' : '/'), timedGet(TILE)])
      }),
    )
    expect(samples.flat().map((s) => s.status)).toEqual(Array(2 * SAMPLES).fill(200))
    const files = samples.map(([file]) => file.ms)
    const tiles = samples.map(([, tile]) => tile.ms)
    const pendingAfterSamples = BURST - done
    const answers = await Promise.allSettled(logins)

    expect({ file: median(files) <= 100, tile: median(tiles) <= 100 }, `files ${files.map(Math.round)} ms, tiles ${tiles.map(Math.round)} ms`).toEqual({ file: true, tile: true })
    // The samples were taken while sign-ins were still waiting for their hash.
    expect(pendingAfterSamples).toBeGreaterThan(0)
    // Every sign-in succeeded: neither the rate limit nor the queue refused any of the 40.
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : String(a.reason)))).toEqual(Array(BURST).fill(200))
  }, 300_000)
})

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

describe('the password queue', () => {
  it('runs at most `concurrency` derivations at once, the others in arrival order', async () => {
    const queue = new PasswordQueue(1, 10)
    const order: number[] = []
    const first = gate()
    const runs = [queue.run(() => first.opened.then(() => order.push(0)))]
    for (let i = 1; i <= 3; i++) runs.push(queue.run(async () => order.push(i)))
    expect({ running: queue.running, waiting: queue.waiting }).toEqual({ running: 1, waiting: 3 })
    first.open()
    await Promise.all(runs)
    expect(order).toEqual([0, 1, 2, 3])
    expect({ running: queue.running, waiting: queue.waiting }).toEqual({ running: 0, waiting: 0 })
  })

  it('refuses one more than it can hold with a 503 problem that says when to retry', async () => {
    const queue = new PasswordQueue(1, 2)
    const held = gate()
    const runs = Array.from({ length: 3 }, () => queue.run(() => held.opened))
    const refused = await queue.run(async () => 'ran').catch((err: unknown) => err)
    expect(refused).toMatchObject({ type: 'unavailable', status: 503, retryAfter: expect.any(Number) })
    expect((refused as { retryAfter: number }).retryAfter).toBeGreaterThanOrEqual(1)
    held.open()
    await Promise.all(runs)
    expect(await queue.run(async () => 'ran')).toBe('ran')
  })

  it('frees its place when a derivation fails', async () => {
    const queue = new PasswordQueue(1, 0)
    await expect(queue.run(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed')
    expect(await queue.run(async () => 'ran')).toBe('ran')
  })

  it('runs one derivation at a time on two cores, two on more, leaving two pool threads free', () => {
    expect([hashingConcurrency(1, 4), hashingConcurrency(2, 4), hashingConcurrency(8, 4), hashingConcurrency(8, 3), hashingConcurrency(8, 64)]).toEqual([1, 1, 2, 1, 2])
  })

  it('answers a sign-in 503 problem+json with Retry-After when the queue is full', async () => {
    const held = gate()
    const fillers = Array.from({ length: passwordHashing.concurrency + PASSWORD_QUEUE_CAPACITY }, () => passwordHashing.run(() => held.opened))
    try {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `full-${randomUUID()}` },
        body: JSON.stringify({ email: 'resident@demo.local', password: 'demo-resident' }),
      })
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
      expect((await expectProblem(res, 503)).type).toBe('/problems/unavailable')
    } finally {
      held.open()
      await Promise.all(fillers)
    }
  })
})
