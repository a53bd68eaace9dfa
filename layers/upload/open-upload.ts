/**
 * From a file on disk to an {@link UploadSource}: what the bytes are decides the reader, a zip is
 * unpacked under its limits first, and the one dataset inside it is found.
 */
import { rm } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { ImportFileError, openDataFile, readCsvFeatures, readGeoJsonFeatures } from '../import/index.ts'
import { unpackZip } from './archive.ts'
import { openGeoPackage } from './read-geopackage.ts'
import { openKml } from './read-kml.ts'
import { openShapefile } from './read-shapefile.ts'
import { sniffFile } from './sniff.ts'
import { decodeCandidates, detectEncoding } from './text-encoding.ts'
import type { DeclaredCrs, EncodingChoice, UploadSource } from './upload-source.ts'

/** How to read the file: an encoding the planner chose over the detected one. */
export interface OpenOptions {
  encoding?: string | undefined
}

const DATA_EXTENSIONS = ['.shp', '.gpkg', '.geojson', '.json', '.kml', '.csv', '.txt', '.tsv']

/**
 * Opens an uploaded file for reading. `workDir` is the upload's own folder, where a zip is
 * unpacked. Throws {@link ImportFileError} with a message for the planner when the file cannot be
 * read: a document instead of data, a zip with no dataset or several, a hostile archive.
 */
export async function openUpload(path: string, originalName: string, workDir: string, options: OpenOptions = {}): Promise<UploadSource> {
  const { kind } = await sniffFile(path, originalName)
  switch (kind) {
    case 'pdf':
      throw new ImportFileError(`${originalName} is a PDF document, not map data: attach it to the layer as a document`)
    case 'zip': {
      // A file read again (another encoding) is unpacked afresh.
      await rm(join(workDir, 'unpacked'), { recursive: true, force: true })
      const files = await unpackZip(path, join(workDir, 'unpacked'))
      const inside = datasetIn(files.map((f) => ({ name: f.name, path: f.path })), originalName)
      // A Shapefile is its .shp with the files beside it; anything else is sniffed on its own.
      if (extname(inside.name).toLowerCase() === '.shp') return openShapefile(inside.path, { encoding: options.encoding })
      return openUpload(inside.path, inside.name, workDir, options)
    }
    case 'gzip':
    case 'geojson':
      return openGeoJson(path)
    case 'kml':
      return openKml(path)
    case 'gpkg':
      return openGeoPackage(path)
    case 'csv':
      return openCsv(path, options)
    default:
      // The sniffer refuses everything else; a kind it learns later must be read here first.
      throw new ImportFileError(`${originalName}: files of this kind cannot be read`)
  }
}

/** The one dataset of an unpacked zip: one Shapefile, or one file of another format. */
function datasetIn(files: Array<{ name: string; path: string }>, zipName: string): { name: string; path: string } {
  const shapefiles = files.filter((f) => extname(f.name).toLowerCase() === '.shp')
  if (shapefiles.length > 1) {
    throw new ImportFileError(`${zipName} holds ${shapefiles.length} Shapefiles (${shapefiles.map((f) => f.name).join(', ')}): upload one layer per zip`)
  }
  if (shapefiles.length === 1) return shapefiles[0]!
  const data = files.filter((f) => DATA_EXTENSIONS.includes(extname(f.name).toLowerCase()))
  if (data.length === 1) return data[0]!
  if (data.length > 1) throw new ImportFileError(`${zipName} holds ${data.length} data files (${data.map((f) => f.name).join(', ')}): upload one layer per zip`)
  const partsOfShapefile = files.filter((f) => ['.dbf', '.shx', '.prj'].includes(extname(f.name).toLowerCase()))
  if (partsOfShapefile.length > 0) throw new ImportFileError(`${zipName} holds parts of a Shapefile but no .shp file (its geometries)`)
  throw new ImportFileError(`${zipName} holds no map data: expected a Shapefile (.shp, .shx, .dbf), GeoPackage, GeoJSON, KML or CSV`)
}

/** The first bytes of a file, enough to find a GeoJSON `crs` member or to guess a CSV's encoding. */
async function head(path: string, bytes = 65536): Promise<Buffer> {
  const input = await openDataFile(path)
  const chunks: Buffer[] = []
  let length = 0
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      length += chunk.length
      if (length >= bytes) break
    }
  } finally {
    input.destroy()
  }
  return Buffer.concat(chunks).subarray(0, bytes)
}

const CRS_NAME = /"crs"\s*:\s*\{[^{}]*"properties"\s*:\s*\{[^{}]*"name"\s*:\s*"([^"]+)"/

/**
 * The coordinate system a GeoJSON file names. Files written by GDAL in another system carry the
 * older `crs` member naming it (`urn:ogc:def:crs:EPSG::6384`), before the features; OGC:CRS84
 * and its URN spellings are lon/lat. Without the member, undefined: RFC 7946 says lon/lat, which
 * the reader takes when the coordinates are lon/lat, and asks about when they are metres (a
 * file exported without its `crs` member is not placed in the Gulf of Guinea).
 */
export function geoJsonCrs(text: string): DeclaredCrs | undefined {
  const beforeFeatures = text.split('"features"', 1)[0] ?? ''
  const name = CRS_NAME.exec(beforeFeatures)?.[1]
  if (!name) return undefined
  const code = /EPSG:{1,2}(\d{4,6})$/i.exec(name)?.[1]
  return code ? { srid: Number(code) } : { srid: 4326 }
}

async function openGeoJson(path: string): Promise<UploadSource> {
  const crs = geoJsonCrs((await head(path)).toString('utf8'))
  return {
    format: 'geojson',
    crs,
    encoding: { name: 'utf-8', source: 'default', confident: true, candidates: [] },
    fields: [],
    async *features() {
      const input = await openDataFile(path)
      try {
        yield* readGeoJsonFeatures(input)
      } finally {
        input.destroy()
      }
    },
    close: async () => {},
  }
}

/** Non-ASCII lines of a CSV's head, for guessing its encoding (Excel saves CP1251 here). */
function nonAsciiLines(bytes: Buffer): Uint8Array[] {
  const lines: Uint8Array[] = []
  let start = 0
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const line = bytes.subarray(start, i)
      if (line.some((b) => b >= 0x80)) lines.push(line)
      start = i + 1
    }
  }
  // The last line may be cut in the middle of a character.
  return lines.length > 1 ? lines.slice(0, -1) : lines
}

async function openCsv(path: string, options: OpenOptions): Promise<UploadSource> {
  const bytes = await head(path)
  const samples = nonAsciiLines(bytes)
  let encoding: EncodingChoice
  if (options.encoding) encoding = { name: options.encoding, source: 'option', confident: true, candidates: decodeCandidates(samples) }
  else if (samples.length === 0) encoding = { name: 'utf-8', source: 'default', confident: true, candidates: [] }
  else encoding = { ...detectEncoding(samples), source: 'detected', candidates: decodeCandidates(samples) }
  const header = new TextDecoder(encoding.name).decode(bytes).split(/\r?\n/, 1)[0] ?? ''
  const delimiter = [';', '\t', ','].reduce((best, d) => (header.split(d).length > header.split(best).length ? d : best), ',')
  return {
    format: 'csv',
    crs: undefined,
    encoding,
    fields: header.split(delimiter).map((h) => h.trim().replace(/^\uFEFF/, '').replace(/^"|"$/g, '')),
    async *features() {
      const input = await openDataFile(path)
      try {
        yield* readCsvFeatures(input, { encoding: encoding.name })
      } finally {
        input.destroy()
      }
    },
    close: async () => {},
  }
}

/** The name of a file as a planner knows it: no folders, at most 255 characters. */
export function displayName(name: string): string {
  const base = basename(name.replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f]/g, '')
  return (base || 'upload').slice(0, 255)
}
