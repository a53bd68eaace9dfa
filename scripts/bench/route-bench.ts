/**
 * One API route measured against its database limit: the server as `npm start` runs it, on a
 * throwaway PostgreSQL 15 cluster with the demo data, under a load generator going round some
 * paths, in turns with pgbench replaying the very statements the route sends for each path.
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { cpus } from 'node:os'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { type DB, openDatabase } from '../../db/index.ts'
import { loadDemoData } from '../../api/demo/index.ts'
import { measureCpu } from './cpu-meter.ts'
import { measureLoad } from './load.ts'
import { canPinCpus, startScript, stopProcess, waitFor } from './processes.ts'
import type { Row } from './report.ts'
import { runPgbenchReplay, type StatementTimes, statementsOf, timeStatements, writeReplayScripts } from './statement-replay.ts'
import { startThrowawayCluster } from './throwaway-cluster.ts'
import { takeTurns } from './turns.ts'

const LAYOUT = { database: '0', clients: '1' }
const TURNS = { calmSteal: 0.05, calmPace: 0.85, minCalm: 3, rounds: 3, most: 5 }

/** What is measured: the paths the load generator goes round and, for each, the same request made through the module. */
export interface RouteBench {
  /** Short name for the pgbench scripts and the rows, e.g. `search`. */
  name: string
  /** The row label of the server, e.g. `ours: GET /api/search`. */
  target: string
  cluster: { port: number; server: number }
  paths: readonly string[]
  /** The request a path stands for, made through the module on `db` (its statements are caught and replayed). */
  request: (db: Kysely<DB>, index: number) => Promise<unknown>
  /** Checks a first answer of each path (which also warms caches) and says what it held. */
  describe: (res: Response, index: number) => Promise<string>
}

/** What a run measured. */
export interface RouteBenchRun {
  api: Row
  pgbench: Row
  ratios: number[]
  rounds: { run: number; calm: number }
  /** Per path: what its first answer held, and how many statements one request sends. */
  paths: Array<{ path: string; answer: string; statements: number }>
  times: StatementTimes
  connections: number
  turnSeconds: number
  pinned: boolean
}

/** Runs `bench` at `connections` for turns of `seconds`; undefined without PostgreSQL 15 or pgbench. */
export async function runRouteBenchmark(bench: RouteBench, o: { connections: number; seconds: number }): Promise<RouteBenchRun | undefined> {
  const log = (line: string) => console.error(`[bench] ${line}`)
  if (spawnSync('pgbench', ['--version']).error) return undefined
  const pinned = cpus().length >= 2 && canPinCpus()
  const layout = pinned ? LAYOUT : undefined
  const cluster = startThrowawayCluster(bench.cluster.port, layout?.database)
  if (!cluster) return undefined
  const children: ReturnType<typeof startScript>[] = []
  try {
    const database = await openDatabase({ databaseUrl: cluster.url, poolSize: 2, log })
    await loadDemoData(database.db, log)
    await sql`VACUUM ANALYZE`.execute(database.db)
    await database.close()
    const origin = `http://127.0.0.1:${bench.cluster.server}`
    const server = startScript('scripts/start.mjs', { DATABASE_URL: cluster.url, PORT: String(bench.cluster.server), HROMADA_SKIP_BUILD: '1', HROMADA_DEMO: '0', PUBLIC_URL: origin, HROMADA_DB_POOL: String(o.connections) }, layout?.clients)
    children.push(server)
    await waitFor(`${origin}/api/health`, 180)
    const paths: RouteBenchRun['paths'] = []
    for (const [i, path] of bench.paths.entries()) {
      const res = await fetch(`${origin}${path}`)
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`)
      paths.push({ path, answer: await bench.describe(res, i), statements: 0 })
    }
    const requests = await Promise.all(bench.paths.map((_, i) => statementsOf(cluster.url, (db) => bench.request(db, i))))
    requests.forEach((s, i) => (paths[i]!.statements = s.length))
    const scripts = writeReplayScripts(bench.name, requests)
    log(`${bench.name}: ${paths.map((p) => `${p.path}: ${p.answer}, ${p.statements} statements`).join('; ')}`)

    const turnSeconds = Math.max(2, o.seconds)
    const taken = await takeTurns(
      TURNS,
      async () => {
        const { result, busy, stolen } = await measureCpu(layout?.database, () => measureLoad({ origin, paths: [...bench.paths], connections: o.connections, seconds: turnSeconds, cpus: layout?.clients }))
        return { row: { target: bench.target, set: bench.name, rps: result.rps, p50ms: result.p50ms, p99ms: result.p99ms, bytes: result.bytesPerRequest, errors: result.errors, dbBusy: busy }, stolen }
      },
      async () => {
        const { result, busy, stolen } = await measureCpu(layout?.database, () => runPgbenchReplay(cluster.url, scripts, o.connections, turnSeconds, layout?.clients))
        return { row: { target: 'pgbench -M extended: the same statements', set: bench.name, rps: result.tps, p50ms: result.latencyMs, p99ms: Number.NaN, bytes: Number.NaN, errors: 0, dbBusy: busy }, stolen }
      },
    )
    return {
      api: taken.rows[0],
      pgbench: taken.rows[1],
      ratios: taken.pairing.ratios,
      rounds: { run: taken.pairing.rounds, calm: taken.pairing.calm },
      paths,
      times: await timeStatements(cluster.url, requests),
      connections: o.connections,
      turnSeconds,
      pinned,
    }
  } finally {
    await Promise.all(children.map(stopProcess))
    cluster.stop()
    rmSync(cluster.dir, { recursive: true, force: true })
  }
}

/** The turns as a report's sentence: how the two took turns and where each ran. */
export function turnsSentence(run: Pick<RouteBenchRun, 'turnSeconds' | 'pinned'>): string {
  return (
    `The two take turns of ${run.turnSeconds} s (ours after a 2 s warm-up; pgbench's first second left out) until ${TURNS.rounds} rounds are calm (as in the tile benchmark), at most ${TURNS.most}; each row the median of its kept turns, the ratio the median of the rounds' ratios. ` +
    (run.pinned ? 'PostgreSQL on CPU 0; the server, the load generator and pgbench on CPU 1. ' : 'Every process on every CPU. ')
  )
}
