import { featureFilter } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, it } from 'vitest'
import { activeAtExpression } from './layer-filter.ts'

/** Whether MapLibre's own filter evaluation keeps a feature with these properties. */
function keeps(seconds: number, properties: Record<string, unknown>): boolean {
  const filter = featureFilter(activeAtExpression(seconds), 'layers[0].filter')
  return filter.filter({ zoom: 12 }, { type: 3, properties, geometry: [] } as never)
}

describe('activeAtExpression', () => {
  const window = { starts: 1_000, ends: 2_000 }

  it('keeps works whose window holds the moment, its start included and its end not', () => {
    expect([999, 1_000, 1_500, 1_999, 2_000].map((s) => keeps(s, window))).toEqual([false, true, true, true, false])
  })

  it('leaves out a feature without a window', () => {
    expect(keeps(1_500, {})).toBe(false)
  })
})
