import { cpus, totalmem } from 'node:os'
import { loadGeneratorName } from './load.ts'

/** One measured target on one request set. */
export interface Row {
  target: string
  set: string
  rps: number
  p50ms: number
  p99ms: number
  bytes: number
  errors: number
  /** How busy PostgreSQL's CPU was (0–1), for uncached runs with the database on a CPU of its own. */
  dbBusy: number
}

/** Everything one benchmark run measured. */
export interface BenchResults {
  rows: Row[]
  /** Uncached runs with the database and its clients on both CPUs. */
  shared: Row[]
  embedded: Row[]
  hot: Row[]
  medianBytes: number
  /** Whether the database ran on a CPU of its own. */
  pinned: boolean
  connections: number
  seconds: number
  /** How the targets and their references took turns. */
  turns: { seconds: number; uncachedRounds: number; warmRounds: number }
  note?: string | undefined
}

const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '–')

function table(rows: Row[], withSet = true): string[] {
  const db = rows.some((r) => Number.isFinite(r.dbBusy))
  return [
    `| ${withSet ? 'target | tiles' : 'request'} | req/s | p50 ms | p99 ms | bytes/req | errors |${db ? ' db CPU |' : ''}`,
    `| --- |${withSet ? ' --- |' : ''} ---: | ---: | ---: | ---: | ---: |${db ? ' ---: |' : ''}`,
    ...rows.map(
      (r) =>
        `| ${r.target} |${withSet ? ` ${r.set} |` : ''} ${n(r.rps)} | ${n(r.p50ms, 1)} | ${n(r.p99ms, 1)} | ${n(r.bytes)} | ${r.errors} |` +
        (db ? ` ${Number.isFinite(r.dbBusy) ? `${n(r.dbBusy * 100)} %` : ''} |` : ''),
    ),
  ]
}

/** The report of a run: the tables, the ratios against the bars, and how it was measured. */
export function formatReport(b: BenchResults): string {
  const get = (rows: Row[], target: string, set: string) => rows.find((r) => r.target === target && r.set === set)?.rps ?? Number.NaN
  const sets = ['z14', 'z16', 'z10-17']
  const ratio = (a: string, c: string) => sets.map((s) => n(get(b.rows, a, s) / get(b.rows, c, s), 2)).join(' | ')
  const cpu = cpus()[0]?.model.trim() ?? 'CPU'
  const lines = [
    `## Tile benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load generator ${loadGeneratorName()}, ${b.connections} connections; pgbench -M prepared replaying the server's prepared statements with the same values; median tile ${(b.medianBytes / 1000).toFixed(1)} KB. ` +
      `On the z14, z16 and z10-17 sets, pgbench and the uncached server take turns (${b.turns.uncachedRounds} rounds), and so do the warm cache and the serving limit (${b.turns.warmRounds} rounds), ${b.turns.seconds} s a turn after a 1 s warm-up, each row the median of its turns; every other row ${b.seconds} s after a 1 s warm-up. ` +
      (b.pinned
        ? 'PostgreSQL on CPU 0, reached over its unix socket; pgbench, the servers and wrk on CPU 1 for every uncached row ("db CPU": how busy CPU 0 was); for warm-cache rows and the serving limit, the server on CPU 1 and wrk on CPU 0.'
        : 'Every process on every CPU.') +
      (b.note ? ` ${b.note}` : ''),
    '',
    ...table(b.rows),
    '',
    '| ratio | z14 | z16 | z10-17 | bar |',
    '| --- | ---: | ---: | ---: | --- |',
    `| us cold / pgbench | ${ratio('us, cold cache', 'pgbench (limit)')} | ≥ 0.9 at z14, z16 |`,
    `| us cold / peer | ${ratio('us, cold cache', 'peer (Hono + pg)')} | ≥ 2 |`,
    `| us warm / serving limit | ${ratio('us, warm cache', 'serving limit (node:http)')} | ≥ 0.8 |`,
  ]
  if (b.shared.length > 0) {
    const shared = (s: string) => n(get(b.shared, 'us, cold cache, CPUs shared', s) / get(b.shared, 'pgbench (limit), CPUs shared', s), 2)
    lines.push(
      '',
      'The same uncached runs with PostgreSQL and its clients sharing both CPUs (as on one small server that runs both):',
      '',
      ...table(b.shared),
      '',
      `Us cold / pgbench with shared CPUs: ${shared('z14')} at z14, ${shared('z16')} at z16.`,
    )
  }
  if (b.embedded.length > 0) {
    lines.push('', 'The embedded engine (PGlite + PostGIS in the server process, tiles encoded in JS), cache off:', '', ...table(b.embedded))
  }
  lines.push(
    '',
    `Other hot paths, the uncached server, 16 connections, ${b.seconds} s after a 2 s warm-up:`,
    '',
    ...table(b.hot, false),
  )
  return lines.join('\n')
}
