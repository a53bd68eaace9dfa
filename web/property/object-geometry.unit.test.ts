import { describe, expect, it } from 'vitest'
import { boundsOf, placedFeatures } from './object-geometry.ts'

describe('objects on the map', () => {
  it('bounds points, lines and polygons together', () => {
    expect(
      boundsOf([
        { type: 'Point', coordinates: [30.5, 50.4] },
        { type: 'Polygon', coordinates: [[[30.4, 50.45], [30.6, 50.45], [30.6, 50.5], [30.4, 50.45]]] },
        null,
      ]),
    ).toEqual([30.4, 50.4, 30.6, 50.5])
    expect(boundsOf([null, undefined])).toBeUndefined()
  })

  it('draws only the objects with a place, coloured by status and known by id', () => {
    const drawn = placedFeatures({
      features: [
        { id: 7, geometry: { type: 'Point', coordinates: [30.5, 50.4] }, properties: { status: 'free', name: 'School' } },
        { id: 8, geometry: null, properties: { status: 'in_use', sensitive: true } },
      ],
    })
    expect(drawn).toEqual({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 7, geometry: { type: 'Point', coordinates: [30.5, 50.4] }, properties: { status: 'free' } }] })
  })
})
