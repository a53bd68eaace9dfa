/**
 * A mixed load for a set time, as a city's map sees it: tile reads 80 %, API reads 15 % (appeal
 * lists, features, layers, appeal pages), appeal submissions 5 % (some with a small photo), at a
 * fixed rate, on loopback only. Reports requests, errors and p50/p99 per kind, and the server's
 * memory after warm-up and at the end.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { loadDemoData } from '../../api/demo/index.ts'
import { openDatabase } from '../../db/index.ts'
import { measureLoad, type LoadOptions, type LoadResult } from './load.ts'
import { ROOT, startScript, stopProcess, waitFor } from './processes.ts'
import { startThrowawayCluster, type ThrowawayCluster } from './throwaway-cluster.ts'
import { benchRequestSets, hotPathRequests } from './tile-list.ts'

/** Options of {@link runMixedLoad}. */
export interface MixedLoadOptions {
  /** A running server to load (loopback only); unset: a server is started for the run. */
  url?: string | undefined
  /** With `url`: the server's process id, to read its resident memory (heap is not readable from outside). */
  pid?: number | undefined
  /** Measured seconds, after the warm-up. */
  seconds: number
  /** Seconds of the same load before memory is first read (default: a tenth of `seconds`, 5–30 s). */
  warmupSeconds?: number | undefined
  /** Requests per second over all kinds (default 100). */
  rate?: number | undefined
  /** With no `url`: a scratch PostgreSQL + PostGIS for the started server (it gets the demo data and the run's appeals); unset: a throwaway cluster. */
  databaseUrl?: string | undefined
  log: (line: string) => void
}

/** The server's memory at one moment (after a full GC when the run started the server). */
export interface MemoryReading {
  rss: number
  heapUsed?: number | undefined
}

/** One kind of request over the measured time. */
export interface KindResult {
  kind: string
  share: number
  result: LoadResult
  /** Non-2xx answers and failed connections, 429s excepted. */
  errors: number
  rateLimited: number
}

/** What {@link runMixedLoad} measured. */
export interface MixedLoadReport {
  seconds: number
  rate: number
  kinds: KindResult[]
  warm: MemoryReading | undefined
  end: MemoryReading | undefined
}

/** Memory at the end may be at most this much above memory after warm-up. */
export const MEMORY_GROWTH_BOUND = 0.2

/** The mix: each kind's share of the rate (two in five submissions carry a photo). */
const MIX = { tiles: 0.8, reads: 0.15, 'submissions with a photo': 0.02, submissions: 0.03 } as const

interface Target {
  origin: string
  memory: () => Promise<MemoryReading | undefined>
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Resident memory of a process from `/proc`, undefined where there is none. */
function residentBytes(pid: number): number | undefined {
  const status = `/proc/${pid}/status`
  if (!existsSync(status)) return undefined
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'))?.[1]
  return kb ? Number(kb) * 1024 : undefined
}

/** Asks the server's memory probe (SIGUSR2) for a reading and waits for it, up to 5 s. */
async function probeMemory(child: ChildProcess, file: string): Promise<MemoryReading | undefined> {
  const asked = Date.now()
  child.kill('SIGUSR2')
  while (Date.now() - asked < 5_000) {
    await new Promise((r) => setTimeout(r, 100))
    if (!existsSync(file)) continue
    const reading = JSON.parse(readFileSync(file, 'utf8')) as { at: number; rss: number; heapUsed: number }
    if (reading.at >= asked) return { rss: reading.rss, heapUsed: reading.heapUsed }
  }
  return undefined
}

/**
 * Starts the server as `npm start` runs it, over `databaseUrl` or a throwaway cluster holding
 * the demo data, with the appeal rate limit out of the way and a memory probe loaded.
 */
async function startTarget(o: MixedLoadOptions): Promise<Target> {
  let cluster: ThrowawayCluster | undefined
  if (!o.databaseUrl) {
    cluster = startThrowawayCluster(await freePort())
    if (!cluster) throw new Error('no PostgreSQL here: install postgresql-15-postgis-3, or pass --database-url of a scratch database or --url of a running server')
  }
  const databaseUrl = o.databaseUrl ?? cluster!.url
  const database = await openDatabase({ databaseUrl, log: o.log })
  await loadDemoData(database.db, o.log)
  await database.close()
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const dir = mkdtempSync(join(tmpdir(), 'hromada-load-'))
  const memoryFile = join(dir, 'memory.json')
  const child = startScript('scripts/start.mjs', {
    DATABASE_URL: databaseUrl,
    HROMADA_DATA_DIR: dir,
    HROMADA_DEMO: '0',
    HROMADA_SKIP_BUILD: '1',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: origin,
    // Every submission comes from one address; the run measures the server, not its limit.
    HROMADA_APPEAL_RATE_LIMIT: '100000000/60',
    NODE_OPTIONS: `--expose-gc --import=${join(ROOT, 'scripts/bench/memory-probe.mjs')}`,
    HROMADA_MEMORY_FILE: memoryFile,
  })
  await waitFor(`${origin}/api/health`, 180)
  return {
    origin,
    memory: () => probeMemory(child, memoryFile),
    async stop() {
      await stopProcess(child)
      cluster?.stop()
      rmSync(dir, { recursive: true, force: true })
      if (cluster) rmSync(cluster.dir, { recursive: true, force: true })
    },
  }
}

/** A multipart appeal submission as bytes and its content type, with a small photo or without. */
async function submissionBody(photo: Buffer | undefined): Promise<{ body: Buffer; type: string }> {
  const form = new FormData()
  for (const [k, v] of Object.entries({ city: 'kyiv', category: 'yard', lat: '50.4501', lon: '30.5234', description: 'Load run: a broken bench in the yard' })) form.append(k, v)
  if (photo) form.append('photos', new File([new Uint8Array(photo)], 'bench.jpg', { type: 'image/jpeg' }))
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: form })
  return { body: Buffer.from(await request.arrayBuffer()), type: request.headers.get('content-type')! }
}

/** The requests of each kind: the benchmark's tiles and map reads, and Kyiv's appeal pages and layers. */
async function mixRequests(origin: string): Promise<Record<keyof typeof MIX, Partial<LoadOptions>>> {
  const list = (await (await fetch(`${origin}/api/appeals?city=kyiv&limit=20`)).json()) as { appeals: Array<{ number: string }> }
  const reads = [...Object.values(hotPathRequests()).flat(), '/api/layers?city=kyiv', ...list.appeals.map((a) => `/api/appeals/${a.number}`)]
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#8a9a5b', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg().toBuffer()
  const [withPhoto, without] = await Promise.all([submissionBody(photo), submissionBody(undefined)])
  return {
    tiles: { paths: Object.values(benchRequestSets()).flat().map((r) => r.path), connections: 8 },
    reads: { paths: reads, connections: 4 },
    'submissions with a photo': { paths: ['/api/appeals'], connections: 2, body: withPhoto.body, headers: { 'content-type': withPhoto.type } },
    submissions: { paths: ['/api/appeals'], connections: 2, body: without.body, headers: { 'content-type': without.type } },
  }
}

/** Runs every kind side by side at its share of `rate` for `seconds`. */
async function runMix(origin: string, requests: Record<keyof typeof MIX, Partial<LoadOptions>>, rate: number, seconds: number): Promise<KindResult[]> {
  const kinds = Object.entries(MIX) as Array<[keyof typeof MIX, number]>
  return Promise.all(
    kinds.map(async ([kind, share]) => {
      const result = await measureLoad({ origin, paths: [], connections: 1, ...requests[kind], seconds, rate: Math.max(1, rate * share) }, 0)
      const rateLimited = result.statuses?.['429'] ?? 0
      return { kind, share, result, errors: result.errors - rateLimited, rateLimited }
    }),
  )
}

/**
 * Warms up for `warmupSeconds`, reads the server's memory, runs the mix for `seconds`, and
 * reads it again. Only loopback targets are accepted: this is a load generator.
 */
export async function runMixedLoad(o: MixedLoadOptions): Promise<MixedLoadReport> {
  const rate = o.rate ?? 100
  const warmup = o.warmupSeconds ?? Math.min(30, Math.max(5, Math.round(o.seconds / 10)))
  if (o.url && !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(o.url).hostname)) throw new Error(`load runs on loopback only, not ${o.url}`)
  const target: Target = o.url
    ? { origin: new URL(o.url).origin, memory: async () => (o.pid ? { rss: residentBytes(o.pid) ?? Number.NaN } : undefined), stop: async () => {} }
    : await startTarget(o)
  try {
    const requests = await mixRequests(target.origin)
    o.log(`warming up for ${warmup} s at ${rate} requests/s`)
    await runMix(target.origin, requests, rate, warmup)
    const warm = await target.memory()
    o.log(`measuring for ${o.seconds} s`)
    const kinds = await runMix(target.origin, requests, rate, o.seconds)
    const end = await target.memory()
    return { seconds: o.seconds, rate, kinds, warm, end }
  } finally {
    await target.stop()
  }
}

const mib = (bytes: number | undefined) => (bytes === undefined || Number.isNaN(bytes) ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`)

/** Whether memory at the end is within {@link MEMORY_GROWTH_BOUND} of memory after warm-up. */
export function memoryHeld(r: MixedLoadReport): boolean | undefined {
  if (!r.warm || !r.end) return undefined
  const held = (a: number | undefined, b: number | undefined) => a === undefined || b === undefined || b <= a * (1 + MEMORY_GROWTH_BOUND)
  return held(r.warm.rss, r.end.rss) && held(r.warm.heapUsed, r.end.heapUsed)
}

/** The report as a text table, for the terminal and `docs/reliability.md`. */
export function formatMixedLoad(r: MixedLoadReport): string {
  const rows = r.kinds.map(
    (k) =>
      `| ${k.kind} | ${(k.share * 100).toFixed(0)} % | ${k.result.requests} | ${k.errors} | ${k.rateLimited} | ${k.result.p50ms.toFixed(1)} | ${k.result.p99ms.toFixed(1)} |`,
  )
  const total = r.kinds.reduce((n, k) => n + k.result.requests, 0)
  const errors = r.kinds.reduce((n, k) => n + k.errors, 0)
  const held = memoryHeld(r)
  return [
    `Mixed load: ${r.seconds} s at ${r.rate} requests/s — ${total} requests, ${errors} errors`,
    '',
    '| kind | share | requests | errors | 429 | p50 ms | p99 ms |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Server memory after warm-up: RSS ${mib(r.warm?.rss)}, heap ${mib(r.warm?.heapUsed)}`,
    `Server memory at the end:    RSS ${mib(r.end?.rss)}, heap ${mib(r.end?.heapUsed)}`,
    `End within ${MEMORY_GROWTH_BOUND * 100} % of after warm-up: ${held === undefined ? 'not measured' : held ? 'yes' : 'NO'}`,
  ].join('\n')
}
