import type { AttributeType, Layer } from '../catalogue/index.ts'
import type { PublicFeature } from '../index.ts'
import { typedValue } from './attribute-values.ts'
import { geometryWkt } from './export-geometry.ts'

/**
 * One CSV cell. Quotes when needed (RFC 4180) and defuses spreadsheet formulas: a text cell
 * starting with = + - @ or a control character gets a leading apostrophe (OWASP CSV injection).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** GDAL's CSV column types (the `.csvt` sidecar) of each attribute type. */
const CSVT_TYPES: Record<AttributeType, string> = {
  string: 'String',
  integer: 'Integer64',
  number: 'Real',
  boolean: 'Integer(Boolean)',
  date: 'Date',
}

/** The public attributes of a layer, in catalogue order, with their types. */
function publicFields(layer: Pick<Layer, 'attributes'>): Array<{ name: string; type: AttributeType }> {
  return layer.attributes.filter((a) => a.public).map(({ name, type }) => ({ name, type }))
}

/** Point layers also get `lon`/`lat` columns, for spreadsheets that cannot read WKT. */
function hasLonLat(layer: Pick<Layer, 'geometry_type'>): boolean {
  return layer.geometry_type === 'point'
}

/**
 * The CSV columns of a layer's export: `id`, each public attribute, `lon`/`lat` for point layers,
 * then `WKT` (the geometry, a column name GDAL and QGIS read as geometry without options).
 */
export function csvColumns(layer: Pick<Layer, 'attributes' | 'geometry_type'>): string[] {
  return ['id', ...publicFields(layer).map((f) => f.name), ...(hasLonLat(layer) ? ['lon', 'lat'] : []), 'WKT']
}

/**
 * The `.csvt` sidecar of a layer's CSV: one line naming GDAL's type of each column
 * (`"Integer64","String","Date","Real","WKT"`), which GDAL reads beside the CSV, by URL too.
 */
export function csvtLine(layer: Pick<Layer, 'attributes' | 'geometry_type'>): string {
  const types = ['Integer64', ...publicFields(layer).map((f) => CSVT_TYPES[f.type]), ...(hasLonLat(layer) ? ['Real', 'Real'] : []), 'WKT']
  return `${types.map((t) => `"${t}"`).join(',')}\r\n`
}

/**
 * A layer's public features as CSV (comma-separated, UTF-8 with BOM so spreadsheets read the
 * Cyrillic right), in the columns of {@link csvColumns}: numbers as numbers, booleans as
 * `true`/`false`, dates as ISO 8601 `YYYY-MM-DD` (a value that is no date is left empty), the
 * geometry as WKT.
 */
export async function* csvExport(layer: Pick<Layer, 'attributes' | 'geometry_type'>, features: AsyncIterable<PublicFeature>): AsyncGenerator<string> {
  const fields = publicFields(layer)
  yield `\uFEFF${csvColumns(layer).map(csvCell).join(',')}\r\n`
  for await (const f of features) {
    const lonLat = hasLonLat(layer) ? (f.geometry.type === 'Point' ? f.geometry.coordinates.slice(0, 2) : [null, null]) : []
    const row = [f.id, ...fields.map((a) => typedValue(a.type, f.properties[a.name])), ...lonLat, geometryWkt(f.geometry)]
    yield `${row.map(csvCell).join(',')}\r\n`
  }
}
