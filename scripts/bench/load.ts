import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** One load-generator run. */
export interface LoadResult {
  requests: number
  rps: number
  p50ms: number
  p99ms: number
  bytesPerRequest: number
  errors: number
  /** Answers by HTTP status (autocannon only), e.g. to tell 429s from failures. */
  statuses?: Record<string, number>
}

/** Options of a run: the paths are requested round-robin over keep-alive connections. */
export interface LoadOptions {
  origin: string
  paths: string[]
  connections: number
  seconds: number
  headers?: Record<string, string>
  /** POST with this body instead of GET (e.g. appeal submissions; binary, e.g. multipart, with autocannon). */
  body?: string | Buffer
  /**
   * Requests per second over all connections, instead of as many as the server answers
   * (autocannon's `overallRate`; wrk cannot pace, so autocannon runs these).
   */
  rate?: number | undefined
  /** Run wrk on these CPUs (`"1"`); autocannon runs in this process, wherever it is. */
  cpus?: string | undefined
}

/** The load generator in use: wrk when installed (lighter on a 2-core machine), else autocannon. */
export function loadGeneratorName(): 'wrk' | 'autocannon' {
  return spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk'
}

function wrkScript(paths: string[], headers: Record<string, string>, body?: string): string {
  const list = paths.map((p) => JSON.stringify(p)).join(',\n')
  const hdrs = Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n')
  const request = body === undefined ? 'wrk.format("GET", paths[i])' : `wrk.format("POST", paths[i], nil, ${JSON.stringify(body)})`
  return `${hdrs}
local paths = {${list}}
local i = 0
request = function()
  i = i % #paths + 1
  return ${request}
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"p50":%d,"p99":%d,"errors":%d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status))
end
`
}

async function runWrk(o: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hromada-wrk-'))
  const script = join(dir, 'paths.lua')
  writeFileSync(script, wrkScript(o.paths, o.headers ?? {}, typeof o.body === 'string' ? o.body : undefined))
  const wrk = ['wrk', '-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '10s', '-s', script, o.origin]
  const [command, ...args] = o.cpus ? ['taskset', '-c', o.cpus, ...wrk] : wrk
  const run = spawnSync(command!, args, { encoding: 'utf8' })
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) throw new Error(`wrk failed: ${run.stderr || run.stdout}`)
  const r = JSON.parse(line.slice(7)) as { requests: number; duration_us: number; bytes: number; p50: number; p99: number; errors: number }
  return { requests: r.requests, rps: r.requests / (r.duration_us / 1e6), p50ms: r.p50 / 1000, p99ms: r.p99 / 1000, bytesPerRequest: r.bytes / Math.max(1, r.requests), errors: r.errors }
}

async function runAutocannon(o: LoadOptions): Promise<LoadResult> {
  const { default: autocannon } = await import('autocannon')
  const result = await autocannon({
    url: o.origin,
    connections: o.connections,
    duration: o.seconds,
    headers: o.headers ?? {},
    ...(o.rate !== undefined && { overallRate: o.rate }),
    requests: o.paths.map((path) => (o.body === undefined ? { method: 'GET' as const, path } : { method: 'POST' as const, path, body: o.body })),
  })
  const errors = result.errors + result.timeouts + result.non2xx
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, s]) => [status, s?.count ?? 0]))
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    bytesPerRequest: result.throughput.total / Math.max(1, result.requests.total),
    errors,
    statuses,
  }
}

/** Warms up for `warmupSeconds`, then measures. */
export async function measureLoad(o: LoadOptions, warmupSeconds = 2): Promise<LoadResult> {
  const run = loadGeneratorName() === 'wrk' && o.rate === undefined && typeof o.body !== 'object' ? runWrk : runAutocannon
  if (warmupSeconds > 0) await run({ ...o, seconds: warmupSeconds })
  return run(o)
}
