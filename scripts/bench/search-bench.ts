/**
 * Search benchmark: `GET /api/search?city=kyiv&q=…` of a running server on PostgreSQL, a mix of
 * an address, a misspelt street, a cadastral number prefix and a layer name, against pgbench
 * replaying the very statements the search sends for each of them, in turns on one database.
 */
import { spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { type DB, openDatabase } from '../../db/index.ts'
import { loadDemoData } from '../../api/demo/index.ts'
import { searchCity } from '../../api/search/index.ts'
import { measureCpu } from './cpu-meter.ts'
import { loadGeneratorName, measureLoad } from './load.ts'
import { steadyRate } from './pgbench.ts'
import { canPinCpus, ROOT, startScript, stopProcess, waitFor } from './processes.ts'
import { medianOf, type Row } from './report.ts'
import { startThrowawayCluster } from './throwaway-cluster.ts'
import { takeTurns, type Turn } from './turns.ts'

/** What residents type: an address, a street with a typo (і for и), a cadastral number's prefix, a layer's name. */
export const SEARCH_QUERIES = ['Хрещатик 22', 'хрещатік', '8000000000:', 'метро'] as const

/** The route's default: ten results. */
const LIMIT = 10
const CITY = 'kyiv'
const LAYOUT = { database: '0', clients: '1' }
const PORTS = { cluster: 54369, server: 8841 }
const TURNS = { calmSteal: 0.05, calmPace: 0.85, minCalm: 3, rounds: 3, most: 5 }

/** Options of {@link runSearchBenchmark}. */
export interface SearchBenchOptions {
  connections: number
  /** Seconds of each measured turn (at least 2). */
  seconds: number
  /** Append the report to docs/benchmarks.md. */
  record: boolean
  note?: string | undefined
}

/** One statement as the server sent it: its text with `$n` placeholders and the values bound. */
interface SentStatement {
  sql: string
  parameters: readonly unknown[]
}

/**
 * The statements `searchCity` sends for `query`, caught by Kysely's query log on a pool of
 * its own: the search runs as the route runs it (after a first call that builds the index),
 * so the replay follows the module's SQL as it changes.
 */
async function statementsOfSearch(url: string, query: string): Promise<SentStatement[]> {
  const sent: SentStatement[] = []
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 8 }) }),
    log: (event) => {
      if (event.level === 'query') sent.push({ sql: event.query.sql, parameters: event.query.parameters })
    },
  })
  try {
    await searchCity(db, CITY, query, LIMIT, 'uk')
    sent.length = 0
    await searchCity(db, CITY, query, LIMIT, 'uk')
    return [...sent]
  } finally {
    await db.destroy()
  }
}

/** A bound value as pgbench's `-D` passes it: text, as node-pg sends every parameter (arrays as array literals). */
function asText(value: unknown): string {
  if (Array.isArray(value)) return `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`
  if (value === null || value === undefined) throw new Error('pgbench cannot bind a NULL through -D')
  return String(value)
}

/**
 * One pgbench script per query, each running the query's statements one after another with
 * its values as `-D` variables (`:q<query>p<statement>_<n>`), picked with equal weights as
 * the load generator goes round the four paths.
 */
function writeSearchScripts(searches: SentStatement[][]): { files: string[]; variables: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'hromada-pgbench-search-'))
  const variables: string[] = []
  const files = searches.map((statements, q) => {
    const body = statements.map((s, i) => {
      s.parameters.forEach((value, n) => variables.push(`q${q}p${i}_${n + 1}=${asText(value)}`))
      return `${s.sql.replace(/\$(\d+)/g, (_, n: string) => `:q${q}p${i}_${n}`).replace(/\s+/g, ' ').trim()};`
    })
    const path = join(dir, `search-${q}.sql`)
    writeFileSync(path, `${body.join('\n')}\n`)
    return path
  })
  return { files, variables }
}

/** pgbench (`-M extended`, as node-pg sends unnamed statements) over the scripts for `seconds` after its first. */
function runPgbenchSearches(url: string, scripts: { files: string[]; variables: string[] }, clients: number, seconds: number, cpus?: string): { tps: number; latencyMs: number } {
  const args = ['-n', '-Mextended', '-P1', `-c${clients}`, `-j${Math.min(clients, 2)}`, `-T${seconds + 1}`, ...scripts.variables.flatMap((d) => ['-D', d]), ...scripts.files.flatMap((f) => ['-f', `${f}@1`]), url]
  const run = cpus ? spawnSync('taskset', ['-c', cpus, 'pgbench', ...args], { encoding: 'utf8' }) : spawnSync('pgbench', args, { encoding: 'utf8' })
  const rate = run.status === 0 ? steadyRate(run.stderr) : undefined
  if (!rate) throw new Error(`pgbench failed: ${run.stderr || run.stdout}`)
  return rate
}

/**
 * How long each statement of each search takes alone on an idle database (the mean of 5 runs
 * after one), by statement (its first words) and query: where a search's time goes.
 */
async function timeStatements(url: string, searches: SentStatement[][]): Promise<StatementTimes> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const times: StatementTimes = new Map()
    for (const [q, statements] of searches.entries()) {
      for (const s of statements) {
        await client.query(s.sql, [...s.parameters])
        const started = performance.now()
        for (let i = 0; i < 5; i++) await client.query(s.sql, [...s.parameters])
        const key = s.sql.replace(/\s+/g, ' ').trim().slice(0, 100)
        const row = times.get(key) ?? Array.from({ length: searches.length }, () => Number.NaN)
        row[q] = (performance.now() - started) / 5
        times.set(key, row)
      }
    }
    return times
  } finally {
    await client.end()
  }
}

/** Mean ms of each statement (its first 100 characters) for each query, in the order of the queries. */
type StatementTimes = Map<string, number[]>

const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–')

/** What one run measured, for {@link formatSearchReport}. */
export interface SearchBenchResult {
  api: Row
  pgbench: Row
  ratios: number[]
  rounds: { run: number; calm: number }
  /** Per query: how many results the server answered, and how many statements one search sends. */
  queries: Array<{ q: string; results: number; statements: number }>
  times: StatementTimes
  connections: number
  turnSeconds: number
  pinned: boolean
  note?: string | undefined
}

/** The Markdown section of a run for docs/benchmarks.md. */
export function formatSearchReport(r: SearchBenchResult, when = new Date()): string {
  const ratio = medianOf(r.ratios, (x) => x) ?? Number.NaN
  const row = (x: Row) => `| ${x.target} | ${n(x.rps)} | ${n(x.p50ms, 1)} | ${n(x.p99ms, 1)} | ${x.errors} | ${n(x.dbBusy * 100)} % |`
  return [
    `## Search benchmark, ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; a throwaway PostgreSQL 15 cluster with the demo data; load generator ${loadGeneratorName()}. ` +
      `Ours: \`GET /api/search?city=${CITY}&q=…\` of the server as \`npm start\` runs it (a pool of ${r.connections}), ${r.connections} connections going round ${r.queries.length} queries: ` +
      `${r.queries.map((q) => `"${q.q}" (${q.results} results, ${q.statements} statements)`).join(', ')}. ` +
      `The limit: pgbench with ${r.connections} clients replaying, for each query with equal weight, the statements the search sends for it (caught from the module's query log, with the same values), one after another, \`-M extended\` as node-pg sends them; the server runs a search's statements side by side on its pool. ` +
      `The two take turns of ${r.turnSeconds} s (ours after a 2 s warm-up; pgbench's first second left out) until ${TURNS.rounds} rounds are calm (as in the tile benchmark), at most ${TURNS.most}; each row the median of its kept turns, the ratio the median of the rounds' ratios. ` +
      (r.pinned ? 'PostgreSQL on CPU 0; the server, the load generator and pgbench on CPU 1. ' : 'Every process on every CPU. ') +
      (r.note ?? ''),
    '',
    '| target | searches/s | p50 ms (pgbench: mean) | p99 ms | errors | CPU 0 busy |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row(r.api),
    row(r.pgbench),
    '',
    `Ours / pgbench (the same statements): **${n(ratio, 2)}**; rounds: ${r.rounds.calm} of ${r.rounds.run} calm (${r.ratios.map((x) => n(x, 2)).join(', ')}).`,
    '',
    'Where a search\'s time goes: each statement alone on the idle database, mean ms of 5 runs after one:',
    '',
    `| statement | ${r.queries.map((q) => `"${q.q}"`).join(' | ')} |`,
    `| --- |${r.queries.map(() => ' ---: |').join('')}`,
    ...[...r.times].map(([statement, ms]) => `| \`${statement.replace(/\|/g, '\\|')}…\` | ${ms.map((x) => n(x, 2)).join(' | ')} |`),
  ].join('\n')
}

/**
 * Measures the search through the API against pgbench replaying its statements, in turns on a
 * throwaway PostgreSQL cluster with the demo data; returns (and prints) the report, or
 * undefined without PostgreSQL 15 or pgbench.
 */
export async function runSearchBenchmark(o: SearchBenchOptions): Promise<string | undefined> {
  const log = (line: string) => console.error(`[bench] ${line}`)
  if (spawnSync('pgbench', ['--version']).error) return undefined
  const pinned = cpus().length >= 2 && canPinCpus()
  const layout = pinned ? LAYOUT : undefined
  const cluster = startThrowawayCluster(PORTS.cluster, layout?.database)
  if (!cluster) return undefined
  const children: ReturnType<typeof startScript>[] = []
  try {
    const database = await openDatabase({ databaseUrl: cluster.url, poolSize: 2, log })
    await loadDemoData(database.db, log)
    await sql`VACUUM ANALYZE`.execute(database.db)
    await database.close()
    const origin = `http://127.0.0.1:${PORTS.server}`
    const server = startScript('scripts/start.mjs', { DATABASE_URL: cluster.url, PORT: String(PORTS.server), HROMADA_SKIP_BUILD: '1', HROMADA_DEMO: '0', PUBLIC_URL: origin, HROMADA_DB_POOL: String(o.connections) }, layout?.clients)
    children.push(server)
    await waitFor(`${origin}/api/health`, 180)
    const paths = SEARCH_QUERIES.map((q) => `/api/search?city=${CITY}&q=${encodeURIComponent(q)}`)
    const queries: SearchBenchResult['queries'] = []
    for (const [i, q] of SEARCH_QUERIES.entries()) {
      // Also builds the city's search index, so that no measured request does.
      const res = await fetch(`${origin}${paths[i]}`)
      if (res.status !== 200) throw new Error(`GET ${paths[i]} answered ${res.status}: ${await res.text()}`)
      const { results } = (await res.json()) as { results: unknown[] }
      queries.push({ q, results: results.length, statements: 0 })
    }
    const searches = await Promise.all(SEARCH_QUERIES.map((q) => statementsOfSearch(cluster.url, q)))
    searches.forEach((s, i) => (queries[i]!.statements = s.length))
    const scripts = writeSearchScripts(searches)
    log(`search: ${queries.map((q) => `"${q.q}" ${q.results} results, ${q.statements} statements`).join('; ')}`)

    const turnSeconds = Math.max(2, o.seconds)
    const api = async (): Promise<Turn> => {
      const { result, busy, stolen } = await measureCpu(layout?.database, () => measureLoad({ origin, paths, connections: o.connections, seconds: turnSeconds, cpus: layout?.clients }))
      return { row: { target: 'ours: GET /api/search', set: 'search', rps: result.rps, p50ms: result.p50ms, p99ms: result.p99ms, bytes: result.bytesPerRequest, errors: result.errors, dbBusy: busy }, stolen }
    }
    const pgbench = async (): Promise<Turn> => {
      const { result, busy, stolen } = await measureCpu(layout?.database, () => runPgbenchSearches(cluster.url, scripts, o.connections, turnSeconds, layout?.clients))
      return { row: { target: 'pgbench -M extended: the same statements', set: 'search', rps: result.tps, p50ms: result.latencyMs, p99ms: Number.NaN, bytes: Number.NaN, errors: 0, dbBusy: busy }, stolen }
    }
    const taken = await takeTurns(TURNS, api, pgbench)
    const times = await timeStatements(cluster.url, searches)
    const report = formatSearchReport({
      api: taken.rows[0],
      pgbench: taken.rows[1],
      ratios: taken.pairing.ratios,
      rounds: { run: taken.pairing.rounds, calm: taken.pairing.calm },
      queries,
      times,
      connections: o.connections,
      turnSeconds,
      pinned,
      note: o.note,
    })
    console.log(report)
    if (o.record) appendFileSync(join(ROOT, 'docs/benchmarks.md'), `\n${report}\n`)
    return report
  } finally {
    await Promise.all(children.map(stopProcess))
    cluster.stop()
    rmSync(cluster.dir, { recursive: true, force: true })
  }
}
