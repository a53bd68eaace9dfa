import { isFeature } from 'geojson-validation'
import type { Geometry, Position } from 'geojson'
import { type AttributeField, type GeometryKind, isoDate } from '../catalogue/index.ts'

/** Longitude/latitude box: west, south, east, north. */
export type LonLatBox = [number, number, number, number]

/** Where the platform's features may lie: Ukraine with a margin (lon 22–41, lat 44–53). */
export const UKRAINE_BOX: LonLatBox = [22, 44, 41, 53]

/** A property value that fits a vector tile and a CSV cell. */
export type Scalar = string | number | boolean

/** What a layer accepts, and what an import deliberately leaves out. */
export interface FeatureRules {
  /** The layer's geometry family; a feature of another family is rejected. */
  geometryType: GeometryKind
  /** Stored name → source key; unlisted source keys are dropped. Unset: keep every key. */
  properties?: Record<string, string> | undefined
  attributes?: AttributeField[] | undefined
  /** Features must lie in this box (default {@link UKRAINE_BOX}). */
  region?: LonLatBox | undefined
  /**
   * `projected`: the coordinates are metres of the file's own system, so neither the lon/lat
   * ranges nor the region can be checked here; the database checks the region after it has
   * reprojected them. Default `lonlat`.
   */
  coordinates?: 'lonlat' | 'projected' | undefined
  /** Skip (not reject) features of another family, outside `bbox` or failing `where`. */
  keep?: { geometry?: GeometryKind; bbox?: LonLatBox; where?: (p: Record<string, unknown>) => boolean } | undefined
}

/** The verdict on one feature. `notes` say what was repaired on the way. */
export type FeatureVerdict =
  | { kind: 'accept'; geometry: Geometry; properties: Record<string, Scalar>; notes: string[] }
  | { kind: 'skip'; reason: string }
  | { kind: 'reject'; reason: string }

const FAMILY: Record<string, GeometryKind | undefined> = {
  Point: 'point',
  MultiPoint: 'point',
  LineString: 'line',
  MultiLineString: 'line',
  Polygon: 'polygon',
  MultiPolygon: 'polygon',
}

/** The geometry family of a GeoJSON geometry type; undefined for GeometryCollection. */
export function geometryFamily(type: string): GeometryKind | undefined {
  return FAMILY[type]
}

/**
 * The first position of a geometry for which `test` is true, or undefined. A plain recursive
 * walk: a generator per nesting level cost an import of 150 MB a third of its time.
 */
function findPosition(geometry: Geometry, test: (p: Position) => boolean): Position | undefined {
  return geometry.type === 'GeometryCollection' ? undefined : findIn(geometry.coordinates, test)
}

function findIn(c: unknown, test: (p: Position) => boolean): Position | undefined {
  if (!Array.isArray(c)) return undefined
  if (typeof c[0] === 'number') return test(c as Position) ? (c as Position) : undefined
  for (let i = 0; i < c.length; i++) {
    const found = findIn(c[i], test)
    if (found) return found
  }
  return undefined
}

const anyPosition = () => true
const isThreeD = (p: Position) => p.length > 2

const hasPosition = (geometry: Geometry) => findPosition(geometry, anyPosition) !== undefined

function inBox([x, y]: Position, [w, s, e, n]: LonLatBox): boolean {
  return x! >= w && x! <= e && y! >= s && y! <= n
}

function checkRanges(geometry: Geometry): string | undefined {
  const bad = findPosition(geometry, ([x, y]) => !(Math.abs(x!) <= 180 && Math.abs(y!) <= 90))
  if (!bad) return undefined
  const [x, y] = bad as [number, number]
  if (!Number.isFinite(x) || !Number.isFinite(y)) return 'coordinates must be finite numbers'
  return `coordinates out of range (lon ${x}, lat ${y}): longitude must be within ±180 and latitude within ±90`
}

function checkFinite(geometry: Geometry): string | undefined {
  return findPosition(geometry, ([x, y]) => !Number.isFinite(x) || !Number.isFinite(y)) ? 'coordinates must be finite numbers' : undefined
}

function checkRegion(geometry: Geometry, region: LonLatBox): string | undefined {
  const p = findPosition(geometry, (q) => !inBox(q, region))
  if (!p) return undefined
  const [x, y] = p as [number, number]
  const hint = inBox([y, x], region) ? '; the coordinates look swapped: GeoJSON order is [longitude, latitude]' : ''
  return `coordinates outside the supported area (lon ${x}, lat ${y}; expected lon ${region[0]}–${region[2]}, lat ${region[1]}–${region[3]})${hint}`
}

/**
 * Normalises what can be fixed without guessing: a third (altitude) ordinate is dropped and an
 * unclosed polygon ring is closed by repeating its first position. Returns what it did.
 */
function normalise(geometry: Geometry): { geometry: Geometry; notes: string[] } {
  if (geometry.type === 'GeometryCollection' || !Array.isArray(geometry.coordinates)) return { geometry, notes: [] }
  const notes = new Set<string>()
  // Copied only when there is an altitude to drop: most files have none.
  let coordinates = (findPosition(geometry, isThreeD) ? stripAltitude(geometry.coordinates, notes) : geometry.coordinates) as unknown[]
  if (geometry.type === 'Polygon') coordinates = closeRings(coordinates, notes)
  if (geometry.type === 'MultiPolygon') coordinates = coordinates.map((p) => (Array.isArray(p) ? closeRings(p, notes) : p))
  if (notes.size === 0 && coordinates === geometry.coordinates) return { geometry, notes: [] }
  return { geometry: { ...geometry, coordinates } as Geometry, notes: [...notes] }
}

const isPosition = (c: unknown): c is number[] => Array.isArray(c) && typeof c[0] === 'number'

function stripAltitude(c: unknown, notes: Set<string>): unknown {
  if (isPosition(c)) {
    if (c.length > 2) notes.add('3D coordinates reduced to 2D')
    return c.slice(0, 2)
  }
  return Array.isArray(c) ? c.map((x) => stripAltitude(x, notes)) : c
}

/** The rings of a polygon, each closed; the same array when all were. */
function closeRings(rings: unknown[], notes: Set<string>): unknown[] {
  let out: unknown[] | undefined
  for (let i = 0; i < rings.length; i++) {
    const ring = rings[i]
    if (!Array.isArray(ring) || ring.length < 3 || !isPosition(ring[0])) continue
    const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]]
    if (first[0] === last[0] && first[1] === last[1]) continue
    notes.add('unclosed ring closed by repeating its first position')
    out ??= [...rings]
    out[i] = [...ring, first]
  }
  return out ?? rings
}

function coerce(value: unknown, field: AttributeField | undefined): Scalar | undefined {
  if (value === null || value === undefined || value === '') return undefined
  if (typeof value === 'object') return JSON.stringify(value)
  if (!field) return value as Scalar
  if ((field.type === 'number' || field.type === 'integer') && typeof value === 'string') {
    const n = Number(value.trim().replace(',', '.'))
    return Number.isFinite(n) ? n : value
  }
  if (field.type === 'boolean' && typeof value === 'string') {
    if (/^(true|yes|так|1)$/i.test(value)) return true
    if (/^(false|no|ні|0)$/i.test(value)) return false
  }
  // Registers write dates day first (`06.04.2018`); stored as ISO 8601 they sort and filter as dates.
  if (field.type === 'date' && typeof value === 'string') return isoDate(value) ?? value
  if (field.type === 'string' && typeof value !== 'string') return String(value)
  return value as Scalar
}

function pickProperties(source: Record<string, unknown>, rules: FeatureRules): Record<string, Scalar> {
  const mapping = rules.properties ?? Object.fromEntries(Object.keys(source).map((k) => [k, k]))
  const fields = new Map(rules.attributes?.map((f) => [f.name, f]))
  const out: Record<string, Scalar> = {}
  for (const [name, key] of Object.entries(mapping)) {
    const value = coerce(source[key], fields.get(name))
    if (value !== undefined) out[name] = value
  }
  return out
}

/**
 * Checks one source feature against GeoJSON (RFC 7946, via geojson-validation), coordinate
 * ranges and the layer's rules. Geometry validity (self-intersection) is PostGIS's job later.
 */
export function checkFeature(feature: unknown, rules: FeatureRules): FeatureVerdict {
  if (typeof feature !== 'object' || feature === null || Array.isArray(feature)) {
    return { kind: 'reject', reason: 'not a GeoJSON Feature object' }
  }
  const f = feature as { type?: unknown; geometry?: unknown; properties?: unknown }
  if (f.geometry === null || f.geometry === undefined) return { kind: 'reject', reason: 'the feature has no geometry (null)' }
  if (typeof f.geometry !== 'object' || typeof (f.geometry as { type?: unknown }).type !== 'string') {
    return { kind: 'reject', reason: 'invalid GeoJSON: the geometry must be an object with a "type"' }
  }
  const { geometry, notes } = normalise(f.geometry as Geometry)
  const problems = isFeature({ ...f, geometry }, true)
  if (problems.length > 0) return { kind: 'reject', reason: `invalid GeoJSON: ${problems.slice(0, 3).join('; ')}` }
  if (f.properties !== undefined && f.properties !== null && (typeof f.properties !== 'object' || Array.isArray(f.properties))) {
    return { kind: 'reject', reason: 'invalid GeoJSON: "properties" must be an object or null' }
  }
  const source = (f.properties ?? {}) as Record<string, unknown>
  const family = geometryFamily(geometry.type)
  if (!family) return { kind: 'reject', reason: `${geometry.type} is not supported: split it into one feature per geometry` }
  const keep = rules.keep
  if (keep?.geometry && keep.geometry !== family) return { kind: 'skip', reason: `${geometry.type} left out (the layer keeps ${keep.geometry} features)` }
  if (family !== rules.geometryType) return { kind: 'reject', reason: `${geometry.type} does not fit a ${rules.geometryType} layer` }
  if (!hasPosition(geometry)) return { kind: 'reject', reason: `the ${geometry.type} is empty: it has no coordinates` }
  const outOfRange = rules.coordinates === 'projected' ? checkFinite(geometry) : checkRanges(geometry)
  if (outOfRange) return { kind: 'reject', reason: outOfRange }
  if (rules.coordinates === 'projected') {
    if (keep?.where && !keep.where(source)) return { kind: 'skip', reason: 'filtered out by the layer definition' }
    return { kind: 'accept', geometry, properties: pickProperties(source, rules), notes }
  }
  // A layer's own area comes first: its known bad geocodes are left out, not rejected.
  if (keep?.bbox && findPosition(geometry, (p) => !inBox(p, keep.bbox!))) {
    return { kind: 'skip', reason: 'outside the area of this layer (bad geocode)' }
  }
  const outside = checkRegion(geometry, rules.region ?? UKRAINE_BOX)
  if (outside) return { kind: 'reject', reason: outside }
  if (keep?.where && !keep.where(source)) return { kind: 'skip', reason: 'filtered out by the layer definition' }
  return { kind: 'accept', geometry, properties: pickProperties(source, rules), notes }
}
