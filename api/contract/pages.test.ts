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
})
