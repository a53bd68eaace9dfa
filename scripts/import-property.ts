/**
 * Imports a communal property register (CMU No 835 layout, CSV or XLSX) into a city's register,
 * in one transaction, and prints the report: lines placed by cadastral number and by address,
 * lines written without a place, lines refused, columns not recognised. A city's first register
 * gets its map layer `<city>-property`. Exits 1 when the file
 * is refused or the import fails, 2 on wrong arguments.
 *
 *   npm run import-property -- <file> --city kyiv
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { ensurePropertyLayer, importPropertyRegister, PropertyImportError, type PropertyImportReport } from '../api/property/index.ts'
import { openDatabase } from '../db/index.ts'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { city: { type: 'string' } } })

function fail(message: string): never {
  console.error(`import-property: ${message}`)
  process.exit(2)
}

const file = positionals[0] ?? fail('name the register file: npm run import-property -- <file> --city <city>')
const cityId = values.city ?? fail('--city <id> is required (a city id like kyiv)')
const bytes = new Uint8Array(await readFile(file).catch((error: NodeJS.ErrnoException) => fail(`cannot read ${file}: ${error.message}`)))

/** The report as lines a person reads in a terminal. */
function formatReport(report: PropertyImportReport): string {
  const lines = [
    `lines read: ${report.lines}`,
    `written: ${report.written}`,
    `placed by cadastral number: ${report.placedByCadastre}`,
    `placed by address: ${report.placedByAddress}`,
    `written without a place: ${report.unplaced.length}`,
    ...report.unplaced.map((u) => `  line ${u.line}: ${u.registerId} — ${u.reason}`),
    `refused: ${report.rejected.length}`,
    ...report.rejected.map((r) => `  line ${r.line}: ${r.field} — ${r.message}`),
  ]
  if (report.unknownColumns.length > 0) lines.push(`columns not recognised: ${report.unknownColumns.join(', ')}`)
  if (report.warnings.length > 0) lines.push(`warnings: ${report.warnings.length}`, ...report.warnings.map((w) => `  ${w}`))
  return lines.join('\n')
}

const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.HROMADA_DATA_DIR ?? './.data',
  log: (l) => console.error(l),
})
try {
  const report = await importPropertyRegister(database.db, { cityId, fileName: basename(file), bytes })
  // A city's first register gets its layer, with every placed line on it.
  await database.db.transaction().execute((trx) => ensurePropertyLayer(trx, cityId))
  console.log(formatReport(report))
} catch (error) {
  // A refused file is the sender's to fix: its message is the whole story. Anything else is a failure with its stack.
  console.error(error instanceof PropertyImportError ? `import-property: ${error.message}` : error)
  process.exitCode = 1
} finally {
  await database.close()
}
