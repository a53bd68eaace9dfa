import { describe, expect, it } from 'vitest'
import { layerSlugFor } from './layer-slug.ts'

describe('layerSlugFor', () => {
  it('transliterates a Ukrainian file name by the national table and prefixes the city', () => {
    expect(layerSlugFor('Зонінг Щорса.zip', 'kyiv')).toBe('kyiv-zoninh-shchorsa')
    expect(layerSlugFor('Ділянки_ЮЖ 2024.shp.zip', 'zhytomyr')).toBe('zhytomyr-dilianky-yuzh-2024')
  })

  it('keeps a name that already starts with the city once, and makes two words of one', () => {
    expect(layerSlugFor('kyiv-parcels.geojson', 'kyiv')).toBe('kyiv-parcels')
    expect(layerSlugFor('kyiv.gpkg', 'kyiv')).toBe('kyiv-layer')
  })
})
