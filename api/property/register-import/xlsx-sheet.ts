/**
 * Reads the first sheet of an XLSX workbook into rows of text, inside size limits: a workbook is a
 * zip, and a zip can be built to unpack to far more than it weighs. The sizes the archive declares
 * are checked before anything is inflated, and the inflated bytes are counted as well, because
 * declarations can lie.
 */
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { PropertyImportError } from './import-error.ts'

/** A row of the sheet with its row number (1-based, as the spreadsheet shows it). */
export interface SheetRow {
  line: number
  /** The cells by column; a workbook's rows may be sparse (a missing cell reads as undefined). */
  cells: string[]
}

/** Bounds on what one workbook may unpack to and hold. */
export interface SheetLimits {
  /** Bytes of the workbook's parts that are read (the sheet, shared strings, the workbook), unpacked. */
  maxBytes: number
  /** Rows of the sheet after its first (the header). */
  maxRows: number
}

const MAX_ENTRIES = 10_000

/**
 * The rows of the workbook's first sheet, as text: shared and inline strings, numbers as the
 * file stores them (`1234.5`), booleans as `TRUE`/`FALSE`, error cells empty. Blank rows are
 * left out. Throws `PropertyImportError` for bytes that are not a zip, a zip that is not a
 * workbook, and a workbook over `limits`.
 */
export async function readFirstSheet(bytes: Uint8Array, limits: SheetLimits): Promise<SheetRow[]> {
  const zip = await openZip(bytes)
  try {
    const entries = await readEntries(zip)
    const budget = { left: limits.maxBytes, limit: limits.maxBytes }
    const workbook = await readXml(zip, entries, 'xl/workbook.xml', budget)
    if (workbook === undefined) throw new PropertyImportError('The file is a zip archive but not an XLSX workbook (it has no xl/workbook.xml).')
    const sheetPath = await firstSheetPath(zip, entries, workbook, budget)
    const sheet = await readXml(zip, entries, sheetPath, budget)
    if (sheet === undefined) throw new PropertyImportError(`The workbook names its first sheet ${sheetPath}, but the file does not hold it.`)
    if (countRows(sheet) > limits.maxRows + 1) throw tooManyRows(limits.maxRows)
    const shared = sharedStrings(await readXml(zip, entries, 'xl/sharedStrings.xml', budget))
    return sheetRows(sheet, shared)
  } finally {
    zip.close()
  }
}

/** The error for a sheet longer than the limit. */
export function tooManyRows(maxRows: number): PropertyImportError {
  return new PropertyImportError(`The file has more than ${maxRows.toLocaleString('en')} lines; at most ${maxRows.toLocaleString('en')} are imported at once. Split it into smaller files.`)
}

/** The error for a file or workbook larger than the limit. */
export function tooLarge(maxBytes: number): PropertyImportError {
  return new PropertyImportError(`The file holds more than ${Math.round(maxBytes / 1024 ** 2)} MB of data (unpacked); at most ${Math.round(maxBytes / 1024 ** 2)} MB are imported at once. Split it into smaller files.`)
}

function openZip(bytes: Uint8Array): Promise<ZipFile> {
  return new Promise((done, fail) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error) fail(new PropertyImportError(`The file is not a readable XLSX workbook (${error.message}).`))
      else done(zip)
    })
  })
}

function readEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  if (zip.entryCount > MAX_ENTRIES) return Promise.reject(new PropertyImportError(`The workbook holds ${zip.entryCount} parts; a spreadsheet has far fewer.`))
  const entries = new Map<string, Entry>()
  return new Promise((done, fail) => {
    zip.on('error', (error: Error) => fail(new PropertyImportError(`The XLSX workbook is damaged (${error.message}).`)))
    zip.on('end', () => done(entries))
    zip.on('entry', (entry: Entry) => {
      entries.set(entry.fileName.replace(/^\/+/, ''), entry)
      zip.readEntry()
    })
    zip.readEntry()
  })
}

/** One part of the workbook as text, or undefined when absent; counted against `budget`. */
async function readXml(zip: ZipFile, entries: Map<string, Entry>, name: string, budget: { left: number; limit: number }): Promise<string | undefined> {
  const entry = entries.get(name)
  if (!entry) return undefined
  if (entry.isEncrypted()) throw new PropertyImportError('The workbook is encrypted (password-protected); save it without a password.')
  if (entry.uncompressedSize > budget.left) throw tooLarge(budget.limit)
  const stream = await new Promise<NodeJS.ReadableStream>((done, fail) =>
    zip.openReadStream(entry, (error, s) => (error ? fail(new PropertyImportError(`The XLSX workbook is damaged (${error.message}).`)) : done(s))),
  )
  const chunks: Buffer[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, next) {
      budget.left -= chunk.length
      if (budget.left < 0) return next(tooLarge(budget.limit))
      chunks.push(chunk)
      next()
    },
  })
  try {
    await pipeline(stream, sink)
  } catch (error) {
    throw error instanceof PropertyImportError ? error : new PropertyImportError(`The XLSX workbook is damaged (${(error as Error).message}).`)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  // Workbooks never declare a DTD; one here can only be an entity-expansion attack.
  if (/<!DOCTYPE/i.test(text)) throw new PropertyImportError(`The workbook part ${name} declares a DTD; such files are refused.`)
  return text
}

/*
 * The parts are scanned rather than parsed into a tree: a sheet is a flat list of rows of cells,
 * and a tree of a 50 MB sheet would take twenty times that in memory. The scan only moves
 * forward (an open tag stops at the next `<`, a missing end tag ends the scan), so a forged part
 * costs one pass, never one pass per tag. Element names may carry a namespace prefix (`<x:row>`),
 * which some writers add.
 */
const PREFIX = '(?:[A-Za-z_][\\w.-]*:)?'

/** An element found by {@link elements}: its attribute text, its content (undefined when empty), and where it ends. */
interface XmlElement {
  attributes: string
  inner: string | undefined
  start: number
  end: number
}

/** The `name` elements of `xml` in order; elements of that name are not expected to nest. */
function* elements(xml: string, name: string): Generator<XmlElement> {
  const open = new RegExp(`<${PREFIX}${name}(?=[\\s/>])([^<>]*)>`, 'g')
  const close = new RegExp(`</${PREFIX}${name}\\s*>`, 'g')
  for (let match = open.exec(xml); match; match = open.exec(xml)) {
    const attributes = match[1] ?? ''
    const contentStart = match.index + match[0].length
    if (attributes.endsWith('/')) {
      yield { attributes: attributes.slice(0, -1), inner: undefined, start: match.index, end: contentStart }
      continue
    }
    close.lastIndex = contentStart
    const end = close.exec(xml)
    if (!end) throw new PropertyImportError(`The XLSX workbook is damaged (a <${name}> element is not closed).`)
    yield { attributes, inner: xml.slice(contentStart, end.index), start: match.index, end: close.lastIndex }
    open.lastIndex = close.lastIndex
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** XML text with its five named entities and numeric character references resolved. */
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name]!
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/** The value of attribute `name` in an element's attribute text, unescaped; undefined when absent. */
function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes)
  return match ? unescapeXml(match[1] ?? match[2] ?? '') : undefined
}

/** The text of a string item (`<si>`, `<is>`): its `<t>` runs joined, phonetic guides (`<rPh>`) left out. */
function itemText(inner: string | undefined): string {
  if (!inner) return ''
  let visible = ''
  let from = 0
  for (const guide of elements(inner, 'rPh')) {
    visible += inner.slice(from, guide.start)
    from = guide.end
  }
  visible += inner.slice(from)
  let text = ''
  for (const t of elements(visible, 't')) text += unescapeXml(t.inner ?? '')
  return text
}

async function firstSheetPath(zip: ZipFile, entries: Map<string, Entry>, workbookXml: string, budget: { left: number; limit: number }): Promise<string> {
  const sheet = elements(workbookXml, 'sheet').next().value
  // The relationship id is `r:id` in the usual namespace, whatever prefix a writer chose.
  const relId = sheet ? /(?:^|\s)[\w.-]+:id\s*=\s*"([^"]*)"/.exec(sheet.attributes)?.[1] : undefined
  const relsXml = await readXml(zip, entries, 'xl/_rels/workbook.xml.rels', budget)
  if (relId && relsXml) {
    for (const rel of elements(relsXml, 'Relationship')) {
      if (attribute(rel.attributes, 'Id') !== relId) continue
      const target = attribute(rel.attributes, 'Target')
      if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`
    }
  }
  return 'xl/worksheets/sheet1.xml'
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return []
  return Array.from(elements(xml, 'si'), (item) => itemText(item.inner))
}

/** `B12` → 1 (the column, 0-based); undefined for a reference it cannot read. */
function columnIndex(ref: string | undefined): number | undefined {
  const letters = ref ? /^([A-Z]{1,3})\d+$/.exec(ref)?.[1] : undefined
  if (!letters) return undefined
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
}

/** The content of the first `name` element in `inner`, or undefined. */
const firstContent = (inner: string | undefined, name: string): string | undefined => (inner ? elements(inner, name).next().value?.inner : undefined)

function cellText(cell: XmlElement, shared: string[]): string {
  const value = unescapeXml(firstContent(cell.inner, 'v') ?? '')
  switch (attribute(cell.attributes, 't')) {
    case 's':
      return shared[Number(value)] ?? ''
    case 'inlineStr':
      return itemText(firstContent(cell.inner, 'is'))
    case 'b':
      return value === '1' ? 'TRUE' : 'FALSE'
    case 'e':
      return ''
    default:
      return value
  }
}

function sheetRows(xml: string, shared: string[]): SheetRow[] {
  const result: SheetRow[] = []
  let index = 0
  for (const row of elements(xml, 'row')) {
    index++
    const line = Number(attribute(row.attributes, 'r')) || index
    const cells: string[] = []
    for (const cell of elements(row.inner ?? '', 'c')) {
      const column = columnIndex(attribute(cell.attributes, 'r')) ?? cells.length
      if (column > 16_384) continue // past Excel's last column: a forged reference
      cells[column] = cellText(cell, shared)
    }
    // Left sparse: a forged reference to a far column must not make every row that wide.
    if (cells.some((cell) => cell.trim() !== '')) result.push({ line, cells })
  }
  return result
}

/** Rows counted in the text before it is parsed, so that a sheet of a million rows is refused cheaply. */
function countRows(xml: string): number {
  let count = 0
  for (const _ of xml.matchAll(/<(?:\w+:)?row[\s>]/g)) count++
  return count
}
