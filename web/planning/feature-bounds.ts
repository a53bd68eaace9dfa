import type { FeatureCollection, Geometry, Position } from 'geojson'

/** The box around every position of a collection's features (west, south, east, north), or null when it has none. */
export function featureBounds(collection: FeatureCollection): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null
  const add = ([lon, lat]: Position) => {
    if (lon === undefined || lat === undefined) return
    box = box ? [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)] : [lon, lat, lon, lat]
  }
  const walk = (geometry: Geometry | null): void => {
    if (!geometry) return
    if (geometry.type === 'GeometryCollection') return geometry.geometries.forEach(walk)
    const visit = (value: unknown): void => {
      if (Array.isArray(value) && typeof value[0] === 'number') add(value as Position)
      else if (Array.isArray(value)) value.forEach(visit)
    }
    visit(geometry.coordinates)
  }
  collection.features.forEach((feature) => walk(feature.geometry))
  return box
}
