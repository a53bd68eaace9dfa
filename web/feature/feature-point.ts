import type { Geometry } from 'geojson'

/**
 * The point a report about a feature is filed at: a point feature's own point, else the middle
 * of the box of its outer ring or line (of the first part of a multi-part feature, as the middle
 * of scattered parts may be far from all of them). The server snaps the appeal onto the object,
 * so a point near it is enough. Undefined when the feature has no positions.
 */
export function featurePoint(geometry: Geometry | null | undefined): { lon: number; lat: number } | undefined {
  if (!geometry) return undefined
  if (geometry.type === 'Point') return { lon: geometry.coordinates[0]!, lat: geometry.coordinates[1]! }
  let box: [number, number, number, number] | undefined
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
      const [x, y] = value as [number, number]
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y]
    } else if (Array.isArray(value)) value.forEach(walk)
  }
  if (geometry.type === 'Polygon' || geometry.type === 'MultiLineString') walk(geometry.coordinates[0])
  else if (geometry.type === 'MultiPolygon') walk(geometry.coordinates[0]?.[0])
  else if (geometry.type === 'GeometryCollection') return featurePoint(geometry.geometries[0])
  else walk(geometry.coordinates)
  if (!box) return undefined
  // Rounded to a centimetre or so: the midpoint of decimal degrees picks up binary noise.
  const round = (degrees: number) => Math.round(degrees * 1e7) / 1e7
  return { lon: round((box[0] + box[2]) / 2), lat: round((box[1] + box[3]) / 2) }
}
