/**
 * A register spreadsheet as a header and rows of text, whatever it came as: CSV in UTF-8 (with or
 * without a BOM) or Windows-1251, separated by `;` or `,`, or the first sheet of an XLSX
 * workbook. Files built to harm the server are refused with a message that says why.
 */
import { parse } from 'csv-parse/sync'
import { PropertyImportError } from './import-error.ts'
import { readFirstSheet, type SheetRow, tooLarge, tooManyRows } from './xlsx-sheet.ts'

/** At most this many lines (the header aside) are imported from one file. */
export const MAX_REGISTER_LINES = 100_000
/** At most this many bytes of a file, or of a workbook unpacked, are read. */
export const MAX_REGISTER_BYTES = 50 * 1024 ** 2

/** A register file read into text. */
export interface RegisterTable {
  /** The header cells as the file writes them. */
  header: string[]
  /** The lines after the header, each with its line (CSV) or row (XLSX) number; blank lines left out. */
  rows: SheetRow[]
  format: 'csv' | 'xlsx'
  /** The text encoding of a CSV file; undefined for XLSX. */
  encoding?: 'utf-8' | 'windows-1251'
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte)

/**
 * Reads `bytes` (named `fileName`) as a register table. A zip is read as XLSX whatever its name;
 * a file named `.xlsx` that is not a zip, an old binary `.xls`, a file with binary content, an
 * empty file and a file with only a header are refused, as is anything over
 * {@link MAX_REGISTER_LINES} lines or {@link MAX_REGISTER_BYTES} bytes. Throws `PropertyImportError`.
 */
export async function readRegisterTable(fileName: string, bytes: Uint8Array): Promise<RegisterTable> {
  if (bytes.byteLength > MAX_REGISTER_BYTES) throw tooLarge(MAX_REGISTER_BYTES)
  if (bytes.byteLength === 0) throw new PropertyImportError(`The file ${fileName} is empty.`)
  const table =
    startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC)
      ? await readXlsx(bytes)
      : readCsv(fileName, bytes)
  if (table.header.every((cell) => cell.trim() === '')) throw new PropertyImportError(`The file ${fileName} is empty.`)
  if (table.rows.length === 0) throw new PropertyImportError(`The file ${fileName} has a header but no lines to import.`)
  return table
}

async function readXlsx(bytes: Uint8Array): Promise<RegisterTable> {
  const [header, ...rows] = await readFirstSheet(bytes, { maxBytes: MAX_REGISTER_BYTES, maxRows: MAX_REGISTER_LINES })
  return { header: header?.cells ?? [], rows, format: 'xlsx' }
}

function readCsv(fileName: string, bytes: Uint8Array): RegisterTable {
  if (/\.xlsx$/i.test(fileName)) throw new PropertyImportError(`The file ${fileName} is named .xlsx but is not an XLSX workbook (not a zip archive).`)
  if (startsWith(bytes, OLE_MAGIC)) throw new PropertyImportError(`The file ${fileName} is an old Excel 97–2003 workbook (.xls); save it as XLSX or CSV.`)
  if (isBinary(bytes)) throw new PropertyImportError(`The file ${fileName} is not a CSV text file: it holds binary data. Send the register as CSV or XLSX.`)
  const { text, encoding } = decodeText(bytes)
  if (text.trim() === '') throw new PropertyImportError(`The file ${fileName} is empty.`)
  const delimiter = detectDelimiter(text)
  let records: Array<{ record: string[]; info: { lines: number } }>
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: MAX_REGISTER_LINES + 2 }) as unknown as typeof records
  } catch (error) {
    throw new PropertyImportError(`The CSV file ${fileName} cannot be read: ${(error as Error).message}`)
  }
  if (records.length > MAX_REGISTER_LINES + 1) throw tooManyRows(MAX_REGISTER_LINES)
  const [header, ...rest] = records
  const rows = rest
    .map(({ record, info }) => ({ line: info.lines, cells: record }))
    .filter((row) => row.cells.some((cell) => cell.trim() !== ''))
  return { header: header?.record ?? [], rows, format: 'csv', encoding }
}

/** NUL bytes, or many control characters, do not occur in a text spreadsheet. */
function isBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192)
  let control = 0
  for (const byte of sample) {
    if (byte === 0) return true
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++
  }
  return control > sample.length / 100
}

/** UTF-8 when the bytes are valid UTF-8 (the BOM dropped); otherwise Windows-1251, which decodes any byte. */
function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' }
  } catch {
    // `fatal` makes TextDecoder throw on the first invalid sequence: that is the sign of a one-byte code page.
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' }
  }
}

/** The separator of the header line, counted outside quotes: `;`, `,` or a tab; `,` when none. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[';', 0], [',', 0], ['\t', 0]])
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!
  return n > 0 ? best : ','
}
