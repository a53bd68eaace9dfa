import { describe, expect, it } from 'vitest'
import type { BudgetProposal } from './budget-api.ts'
import { listProposals, proposalShade } from './proposal-list.ts'

const base: BudgetProposal = {
  id: '1',
  edition: 1,
  title: 'Сквер',
  description: '',
  category: 'public-space',
  geometry: { type: 'Point', coordinates: [30.5, 50.45] },
  district: { id: 3, name: 'Подільський' },
  pot: 'd3',
  size_class: null,
  cost: 100_000,
  cost_items: [{ name: 'Лавки', amount: 100_000 }],
  status: 'feasible',
  review: null,
  precheck: null,
  votes: null,
  outcome: null,
  implementation: null,
  photos: [],
  documents: [],
  co_authors: 0,
  mine: false,
  following: false,
  synthetic: false,
  submitted_at: '2026-03-01T10:00:00.000Z',
  created_at: '2026-03-01T10:00:00.000Z',
}
const proposal = (patch: Partial<BudgetProposal>): BudgetProposal => ({ ...base, ...patch })

describe('listProposals', () => {
  const all = [
    proposal({ id: '1', title: 'Сквер', cost: 300, votes: 5, district: { id: 3, name: 'Подільський' }, submitted_at: '2026-03-01T10:00:00.000Z' }),
    proposal({ id: '2', title: 'Бібліотека', cost: 100, votes: 9, status: 'not_feasible', district: { id: 4, name: 'Оболонський' }, submitted_at: '2026-03-03T10:00:00.000Z' }),
    proposal({ id: '3', title: 'Алея', cost: 200, votes: null, district: null, submitted_at: '2026-03-02T10:00:00.000Z' }),
  ]

  it('sorts by cost, votes, title or newest first', () => {
    expect(listProposals(all, { sort: 'cost-asc' }, 'uk').map((p) => p.id)).toEqual(['2', '3', '1'])
    expect(listProposals(all, { sort: 'cost-desc' }, 'uk').map((p) => p.id)).toEqual(['1', '3', '2'])
    expect(listProposals(all, { sort: 'votes' }, 'uk').map((p) => p.id)).toEqual(['2', '1', '3'])
    expect(listProposals(all, { sort: 'title' }, 'uk').map((p) => p.id)).toEqual(['3', '2', '1'])
    expect(listProposals(all, { sort: 'newest' }, 'uk').map((p) => p.id)).toEqual(['2', '3', '1'])
  })

  it('keeps the district and the status asked for, and every one when none is', () => {
    expect(listProposals(all, { sort: 'newest', district: 3 }, 'uk').map((p) => p.id)).toEqual(['1'])
    expect(listProposals(all, { sort: 'newest', status: 'not_feasible' }, 'uk').map((p) => p.id)).toEqual(['2'])
    expect(listProposals(all, { sort: 'newest' }, 'uk')).toHaveLength(3)
  })
})

describe('proposalShade', () => {
  it('tells winners and the count’s other outcomes apart from the review’s statuses', () => {
    expect(proposalShade(proposal({ outcome: 'won' }))).toBe('won')
    expect(proposalShade(proposal({ outcome: 'does-not-fit' }))).toBe('lost')
    expect(proposalShade(proposal({ outcome: 'below-threshold' }))).toBe('lost')
    expect(proposalShade(proposal({ status: 'feasible' }))).toBe('feasible')
    expect(proposalShade(proposal({ status: 'submitted' }))).toBe('submitted')
    expect(proposalShade(proposal({ status: 'not_feasible', outcome: 'not-feasible' }))).toBe('not_feasible')
    expect(proposalShade(proposal({ status: 'draft' }))).toBe('draft')
  })
})
