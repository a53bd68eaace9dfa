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
  /** CPU time (user + system) the server spent per request, in µs. */
  cpuUs?: number
}

/** A target and its reference measured in turns, and the ratio of each round kept. */
export interface Pairing {
  set: string
  target: string
  reference: string
  /** Target / reference of each kept round: the calm ones, or all when too few were calm. */
  ratios: number[]
  rounds: number
  calm: number
}

/** How targets and their references took turns (see `TURNS` in tile-bench.ts). */
export interface Turns {
  seconds: number
  /** A round is calm when the host took less than this share of CPU time in both its turns, */
  calmSteal: number
  /** and the reference ran at least this share of its best rate in the set. */
  calmPace: number
  /** Fewer calm rounds than this, and a row is the median of all its rounds. */
  minCalm: number
  uncached: { rounds: number; most: number }
  warm: { rounds: number; most: number }
}

/** Everything one benchmark run measured. */
export interface BenchResults {
  rows: Row[]
  pairings: Pairing[]
  /** Uncached runs with the database and its clients on both CPUs. */
  shared: Row[]
  embedded: Row[]
  hot: Row[]
  medianBytes: number
  /** Whether the database ran on a CPU of its own. */
  pinned: boolean
  connections: number
  seconds: number
  turns: Turns
  note?: string | undefined
}

const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '–')

function table(rows: Row[], withSet = true): string[] {
  const db = rows.some((r) => Number.isFinite(r.dbBusy))
  const cpu = rows.some((r) => Number.isFinite(r.cpuUs ?? Number.NaN))
  return [
    `| ${withSet ? 'target | tiles' : 'request'} | req/s | p50 ms | p99 ms | bytes/req | errors |${db ? ' db CPU |' : ''}${cpu ? ' server CPU µs/req |' : ''}`,
    `| --- |${withSet ? ' --- |' : ''} ---: | ---: | ---: | ---: | ---: |${db ? ' ---: |' : ''}${cpu ? ' ---: |' : ''}`,
    ...rows.map(
      (r) =>
        `| ${r.target} |${withSet ? ` ${r.set} |` : ''} ${n(r.rps)} | ${n(r.p50ms, 1)} | ${n(r.p99ms, 1)} | ${n(r.bytes)} | ${r.errors} |` +
        (db ? ` ${Number.isFinite(r.dbBusy) ? `${n(r.dbBusy * 100)} %` : ''} |` : '') +
        (cpu ? ` ${n(r.cpuUs ?? Number.NaN, 1)} |` : ''),
    ),
  ]
}

/**
 * The middle item by `value`, the lower one of an even count (so a median never flatters: a
 * smaller ratio, a smaller tile for the serving limit); undefined for none.
 */
export function medianOf<T>(items: readonly T[], value: (item: T) => number): T | undefined {
  return [...items].sort((a, b) => value(a) - value(b))[Math.floor((items.length - 1) / 2)]
}

const SETS = ['z14', 'z16', 'z10-17']

/** The row of the bare server replaying our answers (`answer-replay.ts`). */
export const REPLAYED = 'answers replayed (node:http)'

/** The report of a run: the tables, the ratios against the bars, and how it was measured. */
export function formatReport(b: BenchResults): string {
  const row = (rows: Row[], target: string, set: string) => rows.find((r) => r.target === target && r.set === set)
  const pairing = (target: string, reference: string, set: string) => b.pairings.find((p) => p.target === target && p.reference === reference && p.set === set)
  // Targets measured in turns with their reference: the median of the rounds' own ratios, which
  // the machine's drift from one round to the next does not move; others: one row over another.
  const ratioOf = (target: string, reference: string, set: string) => {
    const p = pairing(target, reference, set)
    return p ? (medianOf(p.ratios, (r) => r) ?? Number.NaN) : (row(b.rows, target, set)?.rps ?? Number.NaN) / (row(b.rows, reference, set)?.rps ?? Number.NaN)
  }
  const ratio = (target: string, reference: string) => SETS.map((s) => n(ratioOf(target, reference, s), 2)).join(' | ')
  const rounds = (target: string, reference: string) =>
    SETS.map((s) => {
      const p = pairing(target, reference, s)
      return p ? `${s}: ${p.calm} of ${p.rounds} calm${p.calm < p.ratios.length ? ', all kept' : ''} (${p.ratios.map((r) => n(r, 2)).join(', ')})` : ''
    })
      .filter(Boolean)
      .join('; ')
  const cpuRatio = (target: string, reference: string) =>
    SETS.map((s) => n((row(b.rows, reference, s)?.cpuUs ?? Number.NaN) / (row(b.rows, target, s)?.cpuUs ?? Number.NaN), 2)).join(' | ')
  const cpu = cpus()[0]?.model.trim() ?? 'CPU'
  const t = b.turns
  const lines = [
    `## Tile benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load generator ${loadGeneratorName()}, ${b.connections} connections; pgbench -M prepared replaying the server's prepared statements with the same values; median tile ${(b.medianBytes / 1000).toFixed(1)} KB. ` +
      `On the z14, z16 and z10-17 sets, the uncached server and pgbench take turns, and so do the warm cache and the serving limit, ${t.seconds} s a turn after a 1 s warm-up; ` +
      `a round (one turn of each) is calm when the host took less than ${n(t.calmSteal * 100)} % of the CPU time in both turns (steal) and the reference ran at ${n(t.calmPace * 100)} % of its best in the set or faster, and rounds go on until ${t.uncached.rounds} (uncached) or ${t.warm.rounds} (warm) are calm, at most ${t.uncached.most} or ${t.warm.most}. ` +
      `Each of these rows is the median of its calm turns (of all, when fewer than ${t.minCalm} were calm), and each ratio the median of the calm rounds' ratios; every other row ${b.seconds} s after a 1 s warm-up. ` +
      (b.pinned
        ? 'PostgreSQL on CPU 0, reached over its unix socket; pgbench, the servers and wrk on CPU 1 for every uncached row ("db CPU": how busy CPU 0 was); for warm-cache rows and the serving limit, the server on CPU 1 and wrk on CPU 0.'
        : 'Every process on every CPU.') +
      ' "server CPU µs/req": the server process\'s user + system time over the requests served. "answers replayed": a bare node:http server answering each path with the status, headers and body the warm server sent for it, on the warm server\'s CPU.' +
      (b.note ? ` ${b.note}` : ''),
    '',
    ...table(b.rows),
    '',
    '| ratio | z14 | z16 | z10-17 | bar |',
    '| --- | ---: | ---: | ---: | --- |',
    `| us cold / pgbench | ${ratio('us, cold cache', 'pgbench (limit)')} | ≥ 0.9 at z14, z16 |`,
    `| us cold / peer | ${ratio('us, cold cache', 'peer (Hono + pg)')} | ≥ 2 |`,
    `| us warm / serving limit | ${ratio('us, warm cache', 'serving limit (node:http)')} | ≥ 0.8 |`,
    `| serving limit / us warm, CPU time per request | ${cpuRatio('us, warm cache', 'serving limit (node:http)')} | |`,
    `| of which: serving limit / our answers replayed (their headers and sizes) | ${cpuRatio(REPLAYED, 'serving limit (node:http)')} | |`,
    `| of which: our answers replayed / us warm (our process) | ${cpuRatio('us, warm cache', REPLAYED)} | |`,
    '',
    `Rounds of us cold / pgbench: ${rounds('us, cold cache', 'pgbench (limit)')}.`,
    '',
    `Rounds of us warm / serving limit: ${rounds('us, warm cache', 'serving limit (node:http)')}.`,
  ]
  if (b.shared.length > 0) {
    const shared = (s: string) => n((row(b.shared, 'us, cold cache, CPUs shared', s)?.rps ?? Number.NaN) / (row(b.shared, 'pgbench (limit), CPUs shared', s)?.rps ?? Number.NaN), 2)
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
