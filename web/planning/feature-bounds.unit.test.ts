import { describe, expect, it } from 'vitest'
import { featureBounds } from './feature-bounds.ts'

describe('featureBounds', () => {
  it('spans every position of points, lines and polygons with holes', () => {
    const bounds = featureBounds({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [28.65, 50.25] } },
        { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[28.66, 50.24], [28.7, 50.26]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[[[28.6, 50.3], [28.61, 50.3], [28.61, 50.31], [28.6, 50.3]]]] } },
      ],
    })
    expect(bounds).toEqual([28.6, 50.24, 28.7, 50.31])
  })

  it('is null for a collection without positions', () => {
    expect(featureBounds({ type: 'FeatureCollection', features: [] })).toBeNull()
  })
})
