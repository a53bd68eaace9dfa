/**
 * Reading an OGC items request: the box in its CRS, the date interval, the property filters,
 * and which representation the client wants. Every wrong value is a 400 naming the parameter.
 */
import type { Context } from 'hono'
import type { AttributeType } from '../contract/index.ts'
import { problems } from '../http/index.ts'
import { crsOf, type OgcCrs } from './ogc-crs.ts'
import type { CrsBox } from './ogc.queries.ts'

/** The parameters of an items request that are not property filters. */
export const RESERVED_ITEM_PARAMETERS: ReadonlySet<string> = new Set(['f', 'limit', 'bbox', 'bbox-crs', 'crs', 'datetime', 'cursor'])

const invalidParameter = (name: string, message: string) => problems.invalid(`${name}: ${message}`, [{ field: `query.${name}`, message }])

/** The CRS a parameter names, or a 400 that lists the ones served. */
export function requireCrs(name: 'crs' | 'bbox-crs', uri: string | undefined): OgcCrs {
  const crs = crsOf(uri)
  if (!crs) throw invalidParameter(name, `"${uri}" is not a CRS of this collection: see the collection's \`crs\` list`)
  return crs
}

/**
 * `bbox` as a box in `crs` with x first: four numbers (six for a 3D box, whose heights are
 * ignored), in the CRS's axis order. Longitudes and latitudes are range-checked.
 */
export function parseBbox(text: string, crs: OgcCrs): CrsBox {
  const parts = text.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)))
  if (parts.length !== 4 && parts.length !== 6) throw invalidParameter('bbox', 'must have four numbers (or six for a 3D box)')
  if (!parts.every(Number.isFinite)) throw invalidParameter('bbox', 'must be numbers')
  const [a1, b1, a2, b2] = parts.length === 4 ? parts : [parts[0]!, parts[1]!, parts[3]!, parts[4]!]
  const [x1, y1, x2, y2] = crs.northingFirst ? [b1!, a1!, b2!, a2!] : [a1!, b1!, a2!, b2!]
  if (crs.srid === 4326 || crs.srid === 5561) {
    if (Math.abs(x1) > 180 || Math.abs(x2) > 180 || Math.abs(y1) > 90 || Math.abs(y2) > 90) throw invalidParameter('bbox', 'out of range: longitude ±180, latitude ±90')
  }
  if (y1 > y2) throw invalidParameter('bbox', 'the lower corner must come first')
  if (x1 > x2) throw invalidParameter('bbox', 'a box across the antimeridian is not supported: the first x must not exceed the second')
  return { box: [x1, y1, x2, y2], srid: crs.srid }
}

const DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i

/** One end of a `datetime` interval as its date, or undefined for an open end (`..` or empty). */
function dateOf(text: string): string | undefined {
  if (text === '..' || text === '') return undefined
  const match = DATE.exec(text)
  if (!match || Number.isNaN(Date.parse(match[1]!))) throw invalidParameter('datetime', `"${text}" is not an RFC 3339 date or date-time`)
  return match[1]
}

/**
 * `datetime` as a closed or half-open interval of dates: an instant (`2024-05-01` or a
 * date-time) is that day; `a/b`, `../b` and `a/..` are intervals. The collection's date
 * attributes hold days, so time of day is dropped.
 */
export function parseDatetime(text: string): { from: string | undefined; to: string | undefined } {
  const ends = text.split('/')
  if (ends.length > 2) throw invalidParameter('datetime', 'must be a date-time or an interval `start/end`')
  if (ends.length === 1) {
    const day = dateOf(text)
    if (!day) throw invalidParameter('datetime', 'an instant cannot be open')
    return { from: day, to: day }
  }
  const [from, to] = [dateOf(ends[0]!), dateOf(ends[1]!)]
  if (!from && !to) throw invalidParameter('datetime', 'an interval needs at least one end')
  if (from && to && from > to) throw invalidParameter('datetime', 'the interval ends before it starts')
  return { from, to }
}

/** A filter value as the JSON value stored for an attribute of `type`, or a 400. */
export function filterValue(name: string, type: AttributeType, text: string): string | number | boolean {
  switch (type) {
    case 'integer':
    case 'number': {
      const value = text.trim() === '' ? Number.NaN : Number(text)
      if (!Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value))) throw invalidParameter(name, `must be ${type === 'integer' ? 'an integer' : 'a number'}`)
      return value
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw invalidParameter(name, 'must be true or false')
      return text === 'true'
    case 'date':
      return dateOf(text) ?? text
    default:
      return text
  }
}

/**
 * The representation asked: `f` wins; else an `Accept` that prefers HTML (a browser) gets HTML;
 * anything else JSON.
 */
export function wantsHtml(c: Context, f: 'json' | 'html' | undefined): boolean {
  if (f) return f === 'html'
  const accept = c.req.header('Accept') ?? ''
  const ranked = accept
    .split(',')
    .map((part, order) => {
      const [type, ...params] = part.trim().toLowerCase().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { type: type!.trim(), q: q ? Number(q.slice(2)) : 1, order }
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
  const first = ranked.find((r) => r.type === 'text/html' || r.type.includes('json') || r.type === '*/*')
  return first?.type === 'text/html'
}
