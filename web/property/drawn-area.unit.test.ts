import { describe, expect, it } from 'vitest'
import { areaPolygon, parsePolygonText, polygonText } from './drawn-area.ts'

describe('a drawn search area', () => {
  it('closes the ring of three or more corners into a GeoJSON polygon', () => {
    expect(areaPolygon([[30.5, 50.4], [30.6, 50.4], [30.6, 50.5]])).toEqual({ type: 'Polygon', coordinates: [[[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.4]]] })
    expect(areaPolygon([[30.5, 50.4], [30.6, 50.4]])).toBeUndefined()
  })

  it('writes the polygon as short JSON text, to a centimetre or so, and reads it back', () => {
    const polygon = areaPolygon([[30.123456789, 50.4], [30.6, 50.4], [30.6, 50.5]])!
    const text = polygonText(polygon)
    expect(text).toBe('{"type":"Polygon","coordinates":[[[30.123457,50.4],[30.6,50.4],[30.6,50.5],[30.123457,50.4]]]}')
    expect(parsePolygonText(text)).toEqual({ type: 'Polygon', coordinates: [[[30.123457, 50.4], [30.6, 50.4], [30.6, 50.5], [30.123457, 50.4]]] })
  })

  it('refuses text that is not a closed polygon on the globe', () => {
    expect(parsePolygonText('{"type":"Polygon","coordinates":[[[30.5,50.4],[30.6,50.4],[30.5,50.4]]]}')).toBeUndefined()
    expect(parsePolygonText('{"type":"Polygon","coordinates":[[[30.5,50.4],[30.6,50.4],[30.6,50.5],[30.7,50.4]]]}')).toBeUndefined()
    expect(parsePolygonText('{"type":"Polygon","coordinates":[[[300,50.4],[30.6,50.4],[30.6,50.5],[300,50.4]]]}')).toBeUndefined()
    expect(parsePolygonText('{"type":"LineString","coordinates":[[30.5,50.4],[30.6,50.4]]}')).toBeUndefined()
    expect(parsePolygonText('{')).toBeUndefined()
  })
})
