/**
 * PostgreSQL is stopped (`pg_ctl stop -m fast`) for 10 s and started again while 200 appeal
 * submissions with photos are in flight and tiles are read steadily, against the server as
 * production runs it in a child process: the process never exits, every answer during the
 * outage is a 503 problem within 5 s, the service answers again without a restart, and every
 * appeal that got a 201 is in the database with all its photos on disk, nothing half-written.
 *
 * It runs its own throwaway PostgreSQL 15 + PostGIS cluster, so it runs once per CI run: in the
 * pass without `DATABASE_URL` (the embedded-engine pass, which is also a plain local `npm test`).
 * Without Debian's PostgreSQL 15 binaries it is skipped with a message.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { sql } from 'kysely'
import pg from 'pg'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../db/index.ts'
import { lonLatToTile } from '../../tiles/index.ts'
import { startThrowawayCluster, type ThrowawayCluster } from '../../scripts/bench/index.ts'
import { isDatabaseUnavailable, problemHandler } from '../http/index.ts'
import { startServerProcess, type ServerProcess } from './server-process.ts'

const PG_BIN = '/usr/lib/postgresql/15/bin/initdb'
const skipReason = process.env.DATABASE_URL
  ? 'the database outage test runs in the pass without DATABASE_URL (it starts a cluster of its own)'
  : !existsSync(PG_BIN)
    ? `the database outage test needs PostgreSQL 15 + PostGIS (${PG_BIN} is missing; apt-get install postgresql-15-postgis-3)`
    : undefined
if (skipReason) console.log(`skipped: ${skipReason}`)

const OUTAGE_MS = 10_000
/** The longest any answer may take while the database is down. */
const OUTAGE_ANSWER_MS = 5_000
const run = randomUUID().slice(0, 8)
const dataDir = mkdtempSync(join(tmpdir(), 'hromada-outage-'))

/** One answer the server gave (status 0: the connection failed, i.e. the server was gone). */
interface Answer {
  kind: 'tile' | 'submission'
  started: number
  ended: number
  status: number
  contentType: string
  retryAfter: string | null
  problemType?: string
  number?: string
}

let cluster: ThrowawayCluster | undefined
let database: Database | undefined
let server: ServerProcess | undefined

const port = 55_000 + Math.floor(Math.random() * 4_000)

beforeAll(async () => {
  if (skipReason) return
  cluster = startThrowawayCluster(port)
  database = await openDatabase({ databaseUrl: cluster!.url, poolSize: 2 })
  // Kyiv without a boundary: every point is inside; the server makes it ready for appeals.
  await sql`INSERT INTO cities (id, code, name, center, zoom)
            VALUES ('kyiv', 'KY', ${JSON.stringify({ uk: 'Київ', en: 'Kyiv' })}, ST_SetSRID(ST_MakePoint(30.52, 50.45), 4326), 11)`.execute(database.db)
}, 120_000)

afterAll(async () => {
  server?.child.kill('SIGKILL')
  await database?.close()
  cluster?.stop()
  if (cluster) rmSync(cluster.dir, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

async function request(kind: Answer['kind'], url: string, init?: RequestInit): Promise<Answer> {
  const started = Date.now()
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
    const contentType = res.headers.get('content-type') ?? ''
    const answer: Answer = { kind, started, ended: 0, status: res.status, contentType, retryAfter: res.headers.get('retry-after') }
    if (contentType.includes('json')) {
      const body = (await res.json()) as { type?: string; number?: string }
      answer.problemType = body.type
      answer.number = body.number
    } else await res.arrayBuffer()
    answer.ended = Date.now()
    return answer
  } catch {
    return { kind, started, ended: Date.now(), status: 0, contentType: '', retryAfter: null }
  }
}

function submission(i: number, photos: Buffer[], label: string): FormData {
  const count = (i % 2) + 1
  const form = new FormData()
  const fields = { city: 'kyiv', category: 'yard', lat: String(50.44 + (i % 20) * 0.001), lon: String(30.5 + (i % 10) * 0.002), description: `outage-${run}-${label}${i}-p${count}` }
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (let p = 0; p < count; p++) form.append('photos', new File([new Uint8Array(photos[p]!)], `${p}.jpg`, { type: 'image/jpeg' }))
  return form
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A client of the cluster that keeps its 'error' event, as the app's pools do. */
async function connectClient(url: string, errors: unknown[] = []): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', (err) => errors.push(err))
  await client.connect()
  return client
}

const failure = (p: Promise<unknown>) => p.then(() => new Error('did not fail'), (err: unknown) => err)

describe.skipIf(skipReason)('PostgreSQL stopped and started under load', () => {
  it('tells an unreachable database from other errors, as a stopped server really fails', { timeout: 60_000 }, async () => {
    const idleInTransaction: unknown[] = []
    const waiting = await connectClient(cluster!.url, idleInTransaction)
    await waiting.query('BEGIN')
    const busy = await connectClient(cluster!.url)
    const running = failure(busy.query('SELECT pg_sleep(30)'))
    const other = await connectClient(cluster!.url)
    const statementTimeout = await failure(other.query('SET statement_timeout = 50; SELECT pg_sleep(1)'))
    const divisionByZero = await failure(other.query('SELECT 1/0'))
    const syntax = await failure(other.query('SELEC 1'))
    await other.end()
    const small = new pg.Pool({ connectionString: cluster!.url, max: 1, connectionTimeoutMillis: 200 })
    const holder = await small.connect()
    const checkoutTimeout = await failure(small.connect())
    holder.release()
    await small.end()
    // A server that accepts the connection and never answers.
    const silent: Server = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const silentPort = (silent.address() as { port: number }).port
    const silentPool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${silentPort}/x`, connectionTimeoutMillis: 200 })
    const connectTimeout = await failure(silentPool.connect())
    await silentPool.end()
    silent.close()

    cluster!.stop()
    const terminated = await running
    const afterTermination = await failure(waiting.query('SELECT 1'))
    const socketGone = await failure(connectClient(cluster!.url))
    const refused = await failure(connectClient(`postgres://postgres@127.0.0.1:${port}/hromada_bench`))
    const throughApp = await failure(sql`SELECT 1`.execute(database!.db))
    cluster!.start()

    const unavailable = { idleInTransaction: idleInTransaction[0], terminated, afterTermination, socketGone, refused, throughApp, checkoutTimeout, connectTimeout, statementTimeout }
    const summary = (errors: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, { unavailable: isDatabaseUnavailable(e), error: `${(e as { code?: string }).code ?? ''} ${(e as Error).message}` }]))
    console.log(`outage test: real errors ${JSON.stringify(summary(unavailable))}`)
    for (const [name, err] of Object.entries(unavailable)) expect(isDatabaseUnavailable(err), `${name}: ${String(err)}`).toBe(true)
    for (const [name, err] of Object.entries({ divisionByZero, syntax, bug: new TypeError('x is undefined') })) expect(isDatabaseUnavailable(err), `${name}: ${String(err)}`).toBe(false)

    const app = new Hono().onError(problemHandler(() => {}))
    app.get('/refused', () => {
      throw refused
    })
    const res = await app.request('/refused')
    expect({ status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body: await res.json() }).toEqual({
      status: 503,
      type: 'application/problem+json; charset=utf-8',
      retryAfter: '5',
      body: {
        type: '/problems/unavailable',
        title: 'The service is temporarily unavailable',
        status: 503,
        detail: 'The database cannot be reached at the moment; please try again shortly',
        instance: '/refused',
      },
    })
  })

  it('answers 503 during the outage, never exits, resumes by itself and loses no acknowledged appeal', { timeout: 240_000 }, async () => {
    const serverEnv = {
      DATABASE_URL: cluster!.url,
      HROMADA_DATA_DIR: dataDir,
      HROMADA_APPEAL_RATE_LIMIT: '100000/60',
      HROMADA_DB_POOL: '8',
      // Every tile read goes to the database, so that the reads really meet the outage.
      HROMADA_TILE_CACHE_MB: '0',
    }
    server = await startServerProcess(serverEnv)
    const url = server.url
    const photos = await Promise.all(
      ['#8a9a5b', '#4682b4'].map((colour) => sharp({ create: { width: 640, height: 480, channels: 3, background: colour, noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg().toBuffer()),
    )
    const answers: Answer[] = []
    const tiles = [10, 11, 12, 13, 14].flatMap((z) => [lonLatToTile(30.51, 50.45, z), lonLatToTile(30.52, 50.455, z)]).map((t) => `${t.z}/${t.x}/${t.y}`)
    let reading = true
    const readTiles = async (reader: number) => {
      for (let i = reader; reading; i++) {
        answers.push(await request('tile', `${url}/tiles/kyiv-appeals/${tiles[i % tiles.length]}.mvt`))
        await sleep(50)
      }
    }
    // Fresh submissions keep arriving through the outage, one every 300 ms.
    const probes: Promise<void>[] = []
    const probing = setInterval(() => {
      const i = probes.length
      probes.push(request('submission', `${url}/api/appeals`, { method: 'POST', body: submission(i, photos, 'probe') }).then((a) => void answers.push(a)))
    }, 300)
    const readers = [0, 1, 2].map(readTiles)

    let outage: { stopped: number; started: number } | undefined
    let health: { status: number; body: unknown } | undefined
    let outageDone: Promise<void> | undefined
    let acknowledged = 0
    const burst = Array.from({ length: 200 }, async (_, i) => {
      const answer = await request('submission', `${url}/api/appeals`, { method: 'POST', body: submission(i, photos, 'burst') })
      answers.push(answer)
      // Stop the database once 40 are answered, with the rest still in flight.
      if (answer.status === 201 && ++acknowledged === 40) {
        outageDone = (async () => {
          cluster!.stop()
          const stopped = Date.now()
          await sleep(2_000)
          const res = await fetch(`${url}/api/health`)
          health = { status: res.status, body: await res.json() }
          await sleep(OUTAGE_MS - 2_000)
          outage = { stopped, started: Date.now() }
          cluster!.start()
        })()
      }
    })
    await Promise.all(burst)
    expect(outageDone, 'the database was stopped during the burst').toBeDefined()
    await outageDone
    expect(health, 'health during the outage').toEqual({ status: 503, body: expect.objectContaining({ status: 'unavailable', database: 'unreachable' }) })
    const alive = () => server!.child.exitCode === null && server!.child.signalCode === null
    expect(alive(), `the server process lives through the outage:\n${server!.output().slice(-3000)}`).toBe(true)

    // Back without a restart: health, then tiles and submissions, answer again.
    const restarted = Date.now()
    let healthStatus = 0
    const polls: string[] = []
    while (healthStatus !== 200 && Date.now() - restarted < 30_000) {
      healthStatus = (await request('tile', `${url}/api/health`)).status
      polls.push(`${Date.now() - restarted}ms:${healthStatus}`)
      if (healthStatus !== 200) await sleep(250)
    }
    expect(healthStatus, 'health answers 200 after the database is back').toBe(200)
    await sleep(2_000)
    reading = false
    clearInterval(probing)
    await Promise.all([...readers, ...probes])
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => request('submission', `${url}/api/appeals`, { method: 'POST', body: submission(i, photos, 'after') })))
    answers.push(...after)
    console.log(`outage test: health after the restart ${polls.join(' ')}; ${answers.length} answers`)

    expect(alive(), `the server process is alive at the end:\n${server!.output().slice(-3000)}`).toBe(true)
    const counts = new Map<string, number>()
    for (const a of answers) counts.set(`${a.kind} ${a.status}`, (counts.get(`${a.kind} ${a.status}`) ?? 0) + 1)
    console.log(`outage test: ${[...counts].map(([k, n]) => `${k}: ${n}`).join(', ')}`)
    expect([...new Set(answers.map((a) => a.status))].filter((s) => ![200, 201, 204, 503].includes(s)), 'statuses other than success and 503').toEqual([])
    for (const a of answers.filter((a) => a.status === 503)) {
      expect({ type: a.problemType, contentType: a.contentType, retryAfter: a.retryAfter !== null }).toEqual({
        type: '/problems/unavailable',
        contentType: 'application/problem+json; charset=utf-8',
        retryAfter: true,
      })
    }
    const during = answers.filter((a) => a.started >= outage!.stopped && a.started < outage!.started)
    expect(during.filter((a) => a.kind === 'tile' && a.status === 503).length, 'tile reads met the outage').toBeGreaterThan(10)
    expect(during.filter((a) => a.kind === 'submission' && a.status === 503).length, 'submissions met the outage').toBeGreaterThan(10)
    // The only success allowed from a request sent while the database was down is one served after it came back.
    expect(during.filter((a) => a.status !== 503 && a.ended < outage!.started)).toEqual([])
    expect(during.filter((a) => a.ended - a.started > OUTAGE_ANSWER_MS).map((a) => ({ kind: a.kind, ms: a.ended - a.started, status: a.status }))).toEqual([])
    expect(after.map((a) => a.status)).toEqual(after.map(() => 201))

    // A submission whose connection died during COMMIT cannot know whether it committed, so
    // its photos stay staged until recovery settles them by their rows: the recovery that runs
    // every few minutes, and at every start, which this restart brings about now.
    server.child.kill('SIGTERM')
    await server.exited
    server = await startServerProcess(serverEnv)
    const acknowledgedNumbers = answers.filter((a) => a.status === 201).map((a) => a.number!)
    const rows = (
      await sql<{ number: string; description: string; photos: string[] }>`
        SELECT a.number, a.description, coalesce(array_agg(p.storage_key) FILTER (WHERE p.id IS NOT NULL), '{}') AS photos
          FROM appeals a LEFT JOIN appeal_photos p ON p.appeal_id = a.id
         WHERE a.description LIKE ${`outage-${run}-%`} GROUP BY a.number, a.description`.execute(database!.db)
    ).rows
    const numbers = new Set(rows.map((r) => r.number))
    expect(acknowledgedNumbers.filter((n) => !numbers.has(n)), 'appeals that got a 201 but are missing').toEqual([])
    const uploads = join(dataDir, 'uploads')
    const stored = new Set(readdirSync(join(uploads, 'photos')))
    for (const row of rows) {
      expect(row.photos, row.description).toHaveLength(Number(row.description.split('-p').at(-1)))
      for (const key of row.photos) expect(stored.has(`${key}.jpg`) && stored.has(`${key}.thumb.jpg`), `files of ${row.number}`).toBe(true)
    }
    const keys = new Set(rows.flatMap((r) => r.photos))
    expect([...stored].filter((f) => !keys.has(f.slice(0, 36))), 'photo files without an appeal').toEqual([])
    expect(existsSync(join(uploads, 'pending')) ? readdirSync(join(uploads, 'pending')) : [], 'staged files left over').toEqual([])
    console.log(`outage test: ${acknowledgedNumbers.length} acknowledged, ${rows.length} committed, ${keys.size} photos, all whole`)
  })
})
