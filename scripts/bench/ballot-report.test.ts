import { describe, expect, it } from 'vitest'
import { type BallotBenchResult, type BallotRow, CITY_OF_A_MILLION, formatBallotReport, peakBallotRate } from './ballot-report.ts'

describe('the voting peak', () => {
  it('asks 12.5 ballots a second of a city of a million: 60 % of 100,000 in 4 evening hours, the peak minute at 3 times the hour', () => {
    expect(peakBallotRate(CITY_OF_A_MILLION)).toBeCloseTo(12.5, 10)
  })

  it('grows with the share of the evening and the peak factor, and shrinks with longer evenings', () => {
    expect(peakBallotRate({ ...CITY_OF_A_MILLION, eveningShare: 0.9 })).toBeCloseTo(18.75, 10)
    expect(peakBallotRate({ ...CITY_OF_A_MILLION, peakFactor: 6 })).toBeCloseTo(25, 10)
    expect(peakBallotRate({ ...CITY_OF_A_MILLION, eveningHours: 8 })).toBeCloseTo(6.25, 10)
  })
})

const row = (target: string, rps: number): BallotRow => ({ target, set: 'ballots', rps, p50ms: 20, p99ms: 90, bytes: Number.NaN, errors: 0, dbBusy: 0.97, dbCpuUs: 800, cpuUs: 400 })
const run: BallotBenchResult = {
  api: row('ours', 1000),
  pgbench: row('pgbench -M extended', 1200),
  prepared: row('pgbench -M prepared', 1500),
  peer: row('peer', 2000),
  pairing: { set: 'ballots', target: 'ours', reference: 'pgbench -M extended', ratios: [0.8, 0.9, 0.85], rounds: 4, calm: 3 },
  profile: {
    api: [{ statement: "SELECT a || '-' || b FROM t", callsPerBallot: 1, meanMs: 0.25, planMs: 0.5, share: 0.6 }],
    pgbench: [{ statement: 'BEGIN', callsPerBallot: 1, meanMs: 0, planMs: 0, share: 0 }],
    apiDbMs: 1.25,
    pgbenchDbMs: 0.75,
  },
  ballots: { api: 9000, pgbench: 11000, malformed: 0 },
  connections: 32,
  voters: { api: 60_000, pgbench: 150_000 },
  rounds: { calm: 3, most: 5 },
  turnSeconds: 4,
  seconds: 10,
  pinned: true,
}

describe('the ballot report', () => {
  const report = formatBallotReport(run, CITY_OF_A_MILLION, new Date('2026-12-07T15:30:00Z'))
  const lines = report.split('\n')

  it('is a dated section with a row per target', () => {
    expect(lines[0]).toBe('## Ballot benchmark, 2026-12-07 15:30 UTC')
    expect(lines).toContain('| ours | 1,000 | 20.0 | 90.0 | 0 | 97 % | 800 | 400 |')
    expect(lines.filter((l) => /^\| (ours|pgbench|peer)/.test(l) && l.endsWith('| 800 | 400 |'))).toHaveLength(4)
  })

  it("judges the bar by the median of the rounds' ratios, and gives the others as one rate over another", () => {
    expect(lines).toContain('| ours / pgbench -M extended (the same transaction) | **0.85** | ≥ 0.8 |')
    expect(lines).toContain('| ours / pgbench -M prepared | 0.67 | |')
    expect(lines).toContain('| ours / simple peer | 0.50 | |')
    expect(report).toContain('Rounds: 3 of 4 calm (0.80, 0.90, 0.85).')
  })

  it('states the ballots a second the peak needs and the margin measured', () => {
    expect(report).toContain('**12.5 ballots/s** needed; ours measured 1,000/s, **80×** that.')
  })

  it('lists where the database time goes, a statement to a line with its pipes escaped', () => {
    expect(lines).toContain("| `SELECT a \\|\\| '-' \\|\\| b FROM t` | 1.00 | 0.250 | 0.500 | 60 % |")
  })
})
