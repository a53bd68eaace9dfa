import { describe, expect, it } from 'vitest'
import { InvestmentListQuery } from '../../api/contract/index.ts'
import { INVESTMENT_VIEW, parseListView, searchQuery } from './list-view.ts'

describe('searchQuery', () => {
  it("keeps the page's filters, city included, and drops its selection, unit and language", () => {
    const view = parseListView('?city=kyiv&kind=land&area_min=10000&area_unit=ha&selected=3&lang=en', INVESTMENT_VIEW)
    const query = searchQuery(INVESTMENT_VIEW, view.filters)
    expect(query).toBe('city=kyiv&kind=land&area_min=10000')
    expect(InvestmentListQuery.safeParse(Object.fromEntries(new URLSearchParams(query))).success).toBe(true)
  })
})
