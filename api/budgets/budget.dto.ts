import type { BudgetEdition, BudgetProposal, BudgetResults } from '../contract/index.ts'
import type { EditionRow } from './edition.queries.ts'
import { writes } from './authorship.ts'
import type { ProposalRow } from './proposal.queries.ts'
import type { ResultRow } from './results.queries.ts'
import { TIE_RULE } from './results.ts'

/** The id of a city's proposals layer. */
export function proposalsLayerId(cityId: string): string {
  return `${cityId}-budget-proposals`
}

/** An edition as the API shows it. */
export function toEdition(row: EditionRow): BudgetEdition {
  const districts = new Map<number, { id: number; name: string; money: number }>()
  for (const pot of row.pots) {
    if (pot.district_id === null) continue
    const d = districts.get(pot.district_id) ?? { id: pot.district_id, name: pot.district_name ?? '', money: 0 }
    d.money += pot.money
    districts.set(pot.district_id, d)
  }
  return {
    id: row.id,
    city: row.city_id,
    year: row.year,
    title: row.title,
    description: row.description,
    total: row.total,
    rules: {
      voting: row.voting,
      votes_per_voter: row.votes_per_voter,
      min_cost: row.min_cost,
      max_cost: row.max_cost,
      verified_only: row.verified_only,
      min_age: row.min_age,
      residence_declaration: row.residence_declaration,
      min_votes: row.min_votes,
    },
    phases: row.phases,
    phase: row.phase,
    pots: row.pots.map((p) => ({
      key: p.key,
      district: p.district_id === null ? null : { id: p.district_id, name: p.district_name ?? '' },
      size_class: p.size_class,
      money: p.money,
      max_cost: p.max_cost,
    })),
    districts: [...districts.values()],
    proposals: { submitted: row.submitted, feasible: row.feasible, winners: row.winners },
    results_published: row.results_computed_at !== null,
    past: row.past,
    synthetic: row.synthetic,
    layer: proposalsLayerId(row.city_id),
    created_at: row.created_at.toISOString(),
  }
}

/** A proposal as the API shows it: never its author, only whether it is the reader's own. */
export function toProposal(row: ProposalRow, readerId: number | null, baseUrl: string): BudgetProposal {
  const base = `${baseUrl}/api/budgets/${row.edition_id}/proposals/${row.id}`
  return {
    id: String(row.id),
    edition: row.edition_id,
    title: row.title,
    description: row.description,
    category: row.category,
    geometry: row.geometry,
    district: row.district_id === null ? null : { id: row.district_id, name: row.district_name ?? '' },
    pot: row.pot,
    size_class: row.size_class,
    cost: row.cost,
    cost_items: row.cost_items,
    status: row.status,
    review:
      row.reviewed_at === null
        ? null
        : { feasible: row.status === 'feasible', reason: row.review_reason ?? '', cost_note: row.cost_note ?? '', original_cost: row.original_cost, reviewed_at: row.reviewed_at.toISOString() },
    precheck: row.precheck,
    votes: row.votes,
    outcome: row.outcome,
    implementation: row.implementation,
    photos: row.photos.map((p) => ({ ...p, url: `${base}/photos/${p.id}`, thumb: `${base}/photos/${p.id}?size=thumb` })),
    documents: row.documents.map((d) => ({ ...d, url: `${base}/documents/${d.id}` })),
    co_authors: row.coauthor_ids.length,
    mine: writes(row, readerId),
    following: row.following,
    synthetic: row.synthetic,
    submitted_at: row.submitted_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  }
}

/** The published results. */
export function toResults(editionId: number, lines: readonly ResultRow[], computedAt: Date, ballots: { online: number; paper: number }, unspent: Record<string, number>, baseUrl: string, sha256: string | null): BudgetResults {
  const ranking = lines.map((l) => ({
    id: l.id,
    title: l.title,
    votes: l.votes,
    online_votes: l.online_votes,
    paper_votes: l.paper_votes,
    cost: l.cost,
    district: l.district_id === null ? null : { id: l.district_id, name: l.district_name ?? '' },
    pot: l.pot,
    rank: l.rank,
    outcome: l.outcome,
    won: l.won,
    override: l.override_reason === null ? null : { won: l.won, reason: l.override_reason },
  }))
  return {
    edition: editionId,
    winners: ranking.filter((r) => r.won),
    ranking,
    unspent,
    ballots,
    ballots_csv: sha256 === null ? null : `${baseUrl}/api/budgets/${editionId}/ballots.csv`,
    sha256,
    tie_rule: TIE_RULE,
    computed_at: computedAt.toISOString(),
  }
}
