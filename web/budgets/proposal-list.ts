import { type BudgetProposal, PROPOSAL_STAGE_COLORS, type ProposalStatus } from './budget-api.ts'

/** The orders the list of proposals can be read in. */
export const PROPOSAL_SORTS = ['newest', 'cost-asc', 'cost-desc', 'votes', 'title'] as const
export type ProposalSort = (typeof PROPOSAL_SORTS)[number]

/** Which proposals the list shows, and in what order; an absent filter keeps every proposal. */
export interface ProposalListView {
  sort: ProposalSort
  district?: number | undefined
  status?: ProposalStatus | undefined
}

const byTime = (p: BudgetProposal) => Date.parse(p.submitted_at ?? p.created_at)

/**
 * The proposals of a district and a status, sorted as asked; ties keep the server's order.
 * Proposals without votes (results not yet published) come last when sorting by votes.
 */
export function listProposals(proposals: readonly BudgetProposal[], view: ProposalListView, locale: string): BudgetProposal[] {
  const collator = new Intl.Collator(locale)
  const compare: Record<ProposalSort, (a: BudgetProposal, b: BudgetProposal) => number> = {
    newest: (a, b) => byTime(b) - byTime(a),
    'cost-asc': (a, b) => a.cost - b.cost,
    'cost-desc': (a, b) => b.cost - a.cost,
    votes: (a, b) => (b.votes ?? -1) - (a.votes ?? -1),
    title: (a, b) => collator.compare(a.title, b.title),
  }
  return proposals
    .filter((p) => view.district === undefined || p.district?.id === view.district)
    .filter((p) => view.status === undefined || p.status === view.status)
    .sort(compare[view.sort])
}

/** How a proposal is coloured on the map and marked in the list: the count's outcome once there is one, else its review status. */
export type ProposalShade = 'won' | 'lost' | 'feasible' | 'not_feasible' | 'submitted' | 'draft' | 'withdrawn'

/** The shade of a proposal: `won` and `lost` after the count, otherwise the status of its review. */
export function proposalShade(p: Pick<BudgetProposal, 'status' | 'outcome'>): ProposalShade {
  if (p.outcome === 'won') return 'won'
  if (p.outcome === 'does-not-fit' || p.outcome === 'below-threshold') return 'lost'
  return p.status
}

/** The colour of each shade on the map, those of the public stages as the city's layer draws them; each is explained in the legend and the list. */
export const SHADE_COLOURS: Record<ProposalShade, string> = {
  won: PROPOSAL_STAGE_COLORS.won,
  lost: PROPOSAL_STAGE_COLORS['not-won'],
  feasible: PROPOSAL_STAGE_COLORS.feasible,
  not_feasible: PROPOSAL_STAGE_COLORS.not_feasible,
  submitted: PROPOSAL_STAGE_COLORS.submitted,
  // Only their authors see these, never on the city's layer.
  draft: '#7c3aed',
  withdrawn: '#9ca3af',
}
