import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { PropertyImportError } from './import-error.ts'
import { MAX_REGISTER_BYTES, MAX_REGISTER_LINES, readRegisterTable } from './register-table.ts'

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)))
const dir = mkdtempSync(join(tmpdir(), 'register-table-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * A workbook written by Python's zipfile: a real zip whose sheet is `rows` rows long, or whose
 * sheet is padded with `padMb` megabytes of spaces (they compress a thousandfold).
 */
function pythonWorkbook(name: string, options: { rows?: number; padMb?: number }): Uint8Array {
  const path = join(dir, name)
  const script = `
import sys, zipfile
path, rows, pad = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as sheet:
        sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        for r in range(1, rows + 1):
            sheet.write(('<row r="%d"><c r="A%d" t="inlineStr"><is><t>%d</t></is></c></row>' % (r, r, r)).encode())
        chunk = b' ' * (1024 * 1024)
        for _ in range(pad):
            sheet.write(chunk)
        sheet.write(b'</sheetData></worksheet>')
`
  execFileSync('python3', ['-c', script, path, String(options.rows ?? 2), String(options.padMb ?? 0)])
  return new Uint8Array(readFileSync(path))
}

async function refusal(fileName: string, bytes: Uint8Array): Promise<string> {
  const error = await readRegisterTable(fileName, bytes).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(PropertyImportError)
  return (error as Error).message
}

describe('readRegisterTable', () => {
  it('reads a UTF-8 CSV with a BOM, separated by commas, with quoted cells', async () => {
    const table = await readRegisterTable('register.csv', fixture('register-utf8-bom.csv'))
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8' })
    expect(table.header[0]).toBe('ЄДРПОУ балансоутримувача')
    expect(table.rows).toEqual([
      { line: 2, cells: ['03359500', 'КП "Керуюча компанія"', '10310001', 'Нежитлове приміщення', 'м. Київ, вул. Хрещатик, 22', '1 234,5', 'вільне', 'жовтий'] },
    ])
  })

  it('reads a Windows-1251 CSV separated by semicolons', async () => {
    const table = await readRegisterTable('register.csv', fixture('register-cp1251.csv'))
    expect(table).toMatchObject({ format: 'csv', encoding: 'windows-1251' })
    expect(table.header.map((h) => h.trim())).toEqual(['ЄДРПОУ  балансоутримувача', 'НАЙМЕНУВАННЯ БАЛАНСОУТРИМУВАЧА', 'Інв. №', 'Найменування об’єкта', 'Адреса', 'Площа (кв.м)', 'Стан оренди', 'Користувач'])
    expect(table.rows[0]!.cells[5]).toBe('87,25')
  })

  it('reads the first sheet of an XLSX workbook written by exceljs', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Реєстр')
    sheet.addRow(['Кадастровий номер', 'Площа, га', 'Цільове призначення'])
    sheet.addRow(['8000000000:76:019:0019', 0.0915, 'Для будівництва'])
    sheet.addRow([])
    sheet.addRow(['8000000000:76:019:0020', 1.5, { richText: [{ text: 'Для ' }, { text: 'торгівлі', font: { bold: true } }] }])
    sheet.addRow(['8000000000:76:019:0021', null, 'Кафе "Ріг & Копито" <центр>'])
    workbook.addWorksheet('Other').addRow(['not read'])
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
    const table = await readRegisterTable('register.xlsx', bytes)
    expect(table.format).toBe('xlsx')
    expect(table.header).toEqual(['Кадастровий номер', 'Площа, га', 'Цільове призначення'])
    expect(table.rows).toEqual([
      { line: 2, cells: ['8000000000:76:019:0019', '0.0915', 'Для будівництва'] },
      { line: 4, cells: ['8000000000:76:019:0020', '1.5', 'Для торгівлі'] },
      { line: 5, cells: ['8000000000:76:019:0021', undefined, 'Кафе "Ріг & Копито" <центр>'] },
    ])
  })

  it('reads a workbook whose elements carry a namespace prefix, with inline strings', async () => {
    const path = join(dir, 'prefixed.xlsx')
    const script = `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('xl/workbook.xml', '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="A" sheetId="7" rel:id="R9"/></x:sheets></x:workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Target="worksheets/other.xml"/><Relationship Id="R9" Target="/xl/worksheets/data.xml"/></Relationships>')
    z.writestr('xl/worksheets/data.xml', '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Адреса</x:t></x:is></x:c><x:c r="C1" t="str"><x:v>Площа</x:v></x:c></x:row><x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t xml:space="preserve">вул. Хрещатик, 22 &amp; 24</x:t></x:is></x:c><x:c r="C3"><x:v>12.5</x:v></x:c></x:row></x:sheetData></x:worksheet>')
`
    execFileSync('python3', ['-c', script, path])
    const table = await readRegisterTable('prefixed.xlsx', new Uint8Array(readFileSync(path)))
    expect(table.header).toEqual(['Адреса', undefined, 'Площа'])
    expect(table.rows).toEqual([{ line: 3, cells: ['вул. Хрещатик, 22 & 24', undefined, '12.5'] }])
  })

  it('keeps a formula-like cell as its text', async () => {
    const table = await readRegisterTable('formula.csv', fixture('formula.csv'))
    expect(table.rows[0]!.cells.slice(2)).toEqual(['=HYPERLINK("http://example.com","Клікни")', '@SUM(A1:A2)'])
  })

  it('refuses an empty file', async () => {
    expect(await refusal('empty.csv', fixture('empty.csv'))).toMatch(/is empty/)
  })

  it('refuses a binary file named .csv', async () => {
    expect(await refusal('binary.csv', fixture('binary.csv'))).toMatch(/not a CSV text file: it holds binary data/)
  })

  it('refuses a file named .xlsx that is not a zip', async () => {
    expect(await refusal('not-a-zip.xlsx', fixture('not-a-zip.xlsx'))).toMatch(/not an XLSX workbook \(not a zip archive\)/)
  })

  it('refuses a file with only a header', async () => {
    expect(await refusal('header-only.csv', fixture('header-only.csv'))).toMatch(/has a header but no lines/)
  })

  it('refuses a zip that is not a workbook', async () => {
    const path = join(dir, 'other.zip')
    execFileSync('zip', ['-q', '-j', path, join(import.meta.dirname, 'fixtures', 'formula.csv')])
    expect(await refusal('other.xlsx', new Uint8Array(readFileSync(path)))).toMatch(/not an XLSX workbook \(it has no xl\/workbook.xml\)/)
  })

  it('refuses a workbook that unpacks to more than 50 MB', async () => {
    const bomb = pythonWorkbook('bomb.xlsx', { padMb: 60 })
    expect(bomb.byteLength).toBeLessThan(1024 ** 2)
    expect(await refusal('bomb.xlsx', bomb)).toMatch(/more than 50 MB .*at most 50 MB/)
  })

  it(`refuses a workbook of more than ${MAX_REGISTER_LINES} lines`, async () => {
    expect(await refusal('long.xlsx', pythonWorkbook('long.xlsx', { rows: MAX_REGISTER_LINES + 2 }))).toMatch(/more than 100,000 lines/)
  })

  it('refuses a forged sheet of unclosed rows in one pass', async () => {
    const path = join(dir, 'unclosed.xlsx')
    const script = `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('xl/workbook.xml', '<workbook><sheets><sheet name="A" sheetId="1"/></sheets></workbook>')
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData>' + '<row r="1"><c r="A1"><v>1</v></c>' * 90000)
`
    execFileSync('python3', ['-c', script, path])
    const started = performance.now()
    expect(await refusal('unclosed.xlsx', new Uint8Array(readFileSync(path)))).toMatch(/damaged \(a <row> element is not closed\)/)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it(`refuses a CSV of more than ${MAX_REGISTER_LINES} lines`, async () => {
    const text = 'Кадастровий номер\n' + '8000000000:76:019:0019\n'.repeat(MAX_REGISTER_LINES + 1)
    expect(await refusal('long.csv', new TextEncoder().encode(text))).toMatch(/more than 100,000 lines/)
  })

  it('refuses a file over 50 MB before reading it', async () => {
    expect(await refusal('big.csv', new Uint8Array(MAX_REGISTER_BYTES + 1))).toMatch(/more than 50 MB/)
  })
})
