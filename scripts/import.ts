/**
 * Imports a GeoJSON (plain or gzip) or CSV file into a layer, in one transaction, and prints
 * the report: accepted, repaired, rejected (with the feature index and the reason). Exits 1
 * when nothing was imported.
 *
 *   npm run import -- <file> --city kyiv --layer kyiv-bus-stops [--title "Зупинки"] [--title-en "Stops"]
 *       [--theme transport] [--append] [--skip-invalid] [--lat col --lon col --delimiter ";"]
 *       [--private col1,col2] [--licence ODbL-1.0 --attribution "© …"]
 */
import { parseArgs } from 'node:util'
import { openDatabase } from '../db/index.ts'
import { findCity, findLayerDefinition, formatImportReport, importLayer, THEMES, type LayerDraft, type ThemeId } from '../layers/index.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    city: { type: 'string' },
    layer: { type: 'string' },
    title: { type: 'string' },
    'title-en': { type: 'string' },
    theme: { type: 'string' },
    append: { type: 'boolean', default: false },
    'skip-invalid': { type: 'boolean', default: false },
    lat: { type: 'string' },
    lon: { type: 'string' },
    delimiter: { type: 'string' },
    private: { type: 'string' },
    licence: { type: 'string' },
    attribution: { type: 'string' },
  },
})

function fail(message: string): never {
  console.error(`import: ${message}`)
  process.exit(2)
}

const file = positionals[0] ?? fail('name the file to import: npm run import -- <file> --city <city> --layer <id>')
const layerId = values.layer ?? fail('--layer <id> is required (a slug like kyiv-bus-stops)')
if (!/^[a-z0-9]+(-[a-z0-9]+)+$/.test(layerId)) fail(`--layer must be a slug like kyiv-bus-stops, not "${layerId}"`)
if (values.theme && !(THEMES as readonly string[]).includes(values.theme)) fail(`--theme must be one of: ${THEMES.join(', ')}`)

const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.HROMADA_DATA_DIR ?? './.data',
  log: (l) => console.error(l),
})
try {
  const existing = await findLayerDefinition(database.db, layerId)
  const city = values.city ?? existing?.city ?? fail('--city <slug> is required for a new layer')
  if (!(await findCity(database.db, city))) fail(`no city "${city}" in this database`)
  const title = values.title ?? existing?.title.uk ?? layerId
  const layer: LayerDraft = {
    ...(existing ?? {
      description: { uk: '', en: '' },
      style: { color: '#5c6bc0' },
      minzoom: 0,
      maxzoom: 16,
      licence: '',
      attribution: '',
    }),
    id: layerId,
    city,
    theme: (values.theme as ThemeId | undefined) ?? existing?.theme ?? 'urban-planning',
    title: { uk: title, en: values['title-en'] ?? existing?.title.en ?? title },
    ...(values.licence && { licence: values.licence }),
    ...(values.attribution && { attribution: values.attribution }),
  }
  // A new layer's attributes are inferred from the file (--private keeps the named ones unpublished).
  if (!existing) delete layer.attributes
  const report = await importLayer(database.db, {
    file,
    layer,
    mode: values.append ? 'append' : 'replace',
    skipInvalid: values['skip-invalid'],
    csv: { ...(values.lat && { lat: values.lat }), ...(values.lon && { lon: values.lon }), ...(values.delimiter && { delimiter: values.delimiter }) },
    actor: 'cli',
    privateAttributes: (values.private ?? '').split(',').filter(Boolean),
  })
  console.log(formatImportReport(report))
  process.exitCode = report.committed ? 0 : 1
} finally {
  await database.close()
}
