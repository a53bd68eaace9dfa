import { describe, expect, it } from 'vitest'
import { parseCorners, placeGeometry } from './place-drawing.ts'

describe('placeGeometry', () => {
  it('makes a point of a point, and a closed ring of three or more corners', () => {
    expect(placeGeometry({ kind: 'point', at: [30.5, 50.4] })).toEqual({ type: 'Point', coordinates: [30.5, 50.4] })
    expect(placeGeometry({ kind: 'area', corners: [[30.5, 50.4], [30.51, 50.4], [30.51, 50.41]], closed: true })).toEqual({
      type: 'Polygon',
      coordinates: [[[30.5, 50.4], [30.51, 50.4], [30.51, 50.41], [30.5, 50.4]]],
    })
  })

  it('is null for no place, an open area and an area of fewer than three corners', () => {
    expect(placeGeometry({ kind: 'none' })).toBeNull()
    expect(placeGeometry({ kind: 'area', corners: [[30.5, 50.4], [30.51, 50.4], [30.51, 50.41]], closed: false })).toBeNull()
    expect(placeGeometry({ kind: 'area', corners: [[30.5, 50.4], [30.51, 50.4]], closed: true })).toBeNull()
  })
})

describe('parseCorners', () => {
  it('reads one "latitude, longitude" per line into lon/lat corners', () => {
    expect(parseCorners('50.45, 30.52\n50.46 30.52\n\n 50.46;30.53 ')).toEqual({ corners: [[30.52, 50.45], [30.52, 50.46], [30.53, 50.46]] })
  })

  it('names the first line it cannot read', () => {
    expect(parseCorners('50.45, 30.52\nсквер')).toEqual({ badLine: 2 })
    expect(parseCorners('95, 30')).toEqual({ badLine: 1 })
  })
})
