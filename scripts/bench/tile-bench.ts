import type { ChildProcess } from 'node:child_process'
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../../db/index.ts'
import { loadDemoData } from '../../api/demo/index.ts'
import { PostgisTileSource, TileService, type TileLayerInfo } from '../../tiles/index.ts'
import { loadGeneratorName, measureLoad, type LoadOptions } from './load.ts'
import { runPgbench, writeTileScripts } from './pgbench.ts'
import { measureCpu, processCpuSeconds } from './cpu-meter.ts'
import { canPinCpus, pinProcess, ROOT, startScript, stopProcess, waitFor } from './processes.ts'
import { formatReport, medianOf, REPLAYED, type Pairing, type Row, type Turns } from './report.ts'
import { takeTurns, type Turn, type TurnsTaken } from './turns.ts'
import { startThrowawayCluster } from './throwaway-cluster.ts'
import { BENCH_LAYERS, benchRequestSets, hotPathRequests, type BenchRequest } from './tile-list.ts'

/** Options of {@link runTileBenchmark}. */
export interface TileBenchOptions {
  databaseUrl?: string | undefined
  connections: number
  seconds: number
  /** Also measure the embedded engine (PGlite + JS encoder); default true. */
  embedded: boolean
  /** Append the report to docs/benchmarks.md (default true). */
  record: boolean
  note?: string | undefined
}

/**
 * Where each process runs on a machine of two or more CPUs: PostgreSQL alone on CPU 0, and
 * every client of it (pgbench, the servers, the load generator) on CPU 1. The database gets the
 * same CPU in every run, so the uncached rows compare what reaches it, not how two programs
 * share a core. Runs that never touch the database (warm cache, serving limit) have the server
 * on CPU 1 and the load generator on CPU 0: left to the scheduler, the server's helper threads
 * and the load generator took turns on both CPUs, and the warm cache measured anywhere from
 * 0.55 to 0.88 of the serving limit within minutes (0.94–0.97 with each on its own CPU).
 */
const LAYOUT = { database: '0', clients: '1', server: '1', loadGenerator: '0', all: '0,1' }

/**
 * Turns of a target and its reference: each pair of turns is a round, and a round is calm when
 * the host took less than `calmSteal` of the machine's CPU time in both its turns and the
 * reference ran at `calmPace` of its best in the set or faster. Rounds go on until `rounds`
 * calm ones are in or `most` have run.
 */
const TURNS: Omit<Turns, 'seconds'> = { calmSteal: 0.05, calmPace: 0.85, minCalm: 3, uncached: { rounds: 5, most: 10 }, warm: { rounds: 7, most: 14 } }

const PORTS = { cold: 8811, warm: 8812, peer: 8813, limit: 8814, embedded: 8815, replay: 8816 }
const SERVER = 'scripts/start.mjs'
const REPLAY = 'scripts/bench/answer-replay.ts'

/** The layer info the tile statements are built from. */
async function layerInfos(tiles: TileService): Promise<(id: string) => TileLayerInfo> {
  const infos = new Map<string, TileLayerInfo>()
  for (const id of BENCH_LAYERS) {
    const info = await tiles.layer(id)
    if (!info) throw new Error(`no layer ${id}: the demo data did not load`)
    infos.set(id, info)
  }
  return (id) => infos.get(id)!
}

/**
 * Measures the tile server against the database limit (pgbench replaying the same statements),
 * a plain Hono + pg peer and a bare node:http server, on the same tiles at the same concurrency,
 * and the other hot paths and the embedded engine; returns (and prints) the report.
 */
export async function runTileBenchmark(o: TileBenchOptions): Promise<string> {
  const log = (line: string) => console.error(`[bench] ${line}`)
  const pinned = !o.databaseUrl && cpus().length >= 2 && canPinCpus()
  const layout = pinned ? LAYOUT : undefined
  const cluster = o.databaseUrl ? undefined : startThrowawayCluster(54339, layout?.database)
  const url = o.databaseUrl ?? cluster?.url
  if (!url) throw new Error('no PostgreSQL: install postgresql-15-postgis-3 or set BENCH_DATABASE_URL')
  // autocannon runs in this process: keep it with the other clients, off the database's CPU.
  if (layout && loadGeneratorName() === 'autocannon') pinProcess(process.pid, layout.clients)
  const children: ChildProcess[] = []
  const start = (script: string, env: Record<string, string | undefined>, cpus?: string) => {
    const child = startScript(script, env, cpus)
    children.push(child)
    return child
  }
  try {
    log(`database ${url.replace(/\/\/[^@]*@/, '//')}${pinned ? `, on CPU ${LAYOUT.database}; clients on CPU ${LAYOUT.clients}` : ', CPUs shared'}`)
    const database = await openDatabase({ databaseUrl: url, log })
    await loadDemoData(database.db, log)
    // Fresh statistics and no pending writes, so no autovacuum or checkpoint runs mid-measure.
    await sql`VACUUM ANALYZE`.execute(database.db)
    await sql`CHECKPOINT`.execute(database.db)
    const tiles = await TileService.create(database.db, { cacheBytes: 0 })
    if (!(tiles.source instanceof PostgisTileSource)) throw new Error('the benchmark needs PostGIS with ST_AsMVT')
    const source = tiles.source
    const layer = await layerInfos(tiles)
    const sets = benchRequestSets()
    const C = String(o.connections)
    // Production mode, which needs a public origin; no link the benchmark reads depends on it.
    const server = { DATABASE_URL: url, HROMADA_SKIP_BUILD: '1', HROMADA_DEMO: '0', PUBLIC_URL: 'http://127.0.0.1', HROMADA_DB_POOL: C, HROMADA_APPEAL_RATE_LIMIT: '100000000/60' }
    // The server as `npm start` runs it: the bundle of scripts/start.ts, which the first start
    // makes when it is stale (so the second waits for it).
    const coldServer = start(SERVER, { ...server, PORT: String(PORTS.cold), HROMADA_TILE_CACHE_MB: '0' }, layout?.clients)
    await waitFor(`http://127.0.0.1:${PORTS.cold}/api/health`, 180)
    const warmServer = start(SERVER, { ...server, PORT: String(PORTS.warm), HROMADA_TILE_CACHE_MB: '256' }, layout?.server)
    const peerServer = start('scripts/bench/peer/server.ts', { PEER_DATABASE_URL: url, PEER_PORT: String(PORTS.peer), PEER_POOL: C }, layout?.clients)
    await waitFor(`http://127.0.0.1:${PORTS.warm}/api/health`)
    await waitFor(`http://127.0.0.1:${PORTS.peer}/tiles/kyiv-districts/0/0/0.mvt`)

    const all = Object.values(sets).flat()
    const sizes = await Promise.all(all.map((r) => fetch(`http://127.0.0.1:${PORTS.warm}${r.path}`).then(async (res) => (await res.arrayBuffer()).byteLength)))
    const medianBytes = medianOf(sizes.filter((s) => s > 0), (s) => s) ?? 0
    const limitServer = start('scripts/bench/serving-limit.ts', { LIMIT_PORT: String(PORTS.limit), LIMIT_BYTES: String(medianBytes) }, layout?.server)
    await waitFor(`http://127.0.0.1:${PORTS.limit}/`)
    const replayPaths = join(mkdtempSync(join(tmpdir(), 'hromada-replay-')), 'paths.txt')
    writeFileSync(replayPaths, all.map((r) => r.path).join('\n'))
    const replayServer = start(REPLAY, { REPLAY_PORT: String(PORTS.replay), REPLAY_SOURCE: `http://127.0.0.1:${PORTS.warm}`, REPLAY_PATHS: replayPaths }, layout?.server)
    await waitFor(`http://127.0.0.1:${PORTS.replay}${all[0]!.path}`)

    const rows: Row[] = []
    const pairings: Pairing[] = []
    /**
     * One run of the load generator against a server (after a 1 s warm-up), with how busy
     * PostgreSQL's CPU was (for uncached runs: the limit is one when it is ~100 %) and how much
     * CPU time the server spent per request.
     */
    const measure = async (target: string, set: string, server: ChildProcess, port: number, requests: BenchRequest[], extra: Partial<LoadOptions> = {}): Promise<Turn> => {
      const options = { origin: `http://127.0.0.1:${port}`, paths: requests.map((q) => q.path), connections: o.connections, seconds: o.seconds, ...extra }
      await measureLoad({ ...options, seconds: 1 }, 0)
      const cpuBefore = processCpuSeconds(server.pid)
      const { result: r, busy, stolen } = await measureCpu(layout?.database, () => measureLoad(options, 0))
      const cpuUs = ((processCpuSeconds(server.pid) - cpuBefore) / Math.max(1, r.requests)) * 1e6
      const uncached = extra.cpus !== undefined && extra.cpus === layout?.clients
      return { row: { target, set, rps: r.rps, p50ms: r.p50ms, p99ms: r.p99ms, bytes: r.bytesPerRequest, errors: r.errors, dbBusy: uncached ? busy : Number.NaN, cpuUs }, stolen }
    }
    const pgbench = async (target: string, set: string, scripts: ReturnType<typeof writeTileScripts>, seconds: number, cpus?: string): Promise<Turn> => {
      const { result: pg, busy, stolen } = await measureCpu(layout?.database, () => runPgbench(url, scripts, o.connections, seconds, cpus))
      return { row: { target, set, rps: pg.tps, p50ms: pg.latencyMs, p99ms: Number.NaN, bytes: Number.NaN, errors: 0, dbBusy: cpus ? busy : Number.NaN }, stolen }
    }
    const record = ({ row }: Turn) => {
      rows.push(row)
      log(`${row.target} ${row.set}: ${row.rps.toFixed(0)}/s`)
    }
    const recordTurns = ({ rows: taken, pairing }: TurnsTaken) => {
      rows.push(...taken)
      pairings.push(pairing)
      log(`${pairing.target} / ${pairing.reference}, ${pairing.set}: ${taken.map((r) => r.rps.toFixed(0)).join(' / ')}/s, ${pairing.calm} of ${pairing.rounds} rounds calm, ratios ${pairing.ratios.map((r) => r.toFixed(2)).join(' ')}`)
    }
    const gzip = { headers: { 'Accept-Encoding': 'gzip' } }
    const warm = { cpus: layout?.loadGenerator }
    const cold = { cpus: layout?.clients }
    const turns: Turns = { seconds: Math.max(2, Math.round(o.seconds * 0.4)), ...TURNS }
    const planOf = (p: { rounds: number; most: number }) => ({ ...turns, ...p })
    const scriptsOf = new Map(Object.entries(sets).map(([set, requests]) => [set, writeTileScripts(source, layer, requests)]))
    for (const [set, requests] of Object.entries(sets)) {
      const scripts = scriptsOf.get(set)!
      if (set.includes('composite')) {
        // The peer has no composite tiles, and no bar is judged on them.
        record(await pgbench('pgbench (limit)', set, scripts, o.seconds, layout?.clients))
        record(await measure('us, cold cache', set, coldServer, PORTS.cold, requests, cold))
      } else {
        recordTurns(
          await takeTurns(
            planOf(turns.uncached),
            () => measure('us, cold cache', set, coldServer, PORTS.cold, requests, { ...cold, seconds: turns.seconds }),
            () => pgbench('pgbench (limit)', set, scripts, turns.seconds, layout?.clients),
          ),
        )
        record(await measure('peer (Hono + pg)', set, peerServer, PORTS.peer, requests, cold))
      }
      record(await measure('us, cold cache, gzip', set, coldServer, PORTS.cold, requests, { ...cold, ...gzip }))
      record(await measure('us, warm cache, gzip', set, warmServer, PORTS.warm, requests, { ...warm, ...gzip }))
      if (set.includes('composite')) record(await measure('us, warm cache', set, warmServer, PORTS.warm, requests, warm))
      else {
        recordTurns(
          await takeTurns(
            planOf(turns.warm),
            () => measure('us, warm cache', set, warmServer, PORTS.warm, requests, { ...warm, seconds: turns.seconds }),
            () => measure('serving limit (node:http)', set, limitServer, PORTS.limit, requests, { ...warm, seconds: turns.seconds }),
          ),
        )
        record(await measure(REPLAYED, set, replayServer, PORTS.replay, requests, warm))
      }
    }
    const hot: Row[] = []
    for (const [name, paths] of Object.entries(hotPathRequests())) {
      const r = await measureLoad({ origin: `http://127.0.0.1:${PORTS.cold}`, paths, connections: 16, seconds: o.seconds, cpus: layout?.clients })
      hot.push({ target: name, set: '', rps: r.rps, p50ms: r.p50ms, p99ms: r.p99ms, bytes: r.bytesPerRequest, errors: r.errors, dbBusy: Number.NaN })
      log(`${name}: ${r.rps.toFixed(0)} req/s`)
    }
    const submission = JSON.stringify({ city: 'kyiv', category: 'pothole', lat: 50.4501, lon: 30.5234, description: 'Benchmark: a pothole by the stop' })
    const filed = await measureLoad({ origin: `http://127.0.0.1:${PORTS.cold}`, paths: ['/api/appeals'], connections: 16, seconds: o.seconds, body: submission, headers: { 'Content-Type': 'application/json' }, cpus: layout?.clients })
    hot.push({ target: 'POST /api/appeals (JSON)', set: '', rps: filed.rps, p50ms: filed.p50ms, p99ms: filed.p99ms, bytes: filed.bytesPerRequest, errors: filed.errors, dbBusy: Number.NaN })
    log(`POST /api/appeals: ${filed.rps.toFixed(0)} req/s`)
    // The submissions are benchmark data, not appeals: they go again.
    await sql`DELETE FROM appeals WHERE description = 'Benchmark: a pothole by the stop'`.execute(database.db)

    // The same uncached runs with the database and its clients sharing both CPUs, as on a
    // single small server that runs both.
    const shared: Row[] = []
    if (cluster && layout) {
      cluster.pin(LAYOUT.all)
      pinProcess(coldServer.pid!, LAYOUT.all)
      for (const set of ['z14', 'z16']) {
        shared.push((await pgbench('pgbench (limit), CPUs shared', set, scriptsOf.get(set)!, o.seconds)).row)
        shared.push((await measure('us, cold cache, CPUs shared', set, coldServer, PORTS.cold, sets[set]!)).row)
      }
    }
    await database.close()
    await Promise.all(children.splice(0).map(stopProcess))

    const embedded: Row[] = []
    if (o.embedded) {
      cluster?.stop()
      const server = await startEmbedded(o, start)
      for (const set of ['z14', 'z16', 'z10-17']) embedded.push((await measure('us, embedded engine, cold cache', set, server, PORTS.embedded, sets[set]!)).row)
    }
    const report = formatReport({ rows, pairings, shared, embedded, hot, medianBytes, pinned, connections: o.connections, seconds: o.seconds, turns, note: o.note })
    console.log(report)
    if (o.record) appendFileSync(join(ROOT, 'docs/benchmarks.md'), `\n${report}\n`)
    return report
  } finally {
    await Promise.all(children.map(stopProcess))
    cluster?.stop()
  }
}

/**
 * Starts the embedded engine (PGlite + PostGIS in the server's own process, tiles encoded in
 * JS) with the cache off, and waits for its demo data. Its data folder is kept under `.data/`,
 * so the demo data loads on the first run only.
 */
async function startEmbedded(o: TileBenchOptions, start: (script: string, env: Record<string, string | undefined>) => ChildProcess): Promise<ChildProcess> {
  const server = start(SERVER, {
    DATABASE_URL: undefined,
    HROMADA_DATA_DIR: join(ROOT, '.data/bench-embedded'),
    HROMADA_SKIP_BUILD: '1',
    HROMADA_DEMO: '1',
    HROMADA_DB_POOL: String(o.connections),
    HROMADA_TILE_CACHE_MB: '0',
    PORT: String(PORTS.embedded),
  })
  await waitFor(`http://127.0.0.1:${PORTS.embedded}/api/health`, 900, (body) => body.includes('"demo_data":"ready"'))
  return server
}
