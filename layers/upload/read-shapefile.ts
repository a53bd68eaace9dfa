/**
 * Reads an unpacked Shapefile (`.shp` with its `.shx`, `.dbf` and optional `.cpg` / `.prj`) as an
 * upload source: geometries in the file's own coordinates, attributes decoded in the encoding the
 * file declares or, when it declares none, the one its bytes look like, with a preview of the
 * other readings so that mojibake is never stored unseen.
 */
import { createReadStream } from 'node:fs'
import { open, readdir, readFile } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import * as shapefile from 'shapefile'
import { ImportFileError, type SourceFeature } from '../import/index.ts'
import {
  CYRILLIC_CANDIDATES,
  decodeCandidates,
  detectEncoding,
  encodingFromCpg,
  encodingFromLdid,
  textDecoderName,
} from './text-encoding.ts'
import type { EncodingChoice, UploadSource } from './upload-source.ts'

/** The records whose text is looked at to detect the encoding. */
const DETECTION_RECORDS = 200
/** The non-ASCII values shown in each candidate encoding. */
const PREVIEW_VALUES = 5

/** The files of one Shapefile, found beside the `.shp` whatever the case of their extensions. */
interface ShapefileParts {
  shp: string
  shx: string | undefined
  dbf: string | undefined
  cpg: string | undefined
  prj: string | undefined
}

async function findParts(shpPath: string): Promise<ShapefileParts> {
  const folder = dirname(shpPath)
  const base = basename(shpPath, extname(shpPath)).toLowerCase()
  const byName = new Map((await readdir(folder)).map((name) => [name.toLowerCase(), join(folder, name)]))
  const sibling = (ext: string) => byName.get(`${base}.${ext}`)
  return { shp: shpPath, shx: sibling('shx'), dbf: sibling('dbf'), cpg: sibling('cpg'), prj: sibling('prj') }
}

/** The ESRI Shapefile header: file code 9994 (big-endian), version 1000, a known shape type. */
async function checkShpHeader(shpPath: string): Promise<void> {
  const header = await readStart(shpPath, 100)
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength)
  const shapeTypes = [0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28]
  const valid =
    header.length === 100 &&
    view.getInt32(0, false) === 9994 &&
    view.getInt32(28, true) === 1000 &&
    shapeTypes.includes(view.getInt32(32, true))
  if (!valid) throw new ImportFileError(`${basename(shpPath)} is not a Shapefile (its header is not an ESRI Shapefile header)`)
}

/** Up to `length` bytes from the start of a file. */
async function readStart(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const buffer = new Uint8Array(length)
    const { bytesRead } = await handle.read(buffer, 0, length, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** What the encoding choice needs from a DBF: its language byte, raw field names, and raw text values. */
interface DbfHead {
  ldid: number
  /** Field names as bytes, in file order (decoded once the encoding is known). */
  fieldNames: Uint8Array[]
  /** The non-empty values of the character fields of the first records, trimmed of padding. */
  textValues: Uint8Array[]
}

/**
 * Reads the header and first records of a DBF: a 32-byte header (record count at 4, header
 * length at 8, record length at 10, language driver id at 29), 32-byte field descriptors up to a
 * 0x0D byte (name in 0–10, type at 11, width at 16), then fixed-width records, each after a
 * one-byte deletion flag.
 */
async function readDbfHead(dbfPath: string, shpName: string): Promise<DbfHead> {
  const notDbf = () => new ImportFileError(`${basename(dbfPath)} is not a dBase table (the attributes of ${shpName})`)
  const head = await readStart(dbfPath, 32)
  if (head.length < 32) throw notDbf()
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
  const recordCount = view.getUint32(4, true)
  const headerLength = view.getUint16(8, true)
  const recordLength = view.getUint16(10, true)
  if (headerLength < 33 || (headerLength - 1) % 32 !== 0 || recordLength < 1) throw notDbf()
  const records = Math.min(recordCount, DETECTION_RECORDS)
  const bytes = await readStart(dbfPath, headerLength + records * recordLength)
  if (bytes.length < headerLength) throw notDbf()

  const fields: Array<{ name: Uint8Array; type: string; offset: number; width: number }> = []
  let offset = 1
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11)
    const end = nameBytes.indexOf(0)
    const width = bytes[at + 16] as number
    fields.push({ name: nameBytes.subarray(0, end < 0 ? 11 : end), type: String.fromCharCode(bytes[at + 11] as number), offset, width })
    offset += width
  }
  if (offset > recordLength) throw notDbf()

  const textValues: Uint8Array[] = []
  for (let r = 0; r < records; r++) {
    const start = headerLength + r * recordLength
    if (start + recordLength > bytes.length) break
    for (const field of fields.filter((f) => f.type === 'C')) {
      const value = trimSpaces(bytes.subarray(start + field.offset, start + field.offset + field.width))
      if (value.length > 0) textValues.push(value)
    }
  }
  return { ldid: head[29] as number, fieldNames: fields.map((f) => f.name), textValues }
}

/** A DBF value without its space or NUL padding. */
function trimSpaces(value: Uint8Array): Uint8Array {
  let start = 0
  let end = value.length
  while (start < end && (value[start] === 0x20 || value[start] === 0)) start++
  while (end > start && (value[end - 1] === 0x20 || value[end - 1] === 0)) end--
  return value.subarray(start, end)
}

/**
 * Chooses the encoding: the one asked for, else the `.cpg`, else the DBF language byte, else a
 * guess from the text values. A declared encoding loses its confidence when the bytes clearly
 * say another (a `.cpg` of UTF-8 written over CP1251 data happens), so the planner checks it.
 */
async function chooseEncoding(
  asked: string | undefined,
  parts: ShapefileParts,
  head: DbfHead,
): Promise<EncodingChoice> {
  const detected = detectEncoding(head.textValues)
  const nonAscii = head.textValues.filter((value) => value.some((b) => b >= 0x80)).slice(0, PREVIEW_VALUES)
  const declared = (name: string, source: EncodingChoice['source'], confident: boolean): EncodingChoice => {
    const names: string[] = [...CYRILLIC_CANDIDATES]
    if (!names.includes(name)) names.push(name)
    return { name, source, confident, candidates: decodeCandidates(nonAscii, names) }
  }
  const contradicted = (name: string) => detected.confident && detected.name !== name

  if (asked !== undefined) {
    const name = textDecoderName(asked)
    if (!name) throw new ImportFileError(`the encoding "${asked}" is not one that can be read; try utf-8, windows-1251, ibm866 or koi8-u`)
    return declared(name, 'option', true)
  }
  const fromCpg = parts.cpg ? encodingFromCpg(await readFile(parts.cpg, 'latin1')) : undefined
  if (fromCpg) return declared(fromCpg, 'cpg', !contradicted(fromCpg))
  const fromLdid = encodingFromLdid(head.ldid)
  if (fromLdid) return declared(fromLdid, 'ldid', !contradicted(fromLdid))
  return declared(detected.name, 'detected', detected.confident)
}

/** The message for a Shapefile that lacks one of its required files. */
function missingPart(shpPath: string, ext: 'dbf' | 'shx', what: string): ImportFileError {
  const shp = basename(shpPath)
  const base = basename(shpPath, extname(shpPath))
  return new ImportFileError(
    `the Shapefile ${shp} has no .${ext} file (${what}): put ${shp}, ${base}.shx and ${base}.dbf in the zip`,
  )
}

/**
 * Opens a Shapefile that has been unpacked on disk. Its `.shx` and `.dbf` must sit beside it
 * (any case of name: `PARCELS.SHP` with `parcels.dbf`); the `.prj` becomes the declared CRS.
 * Throws ImportFileError for a missing `.shx` or `.dbf`, a `.shp` or `.dbf` that is not one, or
 * an `options.encoding` TextDecoder does not know.
 */
export async function openShapefile(shpPath: string, options: { encoding?: string } = {}): Promise<UploadSource> {
  const parts = await findParts(shpPath)
  if (!parts.dbf) throw missingPart(shpPath, 'dbf', 'its attributes')
  if (!parts.shx) throw missingPart(shpPath, 'shx', 'its index')
  await checkShpHeader(shpPath)
  const head = await readDbfHead(parts.dbf, basename(shpPath))
  const encoding = await chooseEncoding(options.encoding, parts, head)
  const decoder = new TextDecoder(encoding.name)
  const wkt = parts.prj ? (await readFile(parts.prj, 'utf-8')).replace(/^\uFEFF/, '') : undefined
  const dbfPath = parts.dbf

  return {
    format: 'shapefile',
    crs: wkt ? { wkt } : undefined,
    encoding,
    fields: head.fieldNames.map((name) => decoder.decode(name)),
    features: () => readShapefileFeatures(shpPath, dbfPath, encoding.name),
    // Each features() call opens and closes its own streams, so nothing stays open between them.
    close: async () => {},
  }
}

/**
 * Streams the records as GeoJSON Features in the file's coordinates. The `shapefile` package
 * reads the `.shp` and `.dbf` side by side (it decodes text with TextDecoder, so any WHATWG
 * encoding works) and turns ESRI rings into Polygons, holes inside the clockwise outer ring that
 * contains them, and several outer rings into a MultiPolygon. It is given streams, not paths,
 * because it appends `.shp`/`.dbf` to a path whose extension is upper-case.
 */
async function* readShapefileFeatures(shpPath: string, dbfPath: string, encoding: string): AsyncGenerator<SourceFeature> {
  const shp = createReadStream(shpPath)
  const dbf = createReadStream(dbfPath)
  const source = await shapefile.open(shp, dbf, { encoding }).catch((err: unknown) => {
    shp.destroy()
    dbf.destroy()
    throw unreadable(shpPath, err)
  })
  let index = 0
  try {
    for (;;) {
      const next = await source.read().catch((err: unknown) => {
        throw unreadable(shpPath, err)
      })
      if (next.done) return
      const feature = next.value
      yield feature.geometry === null
        ? { index: index++, feature, problem: 'the record has no geometry (null shape)' }
        : { index: index++, feature }
    }
  } finally {
    await source.cancel()
  }
}

function unreadable(shpPath: string, err: unknown): ImportFileError {
  const reason = err instanceof Error ? err.message : String(err)
  return new ImportFileError(`the Shapefile ${basename(shpPath)} could not be read: ${reason}`)
}
