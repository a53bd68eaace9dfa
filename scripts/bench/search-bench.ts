/**
 * Search benchmark: `GET /api/search?city=kyiv&q=…` of a running server on PostgreSQL, a mix of
 * an address, a misspelt street, a cadastral number prefix and a layer name, against pgbench
 * replaying the very statements the search sends for each of them, in turns on one database.
 */
import { appendFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { searchCity } from '../../api/search/index.ts'
import { loadGeneratorName } from './load.ts'
import { ROOT } from './processes.ts'
import { medianOf, type Row } from './report.ts'
import { type RouteBenchRun, runRouteBenchmark, turnsSentence } from './route-bench.ts'

/** What residents type: an address, a street with a typo (і for и), a cadastral number's prefix, a layer's name. */
export const SEARCH_QUERIES = ['Хрещатик 22', 'хрещатік', '8000000000:', 'метро'] as const

/** The route's default: ten results. */
const LIMIT = 10
const CITY = 'kyiv'
const PORTS = { port: 54369, server: 8841 }

/** Options of {@link runSearchBenchmark}. */
export interface SearchBenchOptions {
  connections: number
  /** Seconds of each measured turn (at least 2). */
  seconds: number
  /** Append the report to docs/benchmarks.md. */
  record: boolean
  note?: string | undefined
}

const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–')

/** What one run measured, for {@link formatSearchReport}: the route's run, with each path as its query. */
export interface SearchBenchResult extends Omit<RouteBenchRun, 'paths'> {
  /** Per query: how many results the server answered, and how many statements one search sends. */
  queries: Array<{ q: string; results: number; statements: number }>
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
      turnsSentence(r) +
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
  const run = await runRouteBenchmark(
    {
      name: 'search',
      target: 'ours: GET /api/search',
      cluster: PORTS,
      paths: SEARCH_QUERIES.map((q) => `/api/search?city=${CITY}&q=${encodeURIComponent(q)}`),
      // The first answer also builds the city's search index, so that no measured request does.
      describe: async (res) => `${((await res.json()) as { results: unknown[] }).results.length} results`,
      request: (db, i) => searchCity(db, CITY, SEARCH_QUERIES[i]!, LIMIT, 'uk'),
    },
    o,
  )
  if (!run) return undefined
  const { paths, ...measured } = run
  const report = formatSearchReport({
    ...measured,
    queries: paths.map((p, i) => ({ q: SEARCH_QUERIES[i]!, results: Number.parseInt(p.answer, 10), statements: p.statements })),
    note: o.note,
  })
  console.log(report)
  if (o.record) appendFileSync(join(ROOT, 'docs/benchmarks.md'), `\n${report}\n`)
  return report
}
