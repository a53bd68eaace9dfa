/**
 * Benchmarks, each appended to docs/benchmarks.md:
 * - tiles: our server (cold and warm cache, with and without gzip) against the database limit
 *   (pgbench replaying the same SQL), a plain Hono + pg peer and a bare node:http server. Starts
 *   a throwaway PostgreSQL cluster unless BENCH_DATABASE_URL is set.
 * - uploads: a planner's 150 MB GeoJSON through `POST /api/layer-uploads` against GDAL's
 *   ogr2ogr on the same file and database, a simple peer, and the server's peak memory.
 * - ballots: `PUT /api/budgets/{id}/ballot` at 32 connections against pgbench replaying the
 *   ballot transaction on the same database, a simple peer, and the margin for a city's voting peak.
 * - osm: importing a synthetic city's OpenStreetMap extract (features/s) against osm2pgsql into
 *   the same throwaway cluster (skipped where osm2pgsql is not installed).
 * - search: `GET /api/search` at 16 connections against pgbench replaying its statements.
 * - ogc: OGC API items pages (bbox, limit 1000) of the parcels against pgbench replaying their statements.
 * - web: the map page's JavaScript (compressed) and first render on a cold phone load, against
 *   MapLibre alone drawing the same style.
 *
 *   npm run bench [-- --only tiles|uploads|ballots|osm|search|ogc|web --connections 8 --seconds 10 --upload-mb 150 --no-embedded --no-record --note "…"]
 */
import { appendFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { formatUploadReport, runBallotBenchmark, runOgcBenchmark, runOsmImportBenchmark, runPageWeightBenchmark, runSearchBenchmark, runTileBenchmark, runUploadBenchmark } from './bench/index.ts'

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '10' },
    'no-record': { type: 'boolean', default: false },
    'no-embedded': { type: 'boolean', default: false },
    note: { type: 'string' },
    only: { type: 'string' },
    'upload-mb': { type: 'string', default: '150' },
  },
})
const runs = (name: 'tiles' | 'uploads' | 'ballots' | 'osm' | 'search' | 'ogc' | 'web') => values.only === undefined || values.only === name
if (runs('uploads')) {
  const result = await runUploadBenchmark(Number(values['upload-mb']), (line) => console.log(line))
  if (!result) console.log('upload benchmark skipped: PostgreSQL 15 is not installed')
  else {
    const report = formatUploadReport(result)
    console.log(report)
    if (!values['no-record']) appendFileSync(new URL('../docs/benchmarks.md', import.meta.url), `\n${report}\n`)
  }
}
if (runs('tiles')) await runTileBenchmark({
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  connections: Number(values.connections),
  seconds: Number(values.seconds),
  record: !values['no-record'],
  embedded: !values['no-embedded'],
  note: values.note,
})
if (runs('ballots')) {
  // Ballots are measured at 32 connections whatever the tiles use: the voting peak's concurrency.
  const report = await runBallotBenchmark({ connections: 32, seconds: Number(values.seconds), record: !values['no-record'], note: values.note })
  if (!report) console.log('ballot benchmark skipped: PostgreSQL 15 or wrk is not installed')
}
if (runs('osm')) {
  const report = await runOsmImportBenchmark({ record: !values['no-record'], note: values.note })
  if (!report) console.log('OSM import benchmark skipped: PostgreSQL 15 or osmium is not installed')
}
if (runs('search')) {
  // At 16 connections whatever the tiles use: the search box's concurrency in the acceptance bar.
  const report = await runSearchBenchmark({ connections: 16, seconds: Number(values.seconds), record: !values['no-record'], note: values.note })
  if (!report) console.log('search benchmark skipped: PostgreSQL 15 or pgbench is not installed')
}
if (runs('ogc')) {
  const report = await runOgcBenchmark({ connections: Number(values.connections), seconds: Number(values.seconds), record: !values['no-record'], note: values.note })
  if (!report) console.log('OGC API benchmark skipped: PostgreSQL 15 or pgbench is not installed')
}
if (runs('web')) {
  const report = await runPageWeightBenchmark({ runs: 5, record: !values['no-record'], note: values.note })
  if (!report) console.log('page weight benchmark skipped: PostgreSQL 15 is not installed')
}
