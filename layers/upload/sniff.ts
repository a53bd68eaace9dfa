/**
 * Looks at an uploaded file's first bytes before any reader opens it: says which format it really
 * is, and refuses what no reader should touch (executables, other archives, images, junk), naming
 * what the file is so the planner knows what went wrong.
 */
import { open, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { ImportFileError } from '../import/index.ts'

/** The formats an upload may be, judged by content. `zip` and `gzip` still have to be unpacked. */
export type SniffedKind = 'zip' | 'gzip' | 'geojson' | 'kml' | 'gpkg' | 'csv' | 'pdf'

/** What `sniffFile` found an upload to be. */
export interface SniffedFile {
  kind: SniffedKind
}

/** A known start of a file: the bytes at `offset`, and what a planner would call such a file. */
interface Signature {
  bytes: number[] | string
  offset?: number
  /** Reads after "is": `a Windows executable`. */
  what: string
  /** Set when the format is accepted; unset signatures are refused. */
  kind?: SniffedKind
}

/** Checked in order; the first match wins. Strings are compared as Latin-1 bytes. */
const SIGNATURES: Signature[] = [
  { bytes: 'PK\x03\x04', what: 'a zip archive', kind: 'zip' },
  { bytes: 'PK\x05\x06', what: 'a zip archive', kind: 'zip' }, // an empty zip
  { bytes: [0x1f, 0x8b], what: 'a gzip file', kind: 'gzip' },
  { bytes: '%PDF-', what: 'a PDF document', kind: 'pdf' },
  { bytes: 'SQLite format 3\0', what: 'a GeoPackage', kind: 'gpkg' },
  { bytes: 'MZ', what: 'a Windows executable' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a Linux executable (ELF)' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], what: 'a macOS executable' },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], what: 'a macOS executable' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], what: 'a macOS executable' },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], what: 'a macOS executable' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], what: 'a macOS executable or Java class' },
  { bytes: '#!', what: 'a script (#!)' },
  { bytes: 'Rar!\x1a\x07', what: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: 'ustar', offset: 257, what: 'a tar archive' },
  { bytes: 'BZh', what: 'a bzip2 archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz archive' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a Zstandard archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: 'GIF8', what: 'a GIF image' },
  { bytes: 'II*\0', what: 'a TIFF image' },
  { bytes: 'MM\0*', what: 'a TIFF image' },
  { bytes: 'RIFF', what: 'a RIFF file (WebP image, audio or video)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Microsoft Office document (.doc, .xls)' },
  { bytes: [0x00, 0x00, 0x27, 0x0a], what: 'the .shp part of a Shapefile; zip the .shp, .shx, .dbf and .prj together' },
  { bytes: [0xff, 0xfe], what: 'text saved as UTF-16; save it as UTF-8 (in Excel: "CSV UTF-8")' },
  { bytes: [0xfe, 0xff], what: 'text saved as UTF-16; save it as UTF-8 (in Excel: "CSV UTF-8")' },
]

/** GeoPackage's SQLite application_id (offset 68): `GPKG` since 1.2, `GP10`/`GP11` before. */
const GEOPACKAGE_IDS = ['GPKG', 'GP10', 'GP11']

/** What a file's extension promises, for the "not a …" half of a mismatch message. */
const EXTENSIONS: Record<string, { kinds: SniffedKind[]; what: string }> = {
  '.pdf': { kinds: ['pdf'], what: 'a PDF' },
  '.zip': { kinds: ['zip'], what: 'a zip archive' },
  '.kmz': { kinds: ['zip'], what: 'a KMZ (zipped KML)' },
  '.gz': { kinds: ['gzip'], what: 'a gzip file' },
  '.gpkg': { kinds: ['gpkg'], what: 'a GeoPackage' },
  // A browser may send gzip-compressed GeoJSON under its plain name.
  '.geojson': { kinds: ['geojson', 'gzip'], what: 'GeoJSON' },
  '.json': { kinds: ['geojson', 'gzip'], what: 'GeoJSON' },
  '.kml': { kinds: ['kml'], what: 'KML' },
  '.xml': { kinds: ['kml'], what: 'KML' },
  '.csv': { kinds: ['csv'], what: 'a CSV table' },
  '.tsv': { kinds: ['csv'], what: 'a CSV table' },
  '.txt': { kinds: ['csv', 'geojson', 'kml'], what: 'a text table' },
}

/** How many bytes are read to decide: enough for the tar magic and a KML root after a long XML prologue. */
const HEAD_BYTES = 8192

/**
 * Says which format the uploaded file at `path` really is, by its content; `originalName` (the
 * name the planner's browser sent) only breaks ties between text formats and words the messages.
 * Throws `ImportFileError` for an empty file, an executable, an archive other than zip/gzip, an
 * image, unrecognised binary data, or a file whose content contradicts its extension.
 */
export async function sniffFile(path: string, originalName: string): Promise<SniffedFile> {
  const name = originalName.split(/[\\/]/).pop() ?? originalName // some browsers send a Windows path
  const head = await readHead(path)
  if (head.length === 0) throw new ImportFileError(`The file ${name} is empty (0 bytes).`)
  const found = identify(head)
  const expected = EXTENSIONS[extname(name).toLowerCase()]
  if (!found.kind || (expected && !expected.kinds.includes(found.kind))) {
    const claim = expected ? `, not ${expected.what}` : ''
    throw new ImportFileError(`Refused: the file named ${name} is ${found.what}${claim}.`)
  }
  return { kind: found.kind }
}

/**
 * Checks that the file at `path` is a complete PDF of at most `maxBytes`, for attaching as a
 * document: it starts with `%PDF-1.` or `%PDF-2.` and has `%%EOF` in its last kilobyte. Returns
 * the page count when the page tree says it plainly. Throws `ImportFileError` naming the reason.
 */
export async function checkPdf(path: string, maxBytes: number): Promise<{ pages?: number }> {
  const { size } = await stat(path)
  if (size === 0) throw new ImportFileError('The document is empty (0 bytes).')
  if (size > maxBytes) throw new ImportFileError(`The document is ${megabytes(size)}; the limit is ${megabytes(maxBytes)}.`)
  const head = await readHead(path)
  if (!/^%PDF-[12]\./.test(head.toString('latin1', 0, 8))) {
    throw new ImportFileError(`The document is not a PDF: it is ${identify(head).what}.`)
  }
  const tail = await readAt(path, Math.max(0, size - 1024), 1024)
  if (!tail.toString('latin1').includes('%%EOF')) {
    throw new ImportFileError(`The document is an incomplete PDF (it has no end-of-file marker): upload it again.`)
  }
  return { pages: countPages(await readAt(path, 0, Math.min(size, PAGE_TREE_SCAN_BYTES))) }
}

/** The part of a PDF searched for its page tree; large scanned plans keep it near one end or compress it. */
const PAGE_TREE_SCAN_BYTES = 4 * 1024 * 1024

/** The largest `/Count` of an uncompressed `/Type /Pages` dictionary: the root's, the document's page count. */
function countPages(pdf: Buffer): number | undefined {
  let pages: number | undefined
  for (const [dict] of pdf.toString('latin1').matchAll(/<<(?:(?!<<|>>)[\s\S])*?\/Type\s*\/Pages\b(?:(?!<<|>>)[\s\S])*>>/g)) {
    const count = /\/Count\s+(\d+)/.exec(dict)
    if (count) pages = Math.max(pages ?? 0, Number(count[1]))
  }
  return pages
}

/** What the first bytes say: a signature's verdict, or the verdict on text. */
function identify(head: Buffer): { kind?: SniffedKind; what: string } {
  const signature = SIGNATURES.find((s) => startsWith(head, s.bytes, s.offset ?? 0))
  if (signature?.kind === 'gpkg') {
    return GEOPACKAGE_IDS.includes(head.toString('latin1', 68, 72)) ? signature : { what: 'an SQLite database but not a GeoPackage' }
  }
  if (signature) return signature
  if (!looksLikeText(head)) return { what: 'binary data of no known format' }
  return identifyText(head.toString('utf8').replace(/^\uFEFF/, '').trimStart())
}

/** Text decides by its first characters: JSON, XML (KML or not), HTML, or a delimited table. */
function identifyText(text: string): { kind?: SniffedKind; what: string } {
  if (text.startsWith('{')) return { kind: 'geojson', what: 'GeoJSON' }
  if (/^<!DOCTYPE html|^<html/i.test(text)) return { what: 'a web page (HTML)' }
  if (text.startsWith('<')) return /<(\w+:)?kml[\s>]/.test(text) ? { kind: 'kml', what: 'KML' } : { what: 'an XML file that is not KML' }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  if (/[,;\t|]/.test(firstLine)) return { kind: 'csv', what: 'a CSV table' }
  return { what: 'text that is neither GeoJSON, KML nor a table' }
}

/** Text has no NUL bytes and few control characters; bytes of 0x80 and above may be any 8-bit code page. */
function looksLikeText(head: Buffer): boolean {
  let control = 0
  for (const byte of head) {
    if (byte === 0) return false
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control++
  }
  return control <= head.length / 100
}

function startsWith(head: Buffer, bytes: number[] | string, offset: number): boolean {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes)
  return head.length >= offset + expected.length && head.subarray(offset, offset + expected.length).equals(expected)
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

function readHead(path: string): Promise<Buffer> {
  return readAt(path, 0, HEAD_BYTES)
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await file.read(buffer, 0, length, position)
    return buffer.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}
