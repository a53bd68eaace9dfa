import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { ImportFileError, type SourceFeature } from './source-feature.ts'

/** Which columns hold the coordinates; detected from the header when not given. */
export interface CsvOptions {
  delimiter?: string
  lat?: string
  lon?: string
}

const LAT_NAMES = ['lat', 'latitude', 'y', 'широта']
const LON_NAMES = ['lon', 'lng', 'long', 'longitude', 'x', 'довгота']

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
 * Streams the rows of a CSV with latitude/longitude columns as GeoJSON Point features; a row
 * whose coordinates are missing or not numbers comes with a `problem` for the report.
 */
export async function* readCsvFeatures(input: Readable, options: CsvOptions = {}): AsyncGenerator<SourceFeature> {
  const sniffed = options.delimiter ? { delimiter: options.delimiter, replay: input } : await sniffDelimiter(input)
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
  let index = 0
  try {
    for await (const row of rows as AsyncIterable<string[]>) {
      if (!header) {
        header = row
        lat = findColumn(header, options.lat, LAT_NAMES)
        lon = findColumn(header, options.lon, LON_NAMES)
        if (!lat || !lon) {
          throw new ImportFileError(
            `CSV needs latitude and longitude columns (e.g. "lat" and "lon"); the header has: ${header.join(', ')}`,
          )
        }
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
