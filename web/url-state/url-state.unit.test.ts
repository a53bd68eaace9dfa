import { describe, expect, it } from 'vitest'
import { formatMapUrl, parseMapUrl } from './url-state.ts'

describe('parseMapUrl', () => {
  it('reads city, camera, layers, feature and language', () => {
    expect(
      parseMapUrl('?city=kyiv&map=12.50/50.45010/30.52340&layers=kyiv-land-parcels,kyiv-metro-stations&feature=kyiv-land-parcels/1234&lang=en'),
    ).toEqual({
      city: 'kyiv',
      camera: { zoom: 12.5, lat: 50.4501, lon: 30.5234 },
      layers: ['kyiv-land-parcels', 'kyiv-metro-stations'],
      feature: { layerId: 'kyiv-land-parcels', featureId: 1234 },
      lang: 'en',
    })
  })

  it('returns an empty state for an empty query', () => {
    expect(parseMapUrl('')).toEqual({
      city: undefined,
      camera: undefined,
      layers: undefined,
      feature: undefined,
      lang: undefined,
    })
  })

  it('tells an empty layer list (none shown) from an absent one (the defaults)', () => {
    expect(parseMapUrl('?layers=').layers).toEqual([])
    expect(parseMapUrl('?city=kyiv').layers).toBeUndefined()
  })

  it('drops a malformed parameter and keeps the others', () => {
    const state = parseMapUrl('?city=kyiv&map=12/95/30&feature=nolayer&lang=fr&layers=Bad Id')
    expect(state).toEqual({ city: 'kyiv', camera: undefined, layers: undefined, feature: undefined, lang: undefined })
  })

  it('reads the budget edition a page shows, and drops one that is not an id', () => {
    expect(parseMapUrl('?city=kyiv&edition=12').edition).toBe(12)
    expect(parseMapUrl('?edition=0').edition).toBeUndefined()
    expect(formatMapUrl({ city: 'kyiv', edition: 12, lang: 'en' })).toBe('?city=kyiv&edition=12&lang=en')
  })

  it('keeps a non-numeric feature id as a string', () => {
    expect(parseMapUrl('?feature=kyiv-appeals/KYIV-2026-7').feature).toEqual({
      layerId: 'kyiv-appeals',
      featureId: 'KYIV-2026-7',
    })
  })
})

describe('formatMapUrl', () => {
  it('writes a state that parses back to itself', () => {
    const state = {
      city: 'kharkiv',
      camera: { zoom: 14.25, lat: 49.99351, lon: 36.23041 },
      layers: ['kharkiv-buildings'],
      feature: { layerId: 'kharkiv-buildings', featureId: 77 },
      lang: 'en' as const,
    }
    expect(parseMapUrl(formatMapUrl(state))).toEqual(state)
  })

  it('leaves out Ukrainian, the default language, and unset fields', () => {
    expect(formatMapUrl({ city: 'kyiv', lang: 'uk' })).toBe('?city=kyiv')
    expect(formatMapUrl({})).toBe('')
  })
})

describe('appeal filters in the URL', () => {
  it('reads the statuses, category, dates and view of the appeals layer', () => {
    const state = parseMapUrl('?appeal-status=new,resolved&appeal-category=pothole&appeal-from=2026-01-01&appeal-to=2026-03-31&appeal-view=hexagons')
    expect(state.appealFilter).toEqual({ statuses: ['new', 'resolved'], categories: ['pothole'], from: '2026-01-01', to: '2026-03-31' })
    expect(state.appealView).toBe('hexagons')
  })

  it('drops an unknown status or a malformed date and keeps no empty filter', () => {
    expect(parseMapUrl('?appeal-status=new,lost&appeal-from=2026-13-01').appealFilter).toBeUndefined()
  })

  it('writes a filter back as it was read, and leaves the points view out', () => {
    const query = '?appeal-status=new,resolved&appeal-category=pothole&appeal-from=2026-01-01&appeal-to=2026-03-31'
    expect(formatMapUrl({ ...parseMapUrl(query), appealView: 'points' })).toBe(query)
  })
})

describe('a place found by the search in the URL', () => {
  it('reads the pinned point, its label, the layer to show and the query', () => {
    const state = parseMapUrl('?city=kyiv&pin=50.44720,30.52150&pin-label=%D0%B2%D1%83%D0%BB.%20%D0%A5%D1%80%D0%B5%D1%89%D0%B0%D1%82%D0%B8%D0%BA%2C%2022&show=kyiv-alcohol-licences&q=%D0%A5%D1%80%D0%B5%D1%89%D0%B0%D1%82%D0%B8%D0%BA')
    expect(state.pin).toEqual({ lat: 50.4472, lon: 30.5215, label: 'вул. Хрещатик, 22' })
    expect(state.show).toBe('kyiv-alcohol-licences')
    expect(state.query).toBe('Хрещатик')
  })

  it('keeps a pin without a label, and drops a pin off the globe or a label without a pin', () => {
    expect(parseMapUrl('?pin=50.4472,30.5215').pin).toEqual({ lat: 50.4472, lon: 30.5215 })
    expect(parseMapUrl('?pin=95,30.5215&pin-label=X').pin).toBeUndefined()
    expect(parseMapUrl('?pin=50.4472&pin-label=X').pin).toBeUndefined()
    expect(parseMapUrl('?pin-label=X').pin).toBeUndefined()
  })

  it('drops a layer to show that is not a layer id', () => {
    expect(parseMapUrl('?show=Not A Layer').show).toBeUndefined()
  })

  it('writes the pin, its label, the layer and the query so that they read back the same', () => {
    const state = {
      city: 'kyiv',
      camera: { zoom: 17, lat: 50.4472, lon: 30.5215 },
      pin: { lat: 50.4472, lon: 30.5215, label: 'вул. Хрещатик, 22 & 24' },
      show: 'kyiv-alcohol-licences',
      query: 'Хрещатик 22',
    }
    const search = formatMapUrl(state)
    expect(search).toBe(
      '?city=kyiv&map=17.00/50.44720/30.52150&pin=50.44720,30.52150&pin-label=%D0%B2%D1%83%D0%BB.%20%D0%A5%D1%80%D0%B5%D1%89%D0%B0%D1%82%D0%B8%D0%BA%2C%2022%20%26%2024&show=kyiv-alcohol-licences&q=%D0%A5%D1%80%D0%B5%D1%89%D0%B0%D1%82%D0%B8%D0%BA%2022',
    )
    expect(parseMapUrl(search)).toEqual(state)
  })

  it('leaves out an empty query', () => {
    expect(formatMapUrl({ city: 'kyiv', query: '' })).toBe('?city=kyiv')
  })
})
