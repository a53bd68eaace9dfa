import type { Geometry } from 'geojson'
import { type Layer, publicAttributeNames } from './catalogue/index.ts'
import type { PublicFeature } from './feature.queries.ts'

/**
 * A layer's public features as one GeoJSON FeatureCollection, produced piece by piece. The
 * collection carries the layer's licence and attribution as foreign members.
 */
export async function* geoJsonExport(
  layer: Pick<Layer, 'id' | 'title' | 'licence' | 'attribution' | 'synthetic'>,
  features: AsyncIterable<Pick<PublicFeature, 'id' | 'properties' | 'geometry'>>,
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

/** A point geometry's lon/lat; anything else as WKT-free GeoJSON text in one column. */
function geometryColumns(geometry: Geometry): [string, string, string] {
  if (geometry.type === 'Point') return [String(geometry.coordinates[0]), String(geometry.coordinates[1]), '']
  return ['', '', JSON.stringify(geometry)]
}

/**
 * A layer's public features as CSV (comma-separated, UTF-8 with BOM so spreadsheets read the
 * Cyrillic right): `id`, each public attribute, then `lon`/`lat` for points or `geometry`
 * (GeoJSON) for lines and polygons.
 */
export async function* csvExport(layer: Layer, features: AsyncIterable<PublicFeature>): AsyncGenerator<string> {
  const names = publicAttributeNames(layer)
  const header = ['id', ...names, 'lon', 'lat', 'geometry']
  yield `\uFEFF${header.map(csvCell).join(',')}\r\n`
  for await (const f of features) {
    const row = [f.id, ...names.map((n) => f.properties[n]), ...geometryColumns(f.geometry)]
    yield `${row.map(csvCell).join(',')}\r\n`
  }
}
