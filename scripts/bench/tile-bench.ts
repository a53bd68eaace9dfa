import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { openDatabase } from '../../db/index.ts'
import { loadDemoData } from '../../api/demo-data.ts'
import { TileService } from '../../tiles/index.ts'
import { loadGeneratorName, measureLoad, type LoadResult } from './load.ts'
import { runPgbench, writeTileScripts } from './pgbench.ts'
import { startThrowawayCluster } from './throwaway-cluster.ts'
import { benchRequestSets, hotPathRequests, type BenchRequest } from './tile-list.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Options of {@link runTileBenchmark}. */
export interface TileBenchOptions {
  databaseUrl?: string | undefined
  connections: number
  seconds: number
  /** Append the table to docs/benchmarks.md (default true). */
  record: boolean
  note?: string | undefined
}

interface Row {
  target: string
  set: string
  rps: number
  p50ms: number
  p99ms: number
  bytes: number
  errors: number
}

function startProcess(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${script}] ${d}`))
  return child
}

async function waitFor(url: string, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.status < 500, () => false)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} did not answer in ${seconds} s`)
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
  if (child.exitCode === null) child.kill('SIGKILL')
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/**
 * Measures the tile server against the database limit (pgbench replaying the same statements),
 * a plain Hono + pg peer and a bare node:http server, on the same tiles at the same concurrency,
 * and returns (and prints) the table with the ratios.
 */
export async function runTileBenchmark(o: TileBenchOptions): Promise<string> {
  const log = (line: string) => console.error(`[bench] ${line}`)
  const cluster = o.databaseUrl ? undefined : startThrowawayCluster()
  const url = o.databaseUrl ?? cluster?.url
  if (!url) throw new Error('no PostgreSQL: install postgresql-15-postgis-3 or set BENCH_DATABASE_URL')
  const children: ChildProcess[] = []
  try {
    log(`database ${url.replace(/\/\/[^@]*@/, '//')}`)
    const database = await openDatabase({ databaseUrl: url, log })
    await loadDemoData(database.db, log)
    // Fresh statistics and no pending writes, so no autovacuum or checkpoint runs mid-measure.
    await sql`VACUUM ANALYZE`.execute(database.db)
    await sql`CHECKPOINT`.execute(database.db)
    const tiles = await TileService.create(database.db, { cacheBytes: 0 })
    if (tiles.source.encoder !== 'postgis') throw new Error('the benchmark needs PostGIS with ST_AsMVT')
    const sets = benchRequestSets()
    const C = String(o.connections)
    const ports = { cold: 8811, warm: 8812, peer: 8813, limit: 8814 }
    const start = (script: string, env: Record<string, string>) => children.push(startProcess(script, env))
    const server = { DATABASE_URL: url, HROMADA_SKIP_BUILD: '1', HROMADA_DEMO: '0', HROMADA_DB_POOL: C, HROMADA_APPEAL_RATE_LIMIT: '100000000/60' }
    start('scripts/start.ts', { ...server, PORT: String(ports.cold), HROMADA_TILE_CACHE_MB: '0' })
    start('scripts/start.ts', { ...server, PORT: String(ports.warm), HROMADA_TILE_CACHE_MB: '256' })
    start('scripts/bench/peer/server.ts', { PEER_DATABASE_URL: url, PEER_PORT: String(ports.peer), PEER_POOL: C })
    await Promise.all([ports.cold, ports.warm].map((p) => waitFor(`http://127.0.0.1:${p}/api/health`)))
    await waitFor(`http://127.0.0.1:${ports.peer}/tiles/kyiv-districts/0/0/0.mvt`)

    const all = Object.values(sets).flat()
    const sizes = await Promise.all(all.map((r) => fetch(`http://127.0.0.1:${ports.warm}${r.path}`).then(async (res) => (await res.arrayBuffer()).byteLength)))
    const medianBytes = median(sizes.filter((s) => s > 0))
    start('scripts/bench/serving-limit.ts', { LIMIT_PORT: String(ports.limit), LIMIT_BYTES: String(medianBytes) })
    await waitFor(`http://127.0.0.1:${ports.limit}/`)

    const rows: Row[] = []
    const load = async (target: string, set: string, port: number, requests: BenchRequest[], headers: Record<string, string> = {}) => {
      const r: LoadResult = await measureLoad({ origin: `http://127.0.0.1:${port}`, paths: requests.map((q) => q.path), connections: o.connections, seconds: o.seconds, headers })
      rows.push({ target, set, rps: r.rps, p50ms: r.p50ms, p99ms: r.p99ms, bytes: r.bytesPerRequest, errors: r.errors })
      log(`${target} ${set}: ${r.rps.toFixed(0)} req/s`)
    }
    for (const [set, requests] of Object.entries(sets)) {
      const files = await writeTileScripts(database.db, tiles, requests)
      runPgbench(url, files, o.connections, 2, 'prepared') // warm-up, as for the HTTP targets
      const pg = runPgbench(url, files, o.connections, o.seconds, 'prepared')
      rows.push({ target: 'pgbench (limit)', set, rps: pg.tps, p50ms: pg.latencyMs, p99ms: Number.NaN, bytes: Number.NaN, errors: 0 })
      log(`pgbench ${set}: ${pg.tps.toFixed(0)} tps`)
      // The peer has no composite tiles.
      if (!set.includes('composite')) await load('peer (Hono + pg)', set, ports.peer, requests)
      await load('us, cold cache', set, ports.cold, requests)
      await load('us, cold cache, gzip', set, ports.cold, requests, { 'Accept-Encoding': 'gzip' })
      await load('us, warm cache', set, ports.warm, requests)
      await load('us, warm cache, gzip', set, ports.warm, requests, { 'Accept-Encoding': 'gzip' })
    }
    await load('serving limit (node:http)', 'z10-17', ports.limit, sets['z10-17']!)
    const hot: Row[] = []
    for (const [name, paths] of Object.entries(hotPathRequests())) {
      const r = await measureLoad({ origin: `http://127.0.0.1:${ports.cold}`, paths, connections: 16, seconds: o.seconds })
      hot.push({ target: name, set: '', rps: r.rps, p50ms: r.p50ms, p99ms: r.p99ms, bytes: r.bytesPerRequest, errors: r.errors })
      log(`${name}: ${r.rps.toFixed(0)} req/s`)
    }
    const submission = JSON.stringify({ city: 'kyiv', category: 'pothole', lat: 50.4501, lon: 30.5234, description: 'Benchmark: a pothole by the stop' })
    const filed = await measureLoad({ origin: `http://127.0.0.1:${ports.cold}`, paths: ['/api/appeals'], connections: 16, seconds: o.seconds, body: submission, headers: { 'Content-Type': 'application/json' } })
    hot.push({ target: 'POST /api/appeals (JSON)', set: '', rps: filed.rps, p50ms: filed.p50ms, p99ms: filed.p99ms, bytes: filed.bytesPerRequest, errors: filed.errors })
    log(`POST /api/appeals: ${filed.rps.toFixed(0)} req/s`)
    // The submissions are benchmark data, not appeals: they go again.
    await sql`DELETE FROM appeals WHERE description = 'Benchmark: a pothole by the stop'`.execute(database.db)
    await database.close()
    const table = `${formatTable(rows, o, medianBytes)}\n\n${formatHotPaths(hot, o)}`
    console.log(table)
    if (o.record) appendFileSync(new URL('docs/benchmarks.md', `file://${ROOT}`), `\n${table}\n`)
    return table
  } finally {
    await Promise.all(children.map(stopProcess))
    cluster?.stop()
  }
}

function formatTable(rows: Row[], o: TileBenchOptions, medianBytes: number): string {
  const get = (target: string, set: string) => rows.find((r) => r.target === target && r.set === set)?.rps ?? Number.NaN
  const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '–')
  const lines = [
    `## Tile benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load generator ${loadGeneratorName()}, ${o.connections} connections, ${o.seconds} s after a 2 s warm-up; pgbench -M prepared with the same statements; median tile ${(medianBytes / 1000).toFixed(1)} KB.${o.note ? ` ${o.note}` : ''}`,
    '',
    '| target | tiles | req/s | p50 ms | p99 ms | bytes/req | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.target} | ${r.set} | ${n(r.rps)} | ${n(r.p50ms, 1)} | ${n(r.p99ms, 1)} | ${n(r.bytes)} | ${r.errors} |`),
    '',
    '| ratio | z14 | z16 | z10-17 | bar |',
    '| --- | ---: | ---: | ---: | --- |',
  ]
  const ratio = (a: string, b: string, set: string) => n(get(a, set) / get(b, set), 2)
  const sets = ['z14', 'z16', 'z10-17']
  lines.push(`| us cold / pgbench | ${sets.map((s) => ratio('us, cold cache', 'pgbench (limit)', s)).join(' | ')} | ≥ 0.9 at z14, z16 |`)
  lines.push(`| us cold / peer | ${sets.map((s) => ratio('us, cold cache', 'peer (Hono + pg)', s)).join(' | ')} | ≥ 2 |`)
  const limit = get('serving limit (node:http)', 'z10-17')
  lines.push(`| us warm / serving limit | ${sets.map((s) => n(get('us, warm cache', s) / limit, 2)).join(' | ')} | ≥ 0.8 |`)
  return lines.join('\n')
}

function formatHotPaths(rows: Row[], o: TileBenchOptions): string {
  const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '–')
  return [
    `Other hot paths, same server (no tile cache involved), 16 connections, ${o.seconds} s after a 2 s warm-up:`,
    '',
    '| request | req/s | p50 ms | p99 ms | bytes/req | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.target} | ${n(r.rps)} | ${n(r.p50ms, 1)} | ${n(r.p99ms, 1)} | ${n(r.bytes)} | ${r.errors} |`),
  ].join('\n')
}
