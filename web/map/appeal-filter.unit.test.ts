import { describe, expect, it } from 'vitest'
import { appealFilterExpression } from './appeal-filter.ts'

describe('appealFilterExpression', () => {
  it('is absent for an empty filter, so the style keeps its clusters', () => {
    expect(appealFilterExpression(undefined)).toBeUndefined()
    expect(appealFilterExpression({ statuses: [] })).toBeUndefined()
  })

  it('matches single appeals by status, category and filing day, and hides clusters', () => {
    expect(appealFilterExpression({ statuses: ['new'], categories: ['pothole'], from: '2026-01-01', to: '2026-02-01' })).toEqual([
      'all',
      ['!', ['has', 'point_count']],
      ['in', ['get', 'status'], ['literal', ['new']]],
      ['in', ['get', 'category'], ['literal', ['pothole']]],
      ['>=', ['to-string', ['get', 'created']], '2026-01-01'],
      ['<=', ['to-string', ['get', 'created']], '2026-02-01'],
    ])
  })
})
