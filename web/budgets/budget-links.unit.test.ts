import { describe, expect, it } from 'vitest'
import { budgetsHref, proposalHref, proposeHref, prozorroHref } from './budget-links.ts'

describe('budget links', () => {
  it('keep Ukrainian out of the query and name the city and the edition', () => {
    expect(budgetsHref('uk', 'kyiv')).toBe('/budgets?city=kyiv')
    expect(budgetsHref('en', 'kyiv', 7)).toBe('/budgets?city=kyiv&edition=7&lang=en')
    expect(budgetsHref('uk')).toBe('/budgets')
    expect(proposalHref(7, '42', 'uk')).toBe('/budgets/7/proposals/42')
    expect(proposalHref(7, '42', 'en')).toBe('/budgets/7/proposals/42?lang=en')
    expect(proposeHref(7, 'en')).toBe('/budgets/7/propose?lang=en')
  })

  it('links a tender to its page on Prozorro', () => {
    expect(prozorroHref('UA-2026-03-12-000123-a')).toBe('https://prozorro.gov.ua/tender/UA-2026-03-12-000123-a')
  })
})
