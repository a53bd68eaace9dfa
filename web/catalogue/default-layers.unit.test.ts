import { describe, expect, it } from 'vitest'
import type { LayerSummary } from '../api-client/index.ts'
import { defaultLayerIds, isWorksLayer } from './default-layers.ts'

function layer(id: string, theme: LayerSummary['theme'], basemap = false, minzoom = 0): LayerSummary {
  return {
    id,
    city: 'kyiv',
    theme,
    title: { uk: id, en: id },
    description: { uk: '', en: '' },
    geometry_type: 'polygon',
    attributes: [],
    style: { color: '#000000', basemap },
    minzoom,
    maxzoom: 16,
    licence: 'ODbL-1.0',
    attribution: '© OpenStreetMap contributors',
    synthetic: false,
    accepts_appeals: false,
    version: 1,
    feature_count: 1,
    bbox: null,
    updated_at: '2026-01-01T00:00:00Z',
    tilejson: `/tiles/${id}.json?v=1`,
    downloads: Object.fromEntries(['geojson', 'csv', 'csvt', 'gpkg', 'fgb'].map((f) => [f, `/api/layers/${id}/export.${f}`])) as LayerSummary['downloads'],
  }
}

describe('defaultLayerIds', () => {
  it('opens with the first two district and property layers that are not basemap', () => {
    const layers = [
      layer('kyiv-boundary', 'boundaries', true),
      layer('kyiv-metro', 'transport'),
      layer('kyiv-districts', 'districts'),
      layer('kyiv-parcels', 'property-land'),
      layer('kyiv-premises', 'property-land'),
    ]
    expect(defaultLayerIds(layers)).toEqual(['kyiv-districts', 'kyiv-parcels'])
  })

  it('falls back to the first toggleable layer', () => {
    expect(defaultLayerIds([layer('a-boundary', 'boundaries', true), layer('a-stops', 'transport')])).toEqual([
      'a-stops',
    ])
  })

  it('returns no layers for a catalogue of basemap layers only', () => {
    expect(defaultLayerIds([layer('a-districts', 'districts', true)])).toEqual([])
  })

  it('prefers layers drawn at the opening zoom', () => {
    const layers = [layer('a-damaged', 'buildings', false, 12), layer('a-shops', 'trade', false, 10)]
    expect(defaultLayerIds(layers, 11)).toEqual(['a-shops'])
  })

  it('falls back to a deeper layer when none is drawn at the opening zoom', () => {
    expect(defaultLayerIds([layer('a-damaged', 'buildings', false, 12)], 11)).toEqual(['a-damaged'])
  })

  it('opens with one parcel layer, the register, when a city has two', () => {
    const layers = [layer('kyiv-districts', 'districts'), layer('kyiv-land-parcels', 'property-land'), layer('kyiv-property', 'property-land')]
    expect(defaultLayerIds(layers)).toEqual(['kyiv-districts', 'kyiv-property'])
  })

  it("adds the city's works on top of the defaults, even when drawn only closer in", () => {
    const layers = [layer('kyiv-districts', 'districts'), layer('kyiv-repairs', 'repairs'), layer('kyiv-works', 'repairs', false, 12), layer('kyiv-property', 'property-land')]
    expect(defaultLayerIds(layers, 11)).toEqual(['kyiv-districts', 'kyiv-property', 'kyiv-works'])
  })

  it("adds the city's appeals on top, whatever their zoom, and never as the fallback layer", () => {
    const layers = [layer('kyiv-appeals', 'appeals', false, 13), layer('kyiv-districts', 'districts'), layer('kyiv-works', 'repairs'), layer('kyiv-property', 'property-land')]
    expect(defaultLayerIds(layers, 11)).toEqual(['kyiv-districts', 'kyiv-property', 'kyiv-works', 'kyiv-appeals'])
    expect(defaultLayerIds([layer('a-appeals', 'appeals'), layer('a-stops', 'transport')])).toEqual(['a-stops', 'a-appeals'])
  })

  it('adds the works to the fallback layer', () => {
    expect(defaultLayerIds([layer('kyiv-stops', 'transport'), layer('kyiv-works', 'repairs')])).toEqual(['kyiv-stops', 'kyiv-works'])
  })
})

describe('isWorksLayer', () => {
  it("tells a city's works layer from its repairs", () => {
    expect([layer('kyiv-works', 'repairs'), layer('kyiv-repairs', 'repairs')].map(isWorksLayer)).toEqual([true, false])
  })
})
