import type { Feature, FeatureCollection, Geometry } from 'geojson'

/** West, south, east, north. */
export type Box = [number, number, number, number]

/** West, south, east, north of every position of the geometries; undefined when there are none. */
export function boundsOf(geometries: ReadonlyArray<Geometry | null | undefined>): Box | undefined {
  let box: Box | undefined
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
      const [x, y] = value as [number, number]
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y]
    } else if (Array.isArray(value)) value.forEach(walk)
  }
  for (const geometry of geometries) {
    if (!geometry) continue
    if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => walk('coordinates' in g ? g.coordinates : []))
    else walk(geometry.coordinates)
  }
  return box
}

/**
 * The features of a list's GeoJSON that have a place, each with its status as the `status`
 * property (the map colours by it); objects whose place is withheld are left out.
 */
export function placedFeatures(collection: { features: ReadonlyArray<{ id: number; geometry: unknown; properties: Record<string, unknown> }> } | undefined): FeatureCollection {
  const features: Feature[] = []
  for (const f of collection?.features ?? []) {
    if (!f.geometry) continue
    features.push({ type: 'Feature', id: f.id, geometry: f.geometry as Geometry, properties: { status: String(f.properties['status'] ?? '') } })
  }
  return { type: 'FeatureCollection', features }
}
