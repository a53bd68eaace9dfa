/**
 * Mixed load for a set time: tiles 80 %, API reads 15 %, appeal submissions 5 % (some with a
 * photo), on loopback. Starts a server over a throwaway PostgreSQL cluster with the demo data
 * (or over --database-url, a scratch database), or loads a running one with --url; prints
 * requests, errors, p50/p99 per kind and the server's memory after warm-up and at the end
 * (exit code 1 when there were errors or memory grew by more than 20 %).
 *
 *   npm run load [-- --duration 300 --rate 100 --warmup 30 --url http://127.0.0.1:8787 --pid 1234 --database-url …]
 */
import { parseArgs } from 'node:util'
import { formatMixedLoad, memoryHeld, runMixedLoad } from './bench/index.ts'

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    rate: { type: 'string', default: '100' },
    warmup: { type: 'string' },
    url: { type: 'string' },
    pid: { type: 'string' },
    'database-url': { type: 'string' },
  },
})
const positive = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${value}"`)
  return n
}
const report = await runMixedLoad({
  seconds: positive('duration', values.duration)!,
  rate: positive('rate', values.rate),
  warmupSeconds: positive('warmup', values.warmup),
  url: values.url,
  pid: positive('pid', values.pid),
  // Never DATABASE_URL implicitly: the run files thousands of appeals into the database it uses.
  databaseUrl: values['database-url'],
  log: (line) => console.error(`[load] ${line}`),
})
console.log(formatMixedLoad(report))
const errors = report.kinds.reduce((n, k) => n + k.errors, 0)
process.exitCode = errors > 0 || memoryHeld(report) === false ? 1 : 0
