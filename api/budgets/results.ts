/**
 * The results of a participatory-budget edition: a pure function from the edition's rules, its
 * money and its ballots to the winners, so that anyone holding the published ballots can
 * recompute them (docs/budget-results.md). No clock, no database, no randomness.
 */

/** A pot of money: the whole city, a district, or a district's class of projects (small, large). */
export interface BudgetPot {
  /** `city`, a district id, or `district:class`: whatever key the proposals name. */
  key: string
  money: number
}

/** A proposal on the ballot, after review. */
export interface RankedProposal {
  id: string
  pot: string
  /** The cost after review, in hryvnias (whole numbers, as budgets are kept). */
  cost: number
  feasible: boolean
}

/** One voter's ballot: the proposals they chose. Paper ballots count as electronic ones do. */
export interface Ballot {
  proposals: readonly string[]
}

/** The rules the count follows. */
export interface ResultRules {
  /** A proposal with fewer votes does not win, whatever money is left; 0 for no threshold. */
  minVotes: number
}

/** Why a proposal did or did not win. */
export type Outcome = 'won' | 'does-not-fit' | 'below-threshold' | 'not-feasible'

/** A proposal's place in its pot's ranking. */
export interface RankedResult {
  id: string
  pot: string
  votes: number
  cost: number
  /** 1 for the most voted in the pot. */
  rank: number
  outcome: Outcome
  /** The pot's money left after this proposal was considered. */
  remaining: number
}

/** The count: every proposal's result in ranking order, pot by pot, and the winners. */
export interface BudgetResults {
  ranking: RankedResult[]
  winners: RankedResult[]
  /** Money each pot did not spend. */
  unspent: Record<string, number>
}

/** Votes per proposal: each ballot gives each proposal it names one vote (a name twice counts once). */
export function tallyBallots(ballots: Iterable<Ballot>): Map<string, number> {
  const votes = new Map<string, number>()
  for (const ballot of ballots) {
    for (const id of new Set(ballot.proposals)) votes.set(id, (votes.get(id) ?? 0) + 1)
  }
  return votes
}

/** The tie rule as the results publish it, in the words of {@link rankingOrder}. */
export const TIE_RULE = {
  uk: 'Більше голосів — вище; за рівних голосів вище дешевший проєкт; за рівної вартості — поданий раніше (менший номер).',
  en: 'More votes first; on equal votes the cheaper proposal first; on equal cost the one submitted first (the lower id).',
} as const

/**
 * The published tie rule: more votes first; on equal votes the cheaper proposal first (more
 * projects for the money); on equal cost the proposal submitted first (lower id, compared as
 * numbers when both are numeric, else as text).
 */
export function rankingOrder(a: { votes: number; cost: number; id: string }, b: { votes: number; cost: number; id: string }): number {
  if (a.votes !== b.votes) return b.votes - a.votes
  if (a.cost !== b.cost) return a.cost - b.cost
  const [x, y] = [Number(a.id), Number(b.id)]
  if (Number.isSafeInteger(x) && Number.isSafeInteger(y) && String(x) === a.id && String(y) === b.id) return x - y
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The greedy rule of CONSUL and of Ukrainian cities: in each pot, proposals in ranking order win
 * while the money lasts; one that no longer fits is skipped and the list goes on, so a cheaper
 * one further down may still win. Proposals found not feasible, and those under the threshold,
 * never win. A proposal naming a pot that does not exist is an error, not a silent loss.
 */
export function computeResults(pots: readonly BudgetPot[], proposals: readonly RankedProposal[], ballots: Iterable<Ballot>, rules: ResultRules): BudgetResults {
  const money = new Map(pots.map((p) => [p.key, p.money]))
  const votes = tallyBallots(ballots)
  const ranking: RankedResult[] = []
  const unspent: Record<string, number> = {}
  for (const pot of pots) {
    let remaining = pot.money
    const inPot = proposals
      .filter((p) => p.pot === pot.key)
      .map((p) => ({ ...p, votes: votes.get(p.id) ?? 0 }))
      .sort(rankingOrder)
    inPot.forEach((p, i) => {
      let outcome: Outcome
      if (!p.feasible) outcome = 'not-feasible'
      else if (p.votes < rules.minVotes) outcome = 'below-threshold'
      else if (p.cost <= remaining) {
        outcome = 'won'
        remaining -= p.cost
      } else outcome = 'does-not-fit'
      ranking.push({ id: p.id, pot: p.pot, votes: p.votes, cost: p.cost, rank: i + 1, outcome, remaining })
    })
    unspent[pot.key] = remaining
  }
  const unknown = proposals.find((p) => !money.has(p.pot))
  if (unknown) throw new Error(`The proposal ${unknown.id} names the pot ${unknown.pot}, which the edition does not have`)
  return { ranking, winners: ranking.filter((r) => r.outcome === 'won'), unspent }
}
