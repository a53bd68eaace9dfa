import { describe, expect, it } from 'vitest'
import { featurePoint } from './feature-point.ts'

describe('the point a report about a feature is filed at', () => {
  it('is the point itself for a point feature', () => {
    expect(featurePoint({ type: 'Point', coordinates: [34.61, 47.64] })).toEqual({ lon: 34.61, lat: 47.64 })
  })

  it('is the middle of the outer ring’s box for an area, and of the line’s for a line', () => {
    expect(featurePoint({ type: 'Polygon', coordinates: [[[30, 50], [30.2, 50], [30.2, 50.1], [30, 50.1], [30, 50]]] })).toEqual({ lon: 30.1, lat: 50.05 })
    expect(featurePoint({ type: 'MultiPolygon', coordinates: [[[[30, 50], [30.2, 50], [30.2, 50.2], [30, 50]]], [[[31, 51], [31.1, 51], [31.1, 51.1], [31, 51]]]] })).toEqual({ lon: 30.1, lat: 50.1 })
    expect(featurePoint({ type: 'LineString', coordinates: [[30, 50], [30.4, 50.2]] })).toEqual({ lon: 30.2, lat: 50.1 })
  })

  it('is unknown without a geometry', () => {
    expect(featurePoint(null)).toBeUndefined()
    expect(featurePoint({ type: 'GeometryCollection', geometries: [] })).toBeUndefined()
  })
})
