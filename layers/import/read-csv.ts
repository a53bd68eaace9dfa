import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import wkx from 'wkx'
import { ImportFileError, type SourceFeature } from './source-feature.ts'

/** Which columns hold the coordinates or the WKT geometry; detected from the header when not given. */
export interface CsvOptions {
  delimiter?: string
  lat?: string
  lon?: string
  /** The column holding WKT geometries (`POINT (30.52 50.45)`, `MULTIPOLYGON (…)`). */
  wkt?: string
  /** A WHATWG encoding label (`windows-1251`, `ibm866`…) the bytes are decoded with; UTF-8 by default. */
  encoding?: string
}

const LAT_NAMES = ['lat', 'latitude', 'y', 'широта']
const LON_NAMES = ['lon', 'lng', 'long', 'longitude', 'x', 'довгота']
const WKT_NAMES = ['wkt', 'geometry', 'geom', 'the_geom']

/** The geometry types a WKT cell may hold. */
const WKT_TYPES = new Set(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'])

/**
 * Decodes a byte stream with TextDecoder, chunk by chunk (`stream: true` keeps a character split
 * across chunks whole); a UTF-8 byte order mark is dropped.
 */
function decodeText(input: Readable, encoding: string): Readable {
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(encoding)
  } catch {
    throw new ImportFileError(`unknown text encoding "${encoding}"`)
  }
  return Readable.from(
    (async function* () {
      for await (const chunk of input as AsyncIterable<Buffer | string>) {
        const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
        if (text) yield text
      }
      const rest = decoder.decode()
      if (rest) yield rest
    })(),
    { objectMode: false },
  )
}

const allFinite = (coordinates: unknown): boolean =>
  Array.isArray(coordinates) ? coordinates.every(allFinite) : typeof coordinates === 'number' && Number.isFinite(coordinates)

/** A WKT cell as a GeoJSON geometry, or why it is not one. */
export function parseWktCell(cell: string | undefined): { geometry: { type: string; coordinates: unknown } } | { problem: string } {
  const text = (cell ?? '').trim()
  if (text === '') return { problem: 'the WKT cell is empty' }
  // wkx stops at the end of the first geometry; text after it means the cell is not one WKT.
  const opens = text.split('(').length - 1
  if (!/(\)|EMPTY)$/i.test(text) || opens !== text.split(')').length - 1) {
    return { problem: `not a WKT geometry: ${JSON.stringify(text.slice(0, 60))}` }
  }
  let geometry: { type: string; coordinates?: unknown }
  try {
    geometry = wkx.Geometry.parse(text).toGeoJSON() as typeof geometry
  } catch (err) {
    return { problem: `not a WKT geometry (${(err as Error).message}): ${JSON.stringify(text.slice(0, 60))}` }
  }
  if (!WKT_TYPES.has(geometry.type)) return { problem: `a ${geometry.type} cannot be imported; use points, lines, polygons or their multi types` }
  const coordinates = geometry.coordinates as unknown[]
  if (coordinates.length === 0) return { problem: 'empty geometry' }
  if (!allFinite(coordinates)) return { problem: `WKT coordinates are not numbers: ${JSON.stringify(text.slice(0, 60))}` }
  return { geometry: { type: geometry.type, coordinates } }
}

/** Parses a coordinate cell; accepts a decimal comma, as Ukrainian spreadsheets write it. */
export function parseCoordinate(cell: unknown): number | undefined {
  if (typeof cell !== 'string') return undefined
  const text = cell.trim().replace(',', '.')
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined
  return Number(text)
}

/** Which of `;`, tab or `,` occurs most in a header line. */
function headerDelimiter(header: string): string {
  const count = (d: string) => header.split(d).length - 1
  return [';', '\t', ','].reduce((best, d) => (count(d) > count(best) ? d : best), ',')
}

/**
 * Reads the first chunk to tell the delimiter of the header line, and returns it with a stream
 * that yields every chunk again from the start. A `;` file may use decimal commas, so commas
 * must not split its cells.
 */
async function sniffDelimiter(input: Readable): Promise<{ delimiter: string; replay: Readable }> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  const first = await chunks.next()
  const header = first.done ? '' : (first.value.toString().split(/\r?\n/, 1)[0] ?? '')
  const replay = Readable.from(
    (async function* () {
      if (first.done) return
      yield first.value
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value
    })(),
  )
  return { delimiter: headerDelimiter(header), replay }
}

function findColumn(header: string[], wanted: string | undefined, names: string[]): string | undefined {
  if (wanted) return header.includes(wanted) ? wanted : undefined
  return header.find((h) => names.includes(h.trim().toLowerCase()))
}

/**
 * Streams the rows of a CSV as GeoJSON features: Points from latitude/longitude columns, or any
 * geometry from a WKT column (chosen when the header has one and no coordinate columns are
 * asked for). A row whose coordinates or WKT cannot be read comes with a `problem` for the report.
 */
export async function* readCsvFeatures(input: Readable, options: CsvOptions = {}): AsyncGenerator<SourceFeature> {
  const text = decodeText(input, options.encoding ?? 'utf-8')
  input.on('error', (err) => text.destroy(err))
  const sniffed = options.delimiter ? { delimiter: options.delimiter, replay: text } : await sniffDelimiter(text)
  const { delimiter, replay } = sniffed
  const rows = replay.pipe(
    parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }),
  )
  replay.on('error', (err) => rows.destroy(err))
  let header: string[] | undefined
  let lat: string | undefined
  let lon: string | undefined
  let wkt: string | undefined
  let index = 0
  try {
    for await (const row of rows as AsyncIterable<string[]>) {
      if (!header) {
        header = row
        if (options.wkt !== undefined) {
          wkt = findColumn(header, options.wkt, WKT_NAMES)
          if (!wkt) throw new ImportFileError(`the CSV has no WKT column "${options.wkt}"; the header has: ${header.join(', ')}`)
          continue
        }
        lat = findColumn(header, options.lat, LAT_NAMES)
        lon = findColumn(header, options.lon, LON_NAMES)
        const asked = options.lat !== undefined || options.lon !== undefined
        wkt = asked ? undefined : findColumn(header, undefined, WKT_NAMES)
        if (wkt) continue
        if (!lat || !lon) {
          throw new ImportFileError(
            `CSV needs latitude and longitude columns (e.g. "lat" and "lon") or a WKT geometry column ("wkt"); the header has: ${header.join(', ')}`,
          )
        }
        continue
      }
      if (wkt) {
        const properties: Record<string, string> = {}
        header.forEach((name, i) => {
          if (name !== wkt && row[i] !== undefined && row[i] !== '') properties[name] = row[i]!
        })
        const parsed = parseWktCell(row[header.indexOf(wkt)])
        if ('problem' in parsed) {
          yield { index, feature: { type: 'Feature', geometry: null, properties }, problem: `data row ${index + 1}: ${parsed.problem}` }
        } else {
          yield { index, feature: { type: 'Feature', geometry: parsed.geometry, properties } }
        }
        index++
        continue
      }
      const properties: Record<string, string> = {}
      header.forEach((name, i) => {
        if (name !== lat && name !== lon && row[i] !== undefined && row[i] !== '') properties[name] = row[i]!
      })
      const latCell = row[header.indexOf(lat!)]
      const lonCell = row[header.indexOf(lon!)]
      const y = parseCoordinate(latCell)
      const x = parseCoordinate(lonCell)
      if (x === undefined || y === undefined) {
        const problem = `coordinates missing or not numbers (${lat}=${JSON.stringify(latCell ?? '')}, ${lon}=${JSON.stringify(lonCell ?? '')})`
        yield { index: index++, feature: { type: 'Feature', geometry: null, properties }, problem }
      } else {
        yield { index: index++, feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [x, y] }, properties } }
      }
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err
    throw new ImportFileError(`invalid CSV: ${(err as Error).message}`)
  }
  if (!header) throw new ImportFileError('empty file: the CSV has no header line')
}
