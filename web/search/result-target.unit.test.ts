import { describe, expect, it } from 'vitest'
import { formatMapUrl, parseMapUrl } from '../url-state/index.ts'
import { cameraForBbox, resultHref, searchPageHref } from './result-target.ts'
import { type SearchResult, searchUrl } from './search-request.ts'

const DESK = { width: 1280, height: 800 }
const KYIV = { cityId: 'kyiv', language: 'uk' as const, viewport: DESK }

/** A camera as the URL keeps it: rounded. */
const inUrl = (camera: ReturnType<typeof cameraForBbox>) => parseMapUrl(formatMapUrl({ camera })).camera

/** The path and the map state of an app link. */
function opened(href: string) {
  const url = new URL(href, 'http://localhost')
  return { path: url.pathname, state: parseMapUrl(url.search) }
}

describe('resultHref', () => {
  it('opens the page of a result that has one, in the language shown', () => {
    const appeal: SearchResult = { kind: 'appeal', title: 'KYIV-2026-000123', number: 'KYIV-2026-000123', url: '/appeals/KYIV-2026-000123', point: [30.52, 50.45], score: 1 }
    expect(resultHref(appeal, KYIV)).toBe('/appeals/KYIV-2026-000123')
    expect(resultHref(appeal, { ...KYIV, language: 'en' })).toBe('/appeals/KYIV-2026-000123?lang=en')
    const project: SearchResult = { kind: 'budget_project', title: 'Сквер', url: '/budgets/3/proposals/7?city=kyiv', score: 0.8 }
    expect(resultHref(project, { ...KYIV, language: 'en' })).toBe('/budgets/3/proposals/7?city=kyiv&lang=en')
  })

  it('centres the map on an address at a single building, with a pin named by the address and no selection', () => {
    const address: SearchResult = { kind: 'address', title: 'вул. Хрещатик, 22', layer: 'kyiv-alcohol-licences', feature_id: 41, point: [30.5215, 50.4472], score: 0.9 }
    expect(opened(resultHref(address, KYIV))).toEqual({
      path: '/',
      state: {
        city: 'kyiv',
        camera: { zoom: 17, lat: 50.4472, lon: 30.5215 },
        pin: { lat: 50.4472, lon: 30.5215, label: 'вул. Хрещатик, 22' },
        layers: undefined,
        feature: undefined,
        lang: undefined,
        appealFilter: undefined,
        appealView: undefined,
        edition: undefined,
        show: undefined,
        query: undefined,
      },
    })
  })

  it('selects an object of a layer and draws its layer, at its point or fitted to its box', () => {
    const shop: SearchResult = { kind: 'feature', title: 'Аптека', layer: 'kyiv-pharmacies', feature_id: 12, point: [30.5, 50.4], score: 0.7 }
    const { state } = opened(resultHref(shop, { ...KYIV, language: 'en' }))
    expect(state).toMatchObject({ city: 'kyiv', camera: { zoom: 17, lat: 50.4, lon: 30.5 }, feature: { layerId: 'kyiv-pharmacies', featureId: 12 }, show: 'kyiv-pharmacies', lang: 'en', pin: { lat: 50.4, lon: 30.5, label: 'Аптека' } })
    const parcel: SearchResult = { kind: 'parcel', title: '8000000000:82:123:0045', layer: 'kyiv-land-parcels', feature_id: 9, bbox: [30.51, 50.44, 30.52, 50.45], score: 1 }
    const fitted = opened(resultHref(parcel, KYIV)).state
    expect(fitted.feature).toEqual({ layerId: 'kyiv-land-parcels', featureId: 9 })
    expect(fitted.show).toBe('kyiv-land-parcels')
    expect(fitted.pin).toBeUndefined()
    expect(fitted.camera).toEqual(inUrl(cameraForBbox([30.51, 50.44, 30.52, 50.45], DESK)))
  })

  it('fits a street or a district to the screen without selecting anything', () => {
    const district: SearchResult = { kind: 'district', title: 'Печерський район', bbox: [30.5, 50.38, 30.6, 50.45], score: 1 }
    const { state } = opened(resultHref(district, KYIV))
    expect(state.camera).toEqual(inUrl(cameraForBbox([30.5, 50.38, 30.6, 50.45], DESK)))
    expect(state.feature).toBeUndefined()
    expect(state.show).toBeUndefined()
  })

  it('turns a layer on', () => {
    const layer: SearchResult = { kind: 'layer', title: 'Аптеки', layer: 'kyiv-pharmacies', score: 0.6 }
    expect(resultHref(layer, KYIV)).toBe('/?city=kyiv&show=kyiv-pharmacies')
  })

  it('searches for the title of a result that names no page, place or layer', () => {
    const bare: SearchResult = { kind: 'consultation', title: 'План Подолу', score: 0.5 }
    expect(resultHref(bare, KYIV)).toBe(searchPageHref('kyiv', 'План Подолу', 'uk'))
  })
})

describe('searchPageHref', () => {
  it('links the search page for a city and a text', () => {
    expect(searchPageHref('kyiv', 'Хрещатик 22', 'en')).toBe('/search?city=kyiv&lang=en&q=%D0%A5%D1%80%D0%B5%D1%89%D0%B0%D1%82%D0%B8%D0%BA%2022')
  })
})

describe('cameraForBbox', () => {
  it('centres on the box and zooms so that it fills the screen less a margin', () => {
    const camera = cameraForBbox([30.0, 50.0, 31.0, 51.0], DESK)
    expect(camera.lon).toBeCloseTo(30.5, 6)
    // The centre of a box in Web Mercator is north of the middle latitude.
    expect(camera.lat).toBeGreaterThan(50.5)
    expect(camera.lat).toBeLessThan(50.51)
    // A degree of latitude at 50° is about 1.57 "degrees" of Mercator height; 800 px less margins hold it near zoom 8.
    expect(camera.zoom).toBeGreaterThan(8)
    expect(camera.zoom).toBeLessThan(9)
    // Twice the width, one step out.
    expect(cameraForBbox([30.0, 50.0, 32.0, 51.0], { width: 600, height: 2000 }).zoom).toBeCloseTo(cameraForBbox([30.0, 50.0, 31.0, 51.0], { width: 600, height: 2000 }).zoom - 1, 6)
  })

  it('goes no closer than a single building for a tiny box or a point', () => {
    const camera = cameraForBbox([30.5, 50.4, 30.5, 50.4], DESK)
    expect(camera.zoom).toBe(17)
    expect(camera.lat).toBeCloseTo(50.4, 9)
    expect(camera.lon).toBeCloseTo(30.5, 9)
    expect(cameraForBbox([30.5, 50.4, 30.5001, 50.4001], DESK).zoom).toBe(17)
  })
})

describe('searchUrl', () => {
  it('asks nothing for fewer than two characters besides spaces', () => {
    expect(searchUrl('kyiv', '', 8)).toBeUndefined()
    expect(searchUrl('kyiv', ' Х  ', 8)).toBeUndefined()
    expect(searchUrl('kyiv', 'Х 2', 8)).toBe('/api/search?city=kyiv&q=%D0%A5%202&limit=8')
  })

  it('asks for the titles in the interface language when it is not Ukrainian', () => {
    expect(searchUrl('kyiv', ' Хрещатик ', 50, 'en')).toBe('/api/search?city=kyiv&q=%D0%A5%D1%80%D0%B5%D1%89%D0%B0%D1%82%D0%B8%D0%BA&limit=50&lang=en')
  })
})
