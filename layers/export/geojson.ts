import type { Geometry } from 'geojson'
import type { Layer } from '../catalogue/index.ts'

/**
 * A layer's public features as one GeoJSON FeatureCollection, produced piece by piece. The
 * collection carries the layer's licence and attribution as foreign members.
 */
export async function* geoJsonExport(
  layer: Pick<Layer, 'id' | 'title' | 'licence' | 'attribution' | 'synthetic'>,
  features: AsyncIterable<{ id: number; properties: Record<string, unknown>; geometry: Geometry }>,
): AsyncGenerator<string> {
  const head = {
    type: 'FeatureCollection',
    name: layer.id,
    title: layer.title,
    licence: layer.licence,
    attribution: layer.attribution,
    synthetic: layer.synthetic,
  }
  yield `${JSON.stringify(head).slice(0, -1)},"features":[\n`
  let first = true
  for await (const f of features) {
    yield `${first ? '' : ',\n'}${JSON.stringify({ type: 'Feature', id: f.id, properties: f.properties, geometry: f.geometry })}`
    first = false
  }
  yield '\n]}\n'
}
