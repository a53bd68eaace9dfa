import { describe, expect, it } from 'vitest'
import { formatReport, medianOf, REPLAYED, type Pairing, type Row } from './report.ts'
import { takeTurns, type Turn } from './turns.ts'

const rowOf = (target: string, rps: number, errors = 0): Row => ({ target, set: 'z14', rps, p50ms: 1, p99ms: 2, bytes: 100, errors, dbBusy: Number.NaN })

/** Turns that play back the given (req/s, steal) pairs in order. */
function playback(target: string, turns: Array<[number, number]>): { next: () => Promise<Turn>; taken: () => number } {
  let i = 0
  return {
    next: async () => {
      const [rps, stolen] = turns[i++]!
      return { row: rowOf(target, rps, 1), stolen }
    },
    taken: () => i,
  }
}

const plan = { rounds: 3, most: 6, calmSteal: 0.05, calmPace: 0.85, minCalm: 3 }

describe('takeTurns', () => {
  it('stops as soon as enough rounds are calm, and keeps only those', async () => {
    const us = playback('us', [[100, 0], [50, 0.3], [90, 0.01], [80, 0], [1, 0]])
    const limit = playback('limit', [[100, 0], [100, 0], [100, 0.02], [100, 0], [1, 0]])
    const { rows, pairing } = await takeTurns(plan, us.next, limit.next)
    expect(us.taken()).toBe(4)
    expect(limit.taken()).toBe(4)
    expect(pairing).toMatchObject({ target: 'us', reference: 'limit', rounds: 4, calm: 3 })
    expect(pairing.ratios).toEqual([1, 0.9, 0.8])
    // The disturbed round's 50 req/s is not the median; errors count over every round.
    expect(rows[0]).toMatchObject({ target: 'us', rps: 90, errors: 4 })
    expect(rows[1]).toMatchObject({ target: 'limit', rps: 100, errors: 4 })
  })

  it('runs at most `most` rounds and keeps them all when too few were calm', async () => {
    const noisy = Array.from({ length: 6 }, (_, i): [number, number] => [100 + i, i === 0 ? 0 : 0.2])
    const us = playback('us', noisy)
    const limit = playback('limit', noisy.map(([rps, stolen]) => [rps * 2, stolen]))
    const { pairing } = await takeTurns(plan, us.next, limit.next)
    expect(us.taken()).toBe(6)
    expect(pairing).toMatchObject({ rounds: 6, calm: 1 })
    expect(pairing.ratios).toHaveLength(6)
  })

  it('leaves out the rounds in which the reference ran well below its best pace', async () => {
    // The reference's 70 req/s is under 0.85 of its best (100): a neighbour slowed the machine.
    const us = playback('us', [[60, 0], [50, 0], [90, 0], [80, 0]])
    const limit = playback('limit', [[100, 0], [70, 0], [100, 0], [90, 0]])
    const { rows, pairing } = await takeTurns(plan, us.next, limit.next)
    expect(pairing).toMatchObject({ rounds: 4, calm: 3 })
    expect(pairing.ratios.map((r) => r.toFixed(2))).toEqual(['0.60', '0.90', '0.89'])
    expect(rows[1]).toMatchObject({ rps: 100 })
  })

  it('counts turns of unknown steal as calm', async () => {
    const us = playback('us', [[1, Number.NaN], [2, Number.NaN], [3, Number.NaN]])
    const limit = playback('limit', [[2, Number.NaN], [2, Number.NaN], [2, Number.NaN]])
    const { pairing } = await takeTurns(plan, us.next, limit.next)
    expect(pairing).toMatchObject({ rounds: 3, calm: 3, ratios: [0.5, 1, 1.5] })
  })
})

describe('medianOf', () => {
  it('takes the lower middle of an even count', () => {
    expect(medianOf([4, 1, 3, 2], (v) => v)).toBe(2)
    expect(medianOf([5, 1, 3], (v) => v)).toBe(3)
    expect(medianOf([], (v: number) => v)).toBeUndefined()
  })
})

/** The report of a run of these rows and pairings, the rest empty. */
function reportOf(rows: Row[], pairings: Pairing[] = []): string {
  return formatReport({
    rows,
    pairings,
    shared: [],
    embedded: [],
    hot: [],
    medianBytes: 1200,
    pinned: true,
    connections: 8,
    seconds: 10,
    turns: { seconds: 4, calmSteal: 0.05, calmPace: 0.85, minCalm: 3, uncached: { rounds: 3, most: 6 }, warm: { rounds: 5, most: 10 } },
  })
}

describe('formatReport', () => {
  it('reads a ratio measured in turns as the median of its rounds, not of its rows', async () => {
    // Row medians would give 75 / 95 = 0.79; the rounds' own ratios have the median 0.87.
    const us = playback('us, warm cache', [[90, 0], [60, 0], [75, 0]])
    const limit = playback('serving limit (node:http)', [[95, 0], [100, 0], [86, 0]])
    const { rows, pairing } = await takeTurns(plan, us.next, limit.next)
    const report = reportOf(rows, [pairing])
    expect(report).toMatch(/\| us warm \/ serving limit \| 0\.87 \| – \| – \| ≥ 0\.8 \|/)
    expect(report).toContain('z14: 3 of 3 calm (0.95, 0.60, 0.87)')
  })

  it("splits a cache hit's CPU time into our answers' share and our process's", () => {
    const withCpu = (target: string, cpuUs: number): Row => ({ ...rowOf(target, 1000), cpuUs })
    const report = reportOf([withCpu('serving limit (node:http)', 24), withCpu(REPLAYED, 25), withCpu('us, warm cache', 30)])
    expect(report).toMatch(/\| serving limit \/ us warm, CPU time per request \| 0\.80 \|/)
    expect(report).toMatch(/\| of which: serving limit \/ our answers replayed \(their headers and sizes\) \| 0\.96 \|/)
    expect(report).toMatch(/\| of which: our answers replayed \/ us warm \(our process\) \| 0\.83 \|/)
  })
})
