import jsonld from 'jsonld'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import type { AttributeField } from '../../layers/index.ts'
import { EXPORT_FORMATS, type DataCatalogue } from '../contract/index.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
/** Every public layer's row, read with this test's own query. */
let publicRows: Array<{ id: string; city_id: string; attributes: AttributeField[]; synthetic: boolean; feature_count: number; synthetic_features: number }>

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  publicRows = await readPublicRows()
})

/**
 * The public layers as the database has them now, read just before a request: other test files
 * add and drop their own layers (`test-…`) meanwhile, which are left out on both sides.
 */
async function readPublicRows(): Promise<typeof publicRows> {
  return (await sql<(typeof publicRows)[number]>`
    SELECT id, city_id, attributes, synthetic, (SELECT count(*)::int FROM features f WHERE f.layer_id = l.id) AS feature_count,
           (SELECT count(*)::int FROM features f WHERE f.layer_id = l.id AND f.properties ->> 'synthetic' = 'true') AS synthetic_features
      FROM layers l WHERE is_public AND id NOT LIKE 'test-%' ORDER BY id`.execute(database.db)).rows
}
const notTest = (d: { id: string }) => !d.id.startsWith('test-')

/**
 * Checks that `answer` lists the public layers: other test files make layers public or not
 * meanwhile (a register's live layer appears with its first line), so a layer counts when the
 * database held it both before and after the request, and only such a layer may be missing.
 */
async function expectPublicLayers(answer: readonly string[], before: typeof publicRows): Promise<typeof publicRows> {
  const after = await readPublicRows()
  const ids = answer.filter((id) => !id.startsWith('test-'))
  const both = before.filter((r) => after.some((a) => a.id === r.id)).map((r) => r.id)
  const either = new Set([...before, ...after].map((r) => r.id))
  for (const id of both) expect(ids, id).toContain(id)
  for (const id of ids) expect(either.has(id), id).toBe(true)
  return after
}

/** Checks that a count the answer gave lies between the database's counts before and after the request: other files file appeals meanwhile. */
function expectBetween(value: number, before: number, after: number | undefined, label: string): void {
  expect(value, label).toBeGreaterThanOrEqual(Math.min(before, after ?? before))
  expect(value, label).toBeLessThanOrEqual(Math.max(before, after ?? before))
}
afterAll(() => database.close())

const BASE = 'http://localhost'
const json = async <T>(path: string) => {
  const res = await app.request(path)
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

/** Paths in `value` where a text is empty (a passport field left blank). */
function emptyTexts(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [path] : []
  if (Array.isArray(value)) return value.flatMap((v, i) => emptyTexts(v, `${path}[${i}]`))
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => emptyTexts(v, `${path}.${k}`))
  return []
}

describe('GET /api/catalogue', () => {
  it('gives every public layer of every city a complete passport', async () => {
    publicRows = await readPublicRows()
    const datasets = (await json<DataCatalogue>('/api/catalogue')).datasets.filter(notTest)
    const after = await expectPublicLayers(datasets.map((d) => d.id), publicRows)
    const names = (await database.db.selectFrom('users').select('name').where('name', '<>', '').execute()).map((u) => u.name)
    expect(names.length).toBeGreaterThan(0)
    for (const d of datasets.filter((x) => publicRows.some((r) => r.id === x.id))) {
      const row = publicRows.find((r) => r.id === d.id)!
      expect(emptyTexts(d), d.id).toEqual([])
      // Only a box and an organisation id may be absent: a layer without features has no extent, a city's own layer no organisation.
      expect(Object.entries(d).filter(([, v]) => v === null || v === undefined).map(([k]) => k).filter((k) => k !== 'bbox'), d.id).toEqual([])
      expect(d.licence.title, d.id).not.toMatch(/not stated/i)
      expect(`${d.licence.title} ${d.attribution} ${d.source}`, d.id).not.toMatch(/not stated/i)
      // The responsible person is a position, never anybody's name.
      expect(d.responsible.role.uk, d.id).toMatch(/особа|фахів|начальник|керівник|відповідальн/i)
      expect(d.responsible.role.en, d.id).toMatch(/officer|head|specialist|responsible/i)
      for (const name of names) expect(`${d.responsible.role.uk} ${d.responsible.role.en}`, d.id).not.toContain(name)
      expect(d.fields, d.id).toEqual(row.attributes.filter((a) => a.public).map(({ name, type, label }) => ({ name, type, label })))
      expect(d.fields.every((f) => f.label.uk && f.label.en)).toBe(true)
      const rowAfter = after.find((r) => r.id === d.id)
      expectBetween(d.feature_count, row.feature_count, rowAfter?.feature_count, d.id)
      expect(d.synthetic, d.id).toBe(row.synthetic || row.synthetic_features > 0)
      if (row.synthetic) expect(d.synthetic_features, d.id).toBe(d.feature_count)
      else expectBetween(d.synthetic_features, row.synthetic_features, rowAfter?.synthetic_features, d.id)
      expect(d.city, d.id).toBe(row.city_id)
      expect(d.distributions.map((x) => x.url)).toEqual(EXPORT_FORMATS.map((f) => `${BASE}/api/layers/${d.id}/export.${f}`))
      expect(d.links.ogc_collection).toBe(`${BASE}/ogc/collections/${d.id}`)
      expect(d.data_bytes > 0 || d.feature_count === 0, d.id).toBe(true)
    }
  })

  it('names the source of every demo layer and says honestly when its licence is unknown, linking the list of sources', async () => {
    const { datasets, sources_list } = await json<DataCatalogue>('/api/catalogue?city=kyiv')
    const licences = datasets.find((d) => d.id === 'kyiv-alcohol-licenses')!
    expect(licences.licence).toEqual({ id: 'unknown', title: 'source licence unknown', url: `${BASE}/data/SOURCES.md`, known: false })
    expect(licences.source).toBe('texty/alcomap:data/kyiv.geojson @ 05691ad310 (2017-01-25)')
    expect(licences.update_frequency).toBe('never')
    expect(datasets.find((d) => d.id === 'kyiv-districts')!.licence).toEqual({
      id: 'ODbL-1.0',
      title: 'Open Data Commons Open Database License 1.0',
      url: 'https://opendatacommons.org/licenses/odbl/1-0/',
      known: true,
    })
    expect(sources_list).toBe(`${BASE}/data/SOURCES.md`)
    const sources = await app.request('/data/SOURCES.md')
    expect(sources.status).toBe(200)
    expect(sources.headers.get('Content-Type')).toBe('text/markdown; charset=utf-8')
    expect(await sources.text()).toContain('## kyiv/kyiv_alcohol_licenses_2017.geojson')
  })

  it('marks synthetic layers so in their passports, and layers that hold synthetic features among real ones', async () => {
    publicRows = await readPublicRows()
    const datasets = (await json<DataCatalogue>('/api/catalogue')).datasets.filter(notTest)
    const synthetic = publicRows.filter((r) => r.synthetic || r.synthetic_features > 0).map((r) => r.id)
    expect(publicRows.filter((r) => !r.synthetic && r.synthetic_features > 0).length).toBeGreaterThan(0)
    const known = new Set(publicRows.map((r) => r.id))
    expect(datasets.filter((d) => d.synthetic && known.has(d.id)).map((d) => d.id).sort()).toEqual(synthetic.filter((id) => datasets.some((d) => d.id === id)))
  })

  it('filters by city, and answers 404 for an unknown city and 400 for a hostile one', async () => {
    const { datasets } = await json<DataCatalogue>('/api/catalogue?city=marhanets')
    expect(datasets.map((d) => d.id).sort()).toEqual(publicRows.filter((r) => r.city_id === 'marhanets').map((r) => r.id))
    await expectProblem(await app.request('/api/catalogue?city=atlantis'), 404)
    await expectProblem(await app.request(`/api/catalogue?city=${encodeURIComponent("kyiv' OR 1=1--")}`), 400)
  })
})

/** The DCAT-AP properties a dataset must (or, by DCAT-AP's recommendation, should) have, expanded. */
const DCAT = 'http://www.w3.org/ns/dcat#'
const DCT = 'http://purl.org/dc/terms/'
const REQUIRED = [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}contactPoint`, `${DCT}accrualPeriodicity`, `${DCT}modified`, `${DCT}license`, `${DCAT}theme`, `${DCAT}distribution`]

type Expanded = Record<string, Array<Record<string, unknown>>> & { '@type'?: string[]; '@id'?: string }

describe('GET /data/catalog.jsonld', () => {
  it('is DCAT-AP in JSON-LD that expands without the network, every dataset with its required properties', async () => {
    const res = await app.request('/data/catalog.jsonld')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/ld+json; charset=utf-8')
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const document = await res.json()
    const noNetwork = async (url: string): Promise<never> => {
      throw new Error(`fetched ${url}`)
    }
    const [catalog] = (await jsonld.expand(document, { documentLoader: noNetwork as never })) as Expanded[]
    expect(catalog!['@type']).toEqual([`${DCAT}Catalog`])
    for (const p of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}dataset`]) expect(catalog![p], p).toBeDefined()
    const datasets = catalog![`${DCAT}dataset`] as Expanded[]
    await expectPublicLayers(datasets.map((d) => (d[`${DCT}identifier`]![0] as { '@value': string })['@value']), publicRows)
    for (const d of datasets) {
      const id = d['@id']!
      expect(d['@type'], id).toEqual([`${DCAT}Dataset`])
      for (const p of REQUIRED) expect(d[p]?.length, `${id} ${p}`).toBeGreaterThan(0)
      expect(d[`${DCT}title`]!.map((t) => t['@language']).sort(), id).toEqual(['en', 'uk'])
      expect(d[`${DCT}description`]!.map((t) => t['@language']).sort(), id).toEqual(['en', 'uk'])
      expect(d[`${DCT}accrualPeriodicity`]![0]!['@id'], id).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/frequency\/[A-Z_]+$/)
      expect(d[`${DCT}modified`]![0]!['@type'], id).toBe('http://www.w3.org/2001/XMLSchema#dateTime')
      const contact = d[`${DCAT}contactPoint`]![0] as Expanded
      expect(contact['@type'], id).toEqual(['http://www.w3.org/2006/vcard/ns#Organization'])
      expect(contact['http://www.w3.org/2006/vcard/ns#role']?.length, id).toBe(2)
      const distributions = d[`${DCAT}distribution`] as Expanded[]
      expect(distributions.length, id).toBe(EXPORT_FORMATS.length + 1)
      for (const x of distributions) expect(x[`${DCAT}accessURL`]?.length, `${id} ${x['@id']}`).toBe(1)
      const downloads = distributions.filter((x) => x[`${DCAT}downloadURL`])
      expect(downloads.map((x) => x[`${DCAT}downloadURL`]![0]!['@id']), id).toEqual(EXPORT_FORMATS.map((f) => `${BASE}/api/layers/${id.split('#')[1]}/export.${f}`))
      for (const x of downloads.filter((x) => x[`${DCAT}mediaType`])) expect(x[`${DCAT}mediaType`]![0]!['@id']).toMatch(/^https:\/\/www\.iana\.org\/assignments\/media-types\/[a-z]+\/[a-z0-9.+-]+$/)
      const ogc = distributions.find((x) => x[`${DCT}conformsTo`])!
      expect(ogc[`${DCT}conformsTo`]![0]!['@id']).toBe('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core')
    }
  })
})

type Ckan<T> = { help: string; success: boolean; result: T }
type CkanPackage = { name: string; license_id: string; license_title: string; organization: { name: string }; extras: Array<{ key: string; value: string }>; resources: Array<{ url: string; format: string; mimetype: string; size: number | null }> }

describe('CKAN action API', () => {
  it('lists every public layer as a package, with CORS', async () => {
    const res = await app.request('/api/3/action/package_list', { headers: { Origin: 'https://data.gov.ua' } })
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const body = (await res.json()) as Ckan<string[]>
    expect(body.success).toBe(true)
    await expectPublicLayers(body.result, publicRows)
  })

  it('shows each layer with one resource per format at the export URLs', async () => {
    for (const { id } of publicRows) {
      const { result } = await json<Ckan<CkanPackage>>(`/api/3/action/package_show?id=${id}`)
      expect(result.name).toBe(id)
      expect(result.resources.map((r) => [r.format, r.url])).toEqual(EXPORT_FORMATS.map((f) => [f.toUpperCase(), `${BASE}/api/layers/${id}/export.${f}`]))
      expect(result.license_title).not.toMatch(/not stated/i)
      const extras = Object.fromEntries(result.extras.map((e) => [e.key, e.value]))
      expect(Object.keys(extras)).toEqual(expect.arrayContaining(['responsible_role', 'update_frequency', 'legal_basis', 'source', 'synthetic', 'fields']))
      const row = publicRows.find((r) => r.id === id)!
      expect(extras.synthetic).toBe(String(row.synthetic || row.synthetic_features > 0))
    }
  })

  it("answers every resource's URL of a layer, in each format, and gives each file's size once it is written", async () => {
    const { result } = await json<Ckan<CkanPackage>>('/api/3/action/package_show?id=marhanets-participatory-budget')
    const lengths: Record<string, number> = {}
    for (const r of result.resources) {
      const res = await app.request(r.url.replace(BASE, ''))
      expect(res.status, r.url).toBe(200)
      expect(res.headers.get('Content-Type'), r.url).toContain(r.mimetype)
      lengths[r.url] = (await res.arrayBuffer()).byteLength
    }
    const { result: written } = await json<Ckan<CkanPackage>>('/api/3/action/package_show?id=marhanets-participatory-budget')
    expect(Object.fromEntries(written.resources.map((r) => [r.url, r.size]))).toEqual(lengths)
    const catalog = await json<{ 'dcat:dataset': Array<{ 'dct:identifier': string; 'dcat:distribution': Array<{ '@id': string; 'dcat:byteSize'?: { '@value': string } }> }> }>('/data/catalog.jsonld')
    const dataset = catalog['dcat:dataset'].find((d) => d['dct:identifier'] === 'marhanets-participatory-budget')!
    const sizes = Object.fromEntries(dataset['dcat:distribution'].filter((d) => d['dcat:byteSize']).map((d) => [d['@id'], Number(d['dcat:byteSize']!['@value'])]))
    expect(sizes).toEqual(lengths)
  })

  it('answers an unknown id with a CKAN Not Found Error and hostile values with a Validation Error, never a 500', async () => {
    const notFound = await app.request('/api/3/action/package_show?id=kyiv-atlantis')
    expect(notFound.status).toBe(404)
    expect(await notFound.json()).toEqual({ help: `${BASE}/api/3/action/help_show?name=package_show`, success: false, error: { __type: 'Not Found Error', message: 'Not found' } })
    const hostile = [
      '/api/3/action/package_show',
      `/api/3/action/package_show?id=${'a'.repeat(5000)}`,
      '/api/3/action/package_search?rows=-1',
      '/api/3/action/package_search?rows=abc',
      `/api/3/action/package_search?start=${'9'.repeat(30)}`,
      `/api/3/action/package_search?q=${'x'.repeat(1000)}`,
    ]
    for (const path of hostile) {
      const res = await app.request(path)
      expect(res.status, path).toBe(409)
      expect(await res.json(), path).toMatchObject({ success: false, error: { __type: 'Validation Error' } })
    }
    for (const path of [`/api/3/action/package_show?id=${encodeURIComponent("x' OR '1'='1")}`, '/api/3/action/package_show?id=../../etc/passwd', '/api/3/action/package_show?id=%F0%9F%92%A5']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(404)
    }
  })

  it('searches by words and pages with rows and start', async () => {
    publicRows = await readPublicRows()
    const all = await json<Ckan<{ count: number; results: CkanPackage[] }>>('/api/3/action/package_search?rows=1000')
    await expectPublicLayers(all.result.results.map((p) => p.name), publicRows)
    // Paged within one city's packages, which no other test adds to.
    const kharkiv = await json<Ckan<{ count: number; results: CkanPackage[] }>>('/api/3/action/package_search?q=kharkiv&rows=1000')
    expect(kharkiv.result.count).toBeGreaterThan(3)
    const page = await json<Ckan<{ count: number; results: CkanPackage[] }>>('/api/3/action/package_search?q=kharkiv&rows=2&start=1')
    expect(page.result.results.map((p) => p.name)).toEqual(kharkiv.result.results.slice(1, 3).map((p) => p.name))
    const metro = await json<Ckan<{ count: number; results: CkanPackage[] }>>(`/api/3/action/package_search?q=${encodeURIComponent('метро')}`)
    expect(metro.result.results.map((p) => p.name)).toContain('kyiv-metro-stations')
  })

  it('lists the organisations that own the packages', async () => {
    const { result } = await json<Ckan<string[]>>('/api/3/action/organization_list')
    const { result: packages } = await json<Ckan<{ results: CkanPackage[] }>>('/api/3/action/package_search?rows=1000')
    expect(result).toEqual([...new Set(packages.results.map((p) => p.organization.name))].sort())
  })
})
