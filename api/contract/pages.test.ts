import { describe, expect, it } from 'vitest'
import { routeOf } from './pages.ts'

describe('routeOf', () => {
  it('tells the map, an appeal page and a tracking page apart', () => {
    expect(routeOf('/')).toEqual({ page: 'map' })
    expect(routeOf('/appeals/KYIV-2026-000123')).toEqual({ page: 'appeal', number: 'KYIV-2026-000123' })
    const token = 'a'.repeat(43)
    expect(routeOf(`/appeals/track/${token}`)).toEqual({ page: 'tracking', token })
  })

  it('does not find a malformed number, a short token or another path', () => {
    expect(routeOf('/appeals/123')).toEqual({ page: 'not-found' })
    expect(routeOf('/appeals/track/short')).toEqual({ page: 'not-found' })
    expect(routeOf('/admin')).toEqual({ page: 'not-found' })
  })

  it('finds the Planning section, a consultation, the planner\'s cabinet and a layer in it', () => {
    expect(routeOf('/planning')).toEqual({ page: 'planning' })
    expect(routeOf('/planning/cabinet/')).toEqual({ page: 'planning-cabinet' })
    expect(routeOf('/planning/cabinet/layers/kyiv-zoning-plan')).toEqual({ page: 'planning-layer', layerId: 'kyiv-zoning-plan' })
    expect(routeOf('/planning/cabinet/layers/Not_A_Slug')).toEqual({ page: 'not-found' })
    expect(routeOf('/planning/other')).toEqual({ page: 'not-found' })
    expect(routeOf('/planning/consultations/12')).toEqual({ page: 'planning-consultation', id: 12 })
    expect(routeOf('/budgets')).toEqual({ page: 'budgets' })
    expect(routeOf('/budgets/')).toEqual({ page: 'budgets' })
    expect(routeOf('/budgets/12/proposals/345')).toEqual({ page: 'budget-proposal', edition: 12, proposal: 345 })
    expect(routeOf('/budgets/12/propose/')).toEqual({ page: 'budget-propose', edition: 12 })
    for (const bad of ['/budgets/abc/propose', '/budgets/0/proposals/1', '/budgets/12/proposals/1/extra', '/budgets/12/proposals/1e3', '/budgets/12']) {
      expect(routeOf(bad), bad).toEqual({ page: 'not-found' })
    }
    expect(routeOf('/property')).toEqual({ page: 'property' })
    expect(routeOf('/property/42/')).toEqual({ page: 'property-object', id: 42 })
    expect(routeOf('/investment')).toEqual({ page: 'investment' })
    expect(routeOf('/investment/7')).toEqual({ page: 'investment-object', id: 7 })
    expect(routeOf('/works')).toEqual({ page: 'works' })
    expect(routeOf('/works/12')).toEqual({ page: 'work', id: 12 })
    for (const bad of ['/property/0', '/property/abc', '/investment/1/extra', '/investment/-3', '/property/1e3', '/works/x']) {
      expect(routeOf(bad), bad).toEqual({ page: 'not-found' })
    }
    for (const bad of ['/planning/consultations/0', '/planning/consultations/1e3', '/planning/consultations/99999999999999999', '/planning/consultations/-1']) {
      expect(routeOf(bad)).toEqual({ page: 'not-found' })
    }
  })
})
