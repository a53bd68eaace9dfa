import { readFile, stat } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Hono, type Context } from 'hono'
import { DEMO_DATA_DIR, exportTag, findCity, type Layer, type LayerExportStore } from '../../layers/index.ts'
import { DataCatalogue, type DataPassport, EXPORT_FORMATS, type ExportFormat, getCatalogueRoute, PackageSearchQuery, PackageShowQuery } from '../contract/index.ts'
import { type AppEnv, contractBody, problems, zv } from '../http/index.ts'
import { ckanHelp, ckanOrganization, matchesQuery, toCkanPackage } from './ckan.ts'
import { toDcatCatalog } from './dcat.ts'
import { sourcesListUrl, toDataPassport } from './passport.ts'
import { listPassportRows, type PassportSelection } from './passport.queries.ts'

/** The bytes of each of a layer's export files already written for what the layer is now. */
async function exportSizes(store: LayerExportStore, layer: Layer): Promise<Partial<Record<ExportFormat, number>>> {
  const tag = exportTag(layer)
  const files = await Promise.all(EXPORT_FORMATS.map((format) => store.find(layer.id, tag, format)))
  return Object.fromEntries(files.flatMap((file) => (file ? [[file.format, file.size]] : [])))
}

/** The passports of the selected public layers, their written files' sizes included. */
async function listPassports(c: Context<AppEnv>, selection: PassportSelection = {}): Promise<DataPassport[]> {
  const rows = await listPassportRows(c.var.db, selection)
  return Promise.all(rows.map(async (row) => toDataPassport(row, c.var.baseUrl, await exportSizes(c.var.layerExports, row.layer))))
}

/** `GET /api/catalogue`: every public layer's data passport, as the `/data` page shows them. */
export const catalogueRoutes = new Hono<AppEnv>().get('/', zv('query', getCatalogueRoute.request.query), async (c) => {
  const { city } = c.req.valid('query')
  if (city && !(await findCity(c.var.db, city))) throw problems.notFound('city', city)
  const base = c.var.baseUrl
  const datasets = await listPassports(c, { cityId: city })
  return c.json(contractBody(DataCatalogue, { datasets, sources_list: sourcesListUrl(base), dcat: `${base}/data/catalog.jsonld`, ckan: `${base}/api/3/action/package_list`, ogc: `${base}/ogc` }))
})

const SOURCES_FILE = fileURLToPath(new URL('SOURCES.md', DEMO_DATA_DIR))

/**
 * The machine-readable catalogue beside the `/data` page: `catalog.jsonld` (DCAT-AP) and
 * `SOURCES.md`, the list of the demo data's sources and licences that an unknown licence links to.
 */
export const dataRoutes = new Hono<AppEnv>()
  .get('/catalog.jsonld', async (c) => {
    const catalog = toDcatCatalog(await listPassports(c), c.var.baseUrl)
    return c.body(JSON.stringify(catalog), 200, { 'Content-Type': 'application/ld+json; charset=utf-8' })
  })
  .get('/SOURCES.md', async (c) => {
    const [text, info] = await Promise.all([readFile(SOURCES_FILE, 'utf8'), stat(SOURCES_FILE)])
    return c.body(text, 200, { 'Content-Type': 'text/markdown; charset=utf-8', 'Last-Modified': info.mtime.toUTCString() })
  })

/** The kinds of error CKAN's action API answers with. */
type CkanErrorType = 'Not Found Error' | 'Validation Error'

/** CKAN's error envelope: `success: false` and the error, with CKAN's status for it. */
function ckanError(c: Context<AppEnv>, action: string, type: CkanErrorType, message: string) {
  return c.json({ help: ckanHelp(c.var.baseUrl, action), success: false as const, error: { __type: type, message } }, type === 'Not Found Error' ? 404 : 409)
}

/** CKAN's success envelope. */
const ckanResult = <T>(c: Context<AppEnv>, action: string, result: T) => c.json({ help: ckanHelp(c.var.baseUrl, action), success: true as const, result })

/** A whole number from a query value within bounds, or undefined when it is not one. */
function wholeNumber(value: string | undefined, fallback: number, max: number): number | undefined {
  if (value === undefined) return fallback
  if (!/^[0-9]{1,7}$/.test(value)) return undefined
  return Math.min(Number(value), max)
}

/** The largest page `package_search` answers, as CKAN's own default limit. */
const MAX_ROWS = 1000

/**
 * The CKAN-compatible subset of the action API (`/api/3/action/…`) that catalogue harvesters
 * use. Errors come in CKAN's envelope, not as problem documents, because that is what they read.
 */
export const ckanRoutes = new Hono<AppEnv>()
  .get('/package_list', async (c) => ckanResult(c, 'package_list', (await listPassports(c)).map((p) => p.id)))
  .get('/package_show', async (c) => {
    const query = PackageShowQuery.safeParse(c.req.query())
    const id = query.success ? query.data.id : undefined
    if (!id) return ckanError(c, 'package_show', 'Validation Error', 'id: Missing value')
    const [passport] = await listPassports(c, { layerId: id })
    if (!passport) return ckanError(c, 'package_show', 'Not Found Error', 'Not found')
    return ckanResult(c, 'package_show', toCkanPackage(passport, c.var.baseUrl))
  })
  .get('/package_search', async (c) => {
    const query = PackageSearchQuery.safeParse(c.req.query())
    if (!query.success) return ckanError(c, 'package_search', 'Validation Error', 'q, rows, start: invalid value')
    const rows = wholeNumber(query.data.rows, 10, MAX_ROWS)
    const start = wholeNumber(query.data.start, 0, Number.MAX_SAFE_INTEGER)
    if (rows === undefined || start === undefined) return ckanError(c, 'package_search', 'Validation Error', 'rows, start: must be a whole number')
    const found = (await listPassports(c)).filter((p) => matchesQuery(p, query.data.q ?? ''))
    return ckanResult(c, 'package_search', { count: found.length, results: found.slice(start, start + rows).map((p) => toCkanPackage(p, c.var.baseUrl)) })
  })
  .get('/organization_list', async (c) => {
    const names = new Set((await listPassports(c)).map((p) => ckanOrganization(p).name))
    return ckanResult(c, 'organization_list', [...names].sort())
  })
