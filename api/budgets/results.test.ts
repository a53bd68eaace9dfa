import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ballotsCsv, parseBallotsCsv, type StoredBallot } from './ballots-csv.ts'
import { type Ballot, type BudgetPot, computeResults, rankingOrder, type RankedProposal, tallyBallots } from './results.ts'

/**
 * The reference: the winners of a pot are the one set W of feasible proposals at or above the
 * threshold such that each of them belongs to W exactly when it fits in the money that W's
 * members ranked above it leave. Found by trying every subset, it shares no code with the
 * engine's single pass.
 */
function referenceWinners(pot: BudgetPot, proposals: readonly RankedProposal[], votes: Map<string, number>, minVotes: number): string[] {
  const ranked = proposals
    .filter((p) => p.pot === pot.key)
    .map((p) => ({ ...p, votes: votes.get(p.id) ?? 0 }))
    .sort(rankingOrder)
  const eligible = ranked.filter((p) => p.feasible && p.votes >= minVotes)
  const found: string[][] = []
  for (let mask = 0; mask < 1 << eligible.length; mask++) {
    const chosen = eligible.filter((_, i) => mask & (1 << i))
    const consistent = eligible.every((p, i) => {
      const above = chosen.filter((q) => eligible.indexOf(q) < i).reduce((sum, q) => sum + q.cost, 0)
      const fits = p.cost <= pot.money - above
      return chosen.includes(p) === fits
    })
    if (consistent) found.push(chosen.map((p) => p.id))
  }
  expect(found, 'exactly one consistent set').toHaveLength(1)
  return found[0]!.sort()
}

/** Small random editions: up to 3 pots, 9 proposals, 40 ballots, costs that often tie. */
const editions = fc
  .record({
    pots: fc.uniqueArray(fc.constantFrom('city', 'north', 'south'), { minLength: 1, maxLength: 3 }).chain((keys) =>
      fc.tuple(...keys.map((key) => fc.record({ key: fc.constant(key), money: fc.integer({ min: 0, max: 1_000 }) }))),
    ),
    count: fc.integer({ min: 0, max: 9 }),
    minVotes: fc.integer({ min: 0, max: 4 }),
  })
  .chain(({ pots, count, minVotes }) =>
    fc.record({
      pots: fc.constant(pots as BudgetPot[]),
      minVotes: fc.constant(minVotes),
      proposals: fc.tuple(
        ...Array.from({ length: count }, (_, i) =>
          fc.record({
            id: fc.constant(String(i + 1)),
            pot: fc.constantFrom(...pots.map((p) => p.key)),
            cost: fc.integer({ min: 1, max: 10 }).map((n) => n * 50),
            feasible: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
          }),
        ),
      ),
      ballots: fc.array(fc.record({ proposals: fc.subarray(Array.from({ length: count }, (_, i) => String(i + 1))) }), { maxLength: 40 }),
    }),
  )

describe('the results of an edition', () => {
  it('equal the brute-force reference on thousands of random small editions', () => {
    fc.assert(
      fc.property(editions, ({ pots, proposals, ballots, minVotes }) => {
        const results = computeResults(pots, proposals, ballots, { minVotes })
        const votes = tallyBallots(ballots)
        for (const pot of pots) {
          const winners = results.winners.filter((w) => w.pot === pot.key).map((w) => w.id).sort()
          expect(winners).toEqual(referenceWinners(pot, proposals, votes, minVotes))
          const spent = results.winners.filter((w) => w.pot === pot.key).reduce((sum, w) => sum + w.cost, 0)
          expect(spent + results.unspent[pot.key]!).toBe(pot.money)
          expect(spent).toBeLessThanOrEqual(pot.money)
        }
      }),
      { numRuns: 3_000 },
    )
  })

  it('recompute exactly from the published anonymised ballots', () => {
    fc.assert(
      fc.property(editions, fc.array(fc.boolean(), { maxLength: 40 }), ({ pots, proposals, ballots, minVotes }, paper) => {
        const stored: StoredBallot[] = ballots.map((b, i) => ({ ...b, voter: `voter-${i}`, receipt: `R-${i}`, source: paper[i] ? 'paper' : 'online' }))
        const { csv, sha256 } = ballotsCsv(stored)
        expect(sha256).toMatch(/^[0-9a-f]{64}$/)
        expect(csv).not.toMatch(/voter-|R-\d/)
        const again = computeResults(pots, proposals, parseBallotsCsv(csv), { minVotes })
        expect(again).toEqual(computeResults(pots, proposals, ballots, { minVotes }))
      }),
      { numRuns: 500 },
    )
  })

  it('skip what no longer fits and go on down the list, as CONSUL and Ukrainian cities count', () => {
    const proposals: RankedProposal[] = [
      { id: '1', pot: 'city', cost: 600, feasible: true },
      { id: '2', pot: 'city', cost: 500, feasible: true },
      { id: '3', pot: 'city', cost: 300, feasible: true },
      { id: '4', pot: 'city', cost: 100, feasible: false },
    ]
    const ballots: Ballot[] = [{ proposals: ['1', '2', '3', '4'] }, { proposals: ['1', '2', '4'] }, { proposals: ['1', '4'] }, { proposals: ['4'] }]
    const results = computeResults([{ key: 'city', money: 1_000 }], proposals, ballots, { minVotes: 0 })
    expect(results.ranking.map((r) => [r.id, r.votes, r.outcome, r.remaining])).toEqual([
      ['4', 4, 'not-feasible', 1_000],
      ['1', 3, 'won', 400],
      ['2', 2, 'does-not-fit', 400],
      ['3', 1, 'won', 100],
    ])
    expect(results.unspent).toEqual({ city: 100 })
  })

  it('break ties by the cheaper proposal, then by the one submitted first, and hold the threshold', () => {
    const proposals: RankedProposal[] = [
      { id: '10', pot: 'city', cost: 400, feasible: true },
      { id: '9', pot: 'city', cost: 400, feasible: true },
      { id: '11', pot: 'city', cost: 300, feasible: true },
      { id: '12', pot: 'city', cost: 100, feasible: true },
    ]
    const ballots: Ballot[] = [{ proposals: ['9', '10', '11', '12'] }, { proposals: ['9', '10', '11'] }]
    const results = computeResults([{ key: 'city', money: 700 }], proposals, ballots, { minVotes: 2 })
    expect(results.ranking.map((r) => [r.id, r.outcome])).toEqual([
      ['11', 'won'],
      ['9', 'won'],
      ['10', 'does-not-fit'],
      ['12', 'below-threshold'],
    ])
  })

  it('count a proposal named twice on one ballot once, and refuse a proposal of a pot the edition lacks', () => {
    expect(tallyBallots([{ proposals: ['1', '1', '2'] }])).toEqual(new Map([['1', 1], ['2', 1]]))
    expect(() => computeResults([{ key: 'city', money: 10 }], [{ id: '1', pot: 'north', cost: 1, feasible: true }], [], { minVotes: 0 })).toThrow(/pot north/)
  })

  it('publish ballots that cannot be joined to voters and refuse a file that is not a ballots file', () => {
    const stored: StoredBallot[] = [{ voter: 'user:42', receipt: 'BUD-7Q2K', source: 'online', proposals: ['3', '1'] }]
    const first = ballotsCsv(stored)
    const second = ballotsCsv(stored)
    // A random id per publication: the same ballot gets another in each file.
    expect(first.csv.split('\n')[1]!.split(',')[0]).not.toBe(second.csv.split('\n')[1]!.split(',')[0])
    expect(first.csv).not.toContain('user:42')
    expect(first.csv).not.toContain('BUD-7Q2K')
    expect(() => ballotsCsv([{ ...stored[0]!, proposals: ['1,2'] }])).toThrow(/not a proposal id/)
    expect(() => parseBallotsCsv('voter,proposal\nx,1\n')).toThrow(/not a ballots file/)
    expect(() => parseBallotsCsv(`${first.csv}oops\n`)).toThrow(/line 4 is not a ballot row/)
  })
})
