/**
 * Loads a city's OpenStreetMap extract (.osm.pbf, e.g. a Geofabrik download of its oblast) into
 * its own basemap layers, in one transaction, and prints the report: streets, buildings,
 * addresses and places imported, what was skipped and why. Then rebuilds the city's gazetteer
 * and names the appeals that had no address with their nearest one. Exits 1 when the extract is
 * refused (nothing changed), 2 on wrong arguments.
 *
 *   npm run import-osm -- <file.osm.pbf> --city kyiv
 */
import { parseArgs } from 'node:util'
import { fillMissingAppealAddresses } from '../api/appeals/index.ts'
import { openDatabase } from '../db/index.ts'
import { formatOsmImportReport, importOsmExtract, refreshGazetteer } from '../layers/index.ts'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { city: { type: 'string' } } })

function fail(message: string): never {
  console.error(`import-osm: ${message}`)
  process.exit(2)
}

const file = positionals[0] ?? fail('name the extract: npm run import-osm -- <file.osm.pbf> --city <city>')
const cityId = values.city ?? fail('--city <id> is required (a city id like kyiv)')

const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.HROMADA_DATA_DIR ?? './.data',
  log: (l) => console.error(l),
})
try {
  const report = await importOsmExtract(database.db, { file, cityId, actor: 'import-osm' })
  console.log(formatOsmImportReport(report))
  if (report.committed) {
    await refreshGazetteer(database.db, cityId)
    const named = await fillMissingAppealAddresses(database.db, cityId)
    console.log(`  gazetteer rebuilt; ${named} appeals named with their nearest address`)
  } else process.exitCode = 1
} finally {
  await database.close()
}
