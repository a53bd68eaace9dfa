/**
 * Tile benchmark: our server (cold and warm cache, with and without gzip) against the database
 * limit (pgbench replaying the same SQL), a plain Hono + pg peer and a bare node:http server.
 * Starts a throwaway PostgreSQL cluster unless BENCH_DATABASE_URL is set; appends the table
 * to docs/benchmarks.md.
 *
 *   npm run bench [-- --connections 8 --seconds 10 --no-embedded --no-record --note "…"]
 */
import { parseArgs } from 'node:util'
import { runTileBenchmark } from './bench/index.ts'

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '10' },
    'no-record': { type: 'boolean', default: false },
    'no-embedded': { type: 'boolean', default: false },
    note: { type: 'string' },
  },
})
await runTileBenchmark({
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  connections: Number(values.connections),
  seconds: Number(values.seconds),
  record: !values['no-record'],
  embedded: !values['no-embedded'],
  note: values.note,
})
