import { describe, expect, it } from 'vitest'
import { INVESTMENT_VIEW, listApiUrl, PROPERTY_VIEW, parseListView, formatListView, objectHref, sectionHref } from './list-view.ts'

describe('the list view in the URL', () => {
  it('reads every filter the API takes, in the API’s own units, and the page’s own state', () => {
    const view = parseListView('?city=kyiv&district=3&kind=land,brownfield&area_min=10000&area_max=50000&area_unit=ha&purpose=03&status=available&deal=lease&price_max=250000&selected=12&lang=en', INVESTMENT_VIEW)
    expect(view).toEqual({
      filters: { city: 'kyiv', district: '3', kind: 'land,brownfield', area_min: '10000', area_max: '50000', purpose: '03', status: 'available', deal: 'lease', price_max: '250000' },
      areaUnit: 'ha',
      selected: 12,
      offset: 0,
      lang: 'en',
    })
  })

  it('drops a parameter the API would refuse and keeps the others', () => {
    const view = parseListView('?city=kyiv&kind=castle&area_min=-5&purpose=3&deal=gift&price_max=12.5&selected=x&offset=-1&lang=fr&district=2', INVESTMENT_VIEW)
    expect(view).toEqual({ filters: { city: 'kyiv', district: '2' }, areaUnit: 'm2', selected: undefined, offset: 0, lang: undefined })
  })

  it('keeps a drawn area only when it is a GeoJSON polygon', () => {
    const ring = [[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.4]]
    const polygon = JSON.stringify({ type: 'Polygon', coordinates: [ring] })
    expect(parseListView(`?within=${encodeURIComponent(polygon)}`, INVESTMENT_VIEW).filters).toEqual({ within: polygon })
    expect(parseListView(`?within=${encodeURIComponent('{"type":"Point","coordinates":[30.5,50.4]}')}`, INVESTMENT_VIEW).filters).toEqual({})
    expect(parseListView('?within=not-json', INVESTMENT_VIEW).filters).toEqual({})
  })

  it('knows only the filters of its own list: the register has a text search and no deal', () => {
    expect(parseListView('?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0&deal=sale&offset=200&status=leased,free', PROPERTY_VIEW)).toEqual({
      filters: { q: 'школа', status: 'leased,free' },
      areaUnit: 'm2',
      selected: undefined,
      offset: 200,
      lang: undefined,
    })
  })

  it('writes what it reads, so a shared link restores the same view', () => {
    const search = '?city=kyiv&district=3&kind=land&area_min=10000&area_max=50000&price_max=250000&area_unit=ha&selected=12&lang=en'
    expect(formatListView(parseListView(search, INVESTMENT_VIEW), INVESTMENT_VIEW)).toBe(search)
    expect(formatListView({ filters: {}, areaUnit: 'm2', offset: 0 }, PROPERTY_VIEW)).toBe('')
    expect(formatListView({ filters: { q: 'вул. Хрещатик, 1' }, areaUnit: 'm2', offset: 100, lang: 'uk' }, PROPERTY_VIEW)).toBe('?q=%D0%B2%D1%83%D0%BB.+%D0%A5%D1%80%D0%B5%D1%89%D0%B0%D1%82%D0%B8%D0%BA%2C+1&offset=100&lang=uk')
  })

  it('asks the API for the same filters, paged for the list and whole for an export', () => {
    const filters = { city: 'kyiv', kind: 'land', area_min: '10000' }
    expect(listApiUrl(INVESTMENT_VIEW, filters, { format: 'geojson', limit: 1000 })).toBe('/api/investment/objects?city=kyiv&kind=land&area_min=10000&format=geojson&limit=1000')
    expect(listApiUrl(INVESTMENT_VIEW, filters, { format: 'csv' })).toBe('/api/investment/objects?city=kyiv&kind=land&area_min=10000&format=csv')
    expect(listApiUrl(PROPERTY_VIEW, { city: 'marhanets' }, { format: 'json', limit: 100, offset: 200 })).toBe('/api/property?city=marhanets&format=json&limit=100&offset=200')
  })

  it('links the section and its objects, keeping the language only when the URL chose it', () => {
    expect(sectionHref(INVESTMENT_VIEW, { city: 'kyiv' }, undefined)).toBe('/investment?city=kyiv')
    expect(sectionHref(PROPERTY_VIEW, {}, 'en')).toBe('/property?lang=en')
    expect(objectHref(INVESTMENT_VIEW, 7, undefined)).toBe('/investment/7')
    expect(objectHref(PROPERTY_VIEW, 7, 'uk')).toBe('/property/7?lang=uk')
  })
})
