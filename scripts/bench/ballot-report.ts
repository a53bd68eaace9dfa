/**
 * The ballot benchmark's report: what the voting peak of a city asks for, and the Markdown
 * section of a run for docs/benchmarks.md.
 */
import { cpus, totalmem } from 'node:os'
import { medianOf, type Pairing, type Row } from './report.ts'

/** How a city's ballots spread over the voting day. */
export interface PeakAssumptions {
  ballotsPerDay: number
  /** The share of the day's ballots cast in the evening (0–1), */
  eveningShare: number
  /** over this many hours, */
  eveningHours: number
  /** with the busiest minute at this multiple of the evening's mean rate. */
  peakFactor: number
}

/** A city of a million: 100,000 ballots in a day, 60 % of them in 4 evening hours, the peak minute at 3 times that hour's mean. */
export const CITY_OF_A_MILLION: PeakAssumptions = { ballotsPerDay: 100_000, eveningShare: 0.6, eveningHours: 4, peakFactor: 3 }

/** The ballots a second the busiest minute of the voting day asks for. */
export function peakBallotRate(a: PeakAssumptions): number {
  return ((a.ballotsPerDay * a.eveningShare) / (a.eveningHours * 3600)) * a.peakFactor
}

/** A statement's share of a ballot's database time, from pg_stat_statements. */
export interface StatementCost {
  statement: string
  callsPerBallot: number
  /** Mean execution and planning time of one call. */
  meanMs: number
  planMs: number
  /** Of the database's execution and planning time over the run (0–1). */
  share: number
}

/** A measured target with the CPU time PostgreSQL spent per ballot, in µs. */
export interface BallotRow extends Row {
  dbCpuUs?: number
}

/** What one ballot benchmark measured. */
export interface BallotBenchResult {
  api: BallotRow
  pgbench: BallotRow
  pairing: Pairing
  /** pgbench with its statements prepared once per connection, which the server does not do. */
  prepared: BallotRow
  peer: BallotRow
  /** Where the database's time went, per ballot, for the API and for pgbench. */
  profile: { api: StatementCost[]; pgbench: StatementCost[]; apiDbMs: number; pgbenchDbMs: number }
  /** Ballots in the database at the end: cast through the API (and the peer), by pgbench, and any not of three lines. */
  ballots: { api: number; pgbench: number; malformed: number }
  connections: number
  /** Voters made for each side. */
  voters: { api: number; pgbench: number }
  /** Rounds wanted calm, and the most run. */
  rounds: { calm: number; most: number }
  turnSeconds: number
  seconds: number
  pinned: boolean
  note?: string | undefined
}


const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–')

/** A statement as a table cell: one line, at most 110 characters, pipes escaped. */
const cell = (statement: string) => `\`${(statement.length > 110 ? `${statement.slice(0, 107)}…` : statement).replace(/\|/g, '\\|')}\``

function costTable(costs: StatementCost[]): string[] {
  return [
    '| statement | calls/ballot | execution ms | planning ms | share of db time |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...costs.map((c) => `| ${cell(c.statement)} | ${n(c.callsPerBallot, 2)} | ${n(c.meanMs, 3)} | ${n(c.planMs, 3)} | ${n(c.share * 100)} % |`),
  ]
}

/** The report of a run as a Markdown section for docs/benchmarks.md: the rates, the ratios against the bar, the peak's margin and the profile. */
export function formatBallotReport(r: BallotBenchResult, peak: PeakAssumptions = CITY_OF_A_MILLION, when = new Date()): string {
  const ratio = medianOf(r.pairing.ratios, (x) => x) ?? Number.NaN
  const needed = peakBallotRate(peak)
  const row = (x: BallotRow) =>
    `| ${x.target} | ${n(x.rps)} | ${n(x.p50ms, 1)} | ${n(x.p99ms, 1)} | ${x.errors} | ${n(x.dbBusy * 100)} % | ${n(x.dbCpuUs ?? Number.NaN)} | ${n(x.cpuUs ?? Number.NaN)} |`
  const statements = (costs: StatementCost[]) => n(costs.reduce((sum, c) => sum + c.callsPerBallot, 0), 1)
  return [
    `## Ballot benchmark, ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; a throwaway PostgreSQL 15 cluster with the demo data. ` +
      `An edition in the voting phase made through the API: approval voting, 3 votes, 10 feasible proposals; ${n(r.voters.api)} + ${n(r.voters.pgbench)} voters with confirmed addresses and sessions written in SQL. ` +
      `Ours: \`PUT /api/budgets/{id}/ballot\` of the server as \`npm start\` runs it (a pool of ${r.connections}), by wrk with ${r.connections} connections, each request the next voter choosing 3 of the 10. ` +
      `The limit: pgbench with ${r.connections} clients replaying the server's one call of a ballot (cast_ballot_in_session: the session, the voting phase, the voter's standing, the upsert of the ballot row with a new receipt, the delete and insert of its three lines, which fire the rules trigger), the next voter each time, ` +
      '`-M extended` as the server sends it (each statement parsed and planned every time); `-M prepared` once for comparison. ' +
      `The two take turns of ${r.turnSeconds} s on the same database (ours after a 1 s warm-up; pgbench's first second left out), until ${r.rounds.calm} rounds are calm (as in the tile benchmark), at most ${r.rounds.most}; each row the median of its kept turns, the ratio the median of the rounds' ratios. ` +
      (r.pinned ? 'PostgreSQL on CPU 0; the server, wrk and pgbench on CPU 1 ("CPU 0 busy": with whatever else ran there). ' : 'Every process on every CPU. ') +
      '"PostgreSQL CPU": the CPU time of the cluster\'s processes over the ballots of the run; "server CPU": that of the server process. ' +
      'The simple peer: the same transaction behind a Hono + pg route that reads the session and checks nothing else.' +
      (r.note ? ` ${r.note}` : ''),
    '',
    '| target | ballots/s | p50 ms (pgbench: mean) | p99 ms | errors | CPU 0 busy | PostgreSQL CPU µs/ballot | server CPU µs/ballot |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...[r.api, r.pgbench, r.prepared, r.peer].map(row),
    '',
    '| ratio | value | bar |',
    '| --- | ---: | --- |',
    `| ours / pgbench -M extended (the same transaction) | **${n(ratio, 2)}** | ≥ 0.8 |`,
    `| ours / pgbench -M prepared | ${n(r.api.rps / r.prepared.rps, 2)} | |`,
    `| ours / simple peer | ${n(r.api.rps / r.peer.rps, 2)} | |`,
    '',
    `Rounds: ${r.pairing.calm} of ${r.pairing.rounds} calm${r.pairing.calm < r.pairing.ratios.length ? ', all kept' : ''} (${r.pairing.ratios.map((x) => n(x, 2)).join(', ')}). ` +
      `Ballots in the database at the end: ${n(r.ballots.api)} cast through the API and the peer, ${n(r.ballots.pgbench)} by pgbench, ${r.ballots.malformed} not of three lines.`,
    '',
    `The voting peak of a city of a million: ${n(peak.ballotsPerDay)} ballots in a day, ${n(peak.eveningShare * 100)} % of them in ${peak.eveningHours} evening hours, the busiest minute at ${peak.peakFactor} times that hour's mean: ` +
      `**${n(needed, 1)} ballots/s** needed; ours measured ${n(r.api.rps)}/s, **${n(r.api.rps / needed, 0)}×** that.`,
    '',
    `Where a ballot's database time goes (pg_stat_statements: execution and planning time, one ${r.turnSeconds} s run of each alone; the rest of its CPU time goes to parsing, the protocol and switching between ${r.connections} backends). Ours: ${statements(r.profile.api)} statements a ballot, ${n(r.profile.apiDbMs, 3)} ms of execution and planning per ballot:`,
    '',
    ...costTable(r.profile.api),
    '',
    `pgbench -M extended: ${statements(r.profile.pgbench)} statements a ballot, ${n(r.profile.pgbenchDbMs, 3)} ms per ballot:`,
    '',
    ...costTable(r.profile.pgbench),
  ].join('\n')
}
