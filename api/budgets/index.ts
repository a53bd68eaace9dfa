/** Participatory budgets: editions, proposals placed on the map, ballots, the count anyone can recompute, and the winners' construction. */
export { BALLOTS_CSV_HEADER, ballotsCsv, parseBallotsCsv, type StoredBallot } from './ballots-csv.ts'
export { proposalsLayerDefinition } from './budget-layer.ts'
export { budgetRoutes } from './budget.routes.ts'
export { type Ballot, type BudgetPot, type BudgetResults, computeResults, type Outcome, rankingOrder, type RankedProposal, type RankedResult, type ResultRules, tallyBallots, TIE_RULE } from './results.ts'
