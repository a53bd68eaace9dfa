/**
 * OGC API Features benchmark: `GET /ogc/collections/kyiv-land-parcels/items?limit=1000&bbox=…`
 * (a GIS client paging through parcels by map view) against pgbench replaying the statements
 * the route sends for the same boxes, in turns on one database.
 */
import { appendFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { OgcItemsQuery } from '../../api/contract/index.ts'
import { findItems } from '../../api/ogc/index.ts'
import { findPublicLayer } from '../../layers/index.ts'
import { loadGeneratorName } from './load.ts'
import { ROOT } from './processes.ts'
import { medianOf, type Row } from './report.ts'
import { runRouteBenchmark, type RouteBenchRun, turnsSentence } from './route-bench.ts'

const COLLECTION = 'kyiv-land-parcels'
const LIMIT = 1000
/** Map views over Kyiv's parcels, from the centre outwards: each holds up to a page of them. */
export const OGC_BOXES = ['30.50,50.43,30.54,50.46', '30.44,50.42,30.50,50.46', '30.58,50.40,30.66,50.46', '30.40,50.36,30.52,50.42'] as const
const PORTS = { port: 54371, server: 8843 }

/** Options of {@link runOgcBenchmark}. */
export interface OgcBenchOptions {
  connections: number
  /** Seconds of each measured turn (at least 2). */
  seconds: number
  /** Append the report to docs/benchmarks.md. */
  record: boolean
  note?: string | undefined
}

const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–')

/** The Markdown section of a run for docs/benchmarks.md. */
export function formatOgcReport(r: RouteBenchRun, note?: string, when = new Date()): string {
  const ratio = medianOf(r.ratios, (x) => x) ?? Number.NaN
  const row = (x: Row) => `| ${x.target} | ${n(x.rps)} | ${n(x.p50ms, 1)} | ${n(x.p99ms, 1)} | ${n(x.bytes / 1024)} | ${x.errors} | ${n(x.dbBusy * 100)} % |`
  return [
    `## OGC API Features benchmark, ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; a throwaway PostgreSQL 15 cluster with the demo data; load generator ${loadGeneratorName()}. ` +
      `Ours: \`GET /ogc/collections/${COLLECTION}/items?limit=${LIMIT}&bbox=…\` of the server as \`npm start\` runs it (a pool of ${r.connections}), ${r.connections} connections going round ${r.paths.length} boxes: ` +
      `${r.paths.map((p) => `${new URL(p.path, 'http://x').searchParams.get('bbox')} (${p.answer}, ${p.statements} statements)`).join(', ')}; uncompressed, as pgbench reads its rows uncompressed. ` +
      `The limit: pgbench with ${r.connections} clients replaying, for each box with equal weight, the statements the route sends for it (the layer's row and the page with its count, caught from the module's query log with the same values), \`-M extended\` as node-pg sends them. ` +
      turnsSentence(r) +
      (note ?? ''),
    '',
    '| target | requests/s | p50 ms (pgbench: mean) | p99 ms | KB/answer | errors | CPU 0 busy |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row(r.api),
    row(r.pgbench),
    '',
    `Ours / pgbench (the same statements): **${n(ratio, 2)}** (the bar: at least 0.8); rounds: ${r.rounds.calm} of ${r.rounds.run} calm (${r.ratios.map((x) => n(x, 2)).join(', ')}).`,
    '',
    'Each statement alone on the idle database, mean ms of 5 runs after one:',
    '',
    `| statement | ${r.paths.map((_, i) => `box ${i + 1}`).join(' | ')} |`,
    `| --- |${r.paths.map(() => ' ---: |').join('')}`,
    ...[...r.times].map(([statement, ms]) => `| \`${statement.replace(/\|/g, '\\|')}…\` | ${ms.map((x) => n(x, 2)).join(' | ')} |`),
  ].join('\n')
}

/**
 * Measures OGC items pages through the API against pgbench replaying their statements; returns
 * (and prints) the report, or undefined without PostgreSQL 15 or pgbench.
 */
export async function runOgcBenchmark(o: OgcBenchOptions): Promise<string | undefined> {
  const queries = OGC_BOXES.map((bbox) => OgcItemsQuery.parse({ limit: String(LIMIT), bbox }))
  const run = await runRouteBenchmark(
    {
      name: 'ogc',
      target: 'ours: GET /ogc/…/items',
      cluster: PORTS,
      paths: OGC_BOXES.map((bbox) => `/ogc/collections/${COLLECTION}/items?limit=${LIMIT}&bbox=${bbox}`),
      describe: async (res) => {
        const page = (await res.json()) as { numberReturned: number; numberMatched: number }
        return `${page.numberReturned} of ${page.numberMatched} parcels`
      },
      request: async (db, i) => {
        const layer = await findPublicLayer(db, COLLECTION)
        if (!layer) throw new Error(`no layer ${COLLECTION}`)
        return findItems(db, layer, queries[i]!)
      },
    },
    o,
  )
  if (!run) return undefined
  const report = formatOgcReport(run, o.note)
  console.log(report)
  if (o.record) appendFileSync(join(ROOT, 'docs/benchmarks.md'), `\n${report}\n`)
  return report
}
