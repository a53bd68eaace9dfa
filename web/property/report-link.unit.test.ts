import { describe, expect, it } from 'vitest'
import { parseMapUrl } from '../url-state/index.ts'
import { reportAboutHref } from './report-link.ts'

describe('the link that reports a problem with an object', () => {
  it('opens the map on the object, its feature selected, with the report flow asked for', () => {
    const href = reportAboutHref('marhanets', { layer: 'marhanets-property', id: 42 }, { type: 'Polygon', coordinates: [[[34.6, 47.6], [34.62, 47.6], [34.62, 47.62], [34.6, 47.6]]] }, 'en')
    expect(href).toBe('/?city=marhanets&map=17.00/47.61000/34.61000&layers=marhanets-property&feature=marhanets-property/42&lang=en#report')
    const url = new URL(href, 'http://localhost')
    expect(url.hash).toBe('#report')
    expect(parseMapUrl(url.search)).toEqual({
      city: 'marhanets',
      camera: { zoom: 17, lat: 47.61, lon: 34.61 },
      layers: ['marhanets-property'],
      feature: { layerId: 'marhanets-property', featureId: 42 },
      lang: 'en',
      appealFilter: undefined,
      appealView: undefined,
      edition: undefined,
    })
  })

  it('leaves the camera to the city when the object’s place is withheld, and Ukrainian out of the query', () => {
    expect(reportAboutHref('kyiv', { layer: 'kyiv-property', id: 7 }, null, 'uk')).toBe('/?city=kyiv&layers=kyiv-property&feature=kyiv-property/7#report')
  })
})
