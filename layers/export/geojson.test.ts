import { describe, expect, it } from 'vitest'
import { FEATURES, joined, LAYER, listOf } from './export-fixtures.ts'
import { geoJsonExport } from './geojson.ts'

describe('geoJsonExport', () => {
  it('writes a FeatureCollection with the layer name, licence and attribution', async () => {
    const doc = JSON.parse(await joined(geoJsonExport(LAYER, listOf(FEATURES))))
    expect(doc).toEqual({
      type: 'FeatureCollection',
      name: 'kyiv-test-export',
      title: LAYER.title,
      licence: 'CC-BY-4.0',
      attribution: 'Київська міська рада',
      synthetic: false,
      features: FEATURES.map((f) => ({ type: 'Feature', id: f.id, properties: f.properties, geometry: f.geometry })),
    })
  })

  it('writes a valid empty collection for a layer with no features', async () => {
    const doc = JSON.parse(await joined(geoJsonExport(LAYER, listOf([]))))
    expect(doc).toMatchObject({ type: 'FeatureCollection', features: [] })
  })

  it('yields one chunk per feature plus head and tail', async () => {
    const chunks: string[] = []
    for await (const chunk of geoJsonExport(LAYER, listOf(FEATURES))) chunks.push(chunk)
    expect(chunks).toHaveLength(FEATURES.length + 2)
  })
})

