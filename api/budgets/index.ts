/** Participatory budgets: the count of an edition's ballots, and the ballots published so anyone can recompute it. */
export { BALLOTS_CSV_HEADER, ballotsCsv, parseBallotsCsv, type StoredBallot } from './ballots-csv.ts'
export { type Ballot, type BudgetPot, type BudgetResults, computeResults, type Outcome, rankingOrder, type RankedProposal, type RankedResult, type ResultRules, tallyBallots } from './results.ts'
