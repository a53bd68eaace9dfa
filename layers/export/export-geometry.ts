import type { Geometry, Position } from 'geojson'
import wkx from 'wkx'

/**
 * The one geometry type of an exported layer, as GeoPackage, FlatGeobuf and GDAL name layers:
 * `Geometry` when the layer mixes families (a polygon layer with a few unclosed ways).
 */
export type ExportGeometryType = 'Point' | 'LineString' | 'Polygon' | 'MultiPoint' | 'MultiLineString' | 'MultiPolygon' | 'Geometry'

const SINGLE_TO_MULTI: Record<string, ExportGeometryType> = { Point: 'MultiPoint', LineString: 'MultiLineString', Polygon: 'MultiPolygon' }

/**
 * The type a layer is exported as, from the geometry types its features have (`Point`,
 * `MultiPolygon`…): the one type when there is one; the multi type when singles and multis of
 * one family mix (they are promoted, so GIS see one type); otherwise `Geometry`. An empty layer
 * is `Geometry`.
 */
export function exportGeometryType(types: readonly string[]): ExportGeometryType {
  const multis = new Set(types.map((t) => SINGLE_TO_MULTI[t] ?? t))
  if (types.length === 1) return types[0] as ExportGeometryType
  if (multis.size === 1) {
    const only = [...multis][0]!
    if (Object.values(SINGLE_TO_MULTI).includes(only as ExportGeometryType)) return only as ExportGeometryType
  }
  return 'Geometry'
}

/** The geometry in the layer's export type: a Polygon of a MultiPolygon layer becomes a one-part MultiPolygon. */
export function conformedGeometry(geometry: Geometry, type: ExportGeometryType): Geometry {
  if (geometry.type === 'Point' && type === 'MultiPoint') return { type: 'MultiPoint', coordinates: [geometry.coordinates] }
  if (geometry.type === 'LineString' && type === 'MultiLineString') return { type: 'MultiLineString', coordinates: [geometry.coordinates] }
  if (geometry.type === 'Polygon' && type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: [geometry.coordinates] }
  return geometry
}

/** A lon/lat box: west, south, east, north. */
export type Bounds = [number, number, number, number]

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates]
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat()
    case 'MultiPolygon':
      return geometry.coordinates.flat(2)
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positionsOf)
  }
}

/** The box around a geometry; null for an empty one. */
export function geometryBounds(geometry: Geometry): Bounds | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of positionsOf(geometry)) {
    if (x! < w) w = x!
    if (x! > e) e = x!
    if (y! < s) s = y!
    if (y! > n) n = y!
  }
  return w === Infinity ? null : [w, s, e, n]
}

/** The box around two boxes, either of which may be absent. */
export function unionBounds(a: Bounds | null, b: Bounds | null): Bounds | null {
  if (!a) return b
  if (!b) return a
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]
}

/** A geometry as OGC Well-Known Text, e.g. `POINT(30.52 50.45)`. */
export function geometryWkt(geometry: Geometry): string {
  return wkx.Geometry.parseGeoJSON(geometry).toWkt()
}

/** A geometry as little-endian OGC Well-Known Binary (ISO 2D), as GeoPackage blobs carry it. */
export function geometryWkb(geometry: Geometry): Buffer {
  return wkx.Geometry.parseGeoJSON(geometry).toWkb()
}
