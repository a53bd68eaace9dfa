import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { type StyleSpecification, validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { importOsmExtract, refreshGazetteer } from '../../layers/index.ts'
import { appealBody, postJson } from '../appeals/testing.ts'
import { SearchResults } from '../contract/index.ts'
import { fillMissingAppealAddresses } from '../appeals/index.ts'
import { createRequest } from '../open311/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
const suffix = randomUUID().slice(0, 8)
// A city of its own with Kyiv's boundary and the test extract of central Kyiv as its basemap.
const CITY = `srch-${suffix}`

async function search(city: string, q: string, extra = ''): Promise<SearchResults['results']> {
  const res = await app.request(`/api/search?city=${city}&q=${encodeURIComponent(q)}${extra}`)
  expect(res.status, await res.clone().text()).toBe(200)
  return SearchResults.parse(await res.json()).results
}

/** A point 12 m east of the house with this number in the test extract. */
async function besideHouse(number: string): Promise<{ lon: number; lat: number }> {
  const { rows } = await sql<{ lon: number; lat: number }>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
      SELECT ST_Project(ST_Centroid(geom)::geography, 12, radians(90))::geometry AS p
        FROM features WHERE layer_id = ${`${CITY}-osm-buildings`} AND properties->>'addr_housenumber' = ${number}) s`.execute(database.db)
  return rows[0]!
}

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  await sql`INSERT INTO cities (id, code, name, center, zoom, boundary)
            SELECT ${CITY}, ${`S${suffix.toUpperCase()}`}, ${JSON.stringify({ uk: 'Київ (пошук)', en: 'Kyiv (search)' })}, center, zoom, boundary
              FROM cities WHERE id = 'kyiv'`.execute(database.db)
  const report = await importOsmExtract(database.db, { file: fileURLToPath(new URL('../../layers/osm/fixtures/kyiv-centre.osm.pbf', import.meta.url)), cityId: CITY })
  expect(report.error).toBeUndefined()
})

afterAll(async () => {
  await sql`DELETE FROM appeals WHERE city_id = ${CITY}`.execute(database.db)
  await sql`DELETE FROM layers WHERE city_id = ${CITY}`.execute(database.db)
  await sql`DELETE FROM cities WHERE id = ${CITY}`.execute(database.db)
  await database.close()
})

describe('GET /api/search', () => {
  it('finds a house by its address, with a typo, best first, with its point', async () => {
    for (const q of ['Хрещатик 22', 'Хрещатік 22']) {
      const [best] = await search(CITY, q)
      expect(best, q).toMatchObject({ kind: 'address', title: 'вулиця Хрещатик, 22', layer: `${CITY}-osm-buildings` })
      expect(best!.point![0]).toBeCloseTo(30.52, 1)
      expect(best!.score).toBeGreaterThan(0.5)
    }
  })

  it('finds a street with its extent and a place by its name', async () => {
    const streets = await search(CITY, 'Городецького')
    expect(streets[0]).toMatchObject({ kind: 'street', title: 'вулиця Городецького' })
    expect(streets[0]!.bbox).toHaveLength(4)
    const places = await search(CITY, 'Липки')
    expect(places.find((r) => r.kind === 'feature' && r.title === 'Липки')).toBeDefined()
  })

  it('finds a parcel by its whole cadastral number and by its first digits', async () => {
    const { rows } = await sql<{ cadnum: string }>`
      SELECT public_properties->>'cadnum' AS cadnum FROM features WHERE layer_id = 'kyiv-land-parcels' AND public_properties ? 'cadnum' ORDER BY id LIMIT 1`.execute(database.db)
    const cadnum = rows[0]!.cadnum
    const whole = await search('kyiv', cadnum)
    expect(whole[0]).toMatchObject({ kind: 'parcel', title: cadnum, number: cadnum })
    expect(whole[0]!.score).toBe(1)
    const prefix = cadnum.slice(0, 13)
    const started = await search('kyiv', prefix, '&limit=5')
    expect(started.length).toBeGreaterThan(0)
    for (const r of started) expect(r.number!.replaceAll(':', '').startsWith(prefix.replaceAll(':', ''))).toBe(true)
  })

  it('finds a public appeal by its number and by its last digits, never a hidden one', async () => {
    const { rows } = await sql<{ number: string; hidden: string }>`
      SELECT (SELECT number FROM appeals WHERE city_id = 'kyiv' AND is_public AND status NOT IN ('rejected', 'duplicate') ORDER BY id LIMIT 1) AS number,
             (SELECT number FROM appeals WHERE city_id = 'kyiv' AND NOT is_public ORDER BY id LIMIT 1) AS hidden`.execute(database.db)
    const number = rows[0]!.number
    const [found] = await search('kyiv', number.toLowerCase())
    expect(found).toMatchObject({ kind: 'appeal', title: number, number, url: `/appeals/${number}` })
    expect((await search('kyiv', number.slice(-6))).some((r) => r.kind === 'appeal' && r.title === number)).toBe(true)
    if (rows[0]!.hidden) expect((await search('kyiv', rows[0]!.hidden)).some((r) => r.kind === 'appeal')).toBe(false)
  })

  it('finds a layer by its name in either language, with a typo', async () => {
    const { rows } = await sql<{ id: string; uk: string; en: string }>`
      SELECT id, title->>'uk' AS uk, title->>'en' AS en FROM layers WHERE id = 'kyiv-metro-stations'`.execute(database.db)
    const layer = rows[0]!
    for (const q of [layer.uk, layer.en, layer.uk.replace('метро', 'мтеро')]) {
      const results = await search('kyiv', q, '&lang=en')
      expect(results.find((r) => r.kind === 'layer' && r.layer === layer.id), q).toMatchObject({ title: layer.en })
    }
    // Its exact title comes before the addresses that hold its words ("біля станції метро …").
    expect((await search('kyiv', layer.uk))[0]).toMatchObject({ kind: 'layer', layer: layer.id })
  })

  it('finds a district and a budget project by name', async () => {
    const { rows } = await sql<{ district: string; project: string; edition: number; id: number }>`
      SELECT (SELECT name FROM districts WHERE city_id = 'kyiv' ORDER BY id LIMIT 1) AS district,
             p.title AS project, p.edition_id AS edition, p.id
        FROM budget_proposals p JOIN budget_editions e ON e.id = p.edition_id
       WHERE e.city_id = 'kyiv' AND p.feature_id IS NOT NULL ORDER BY p.id LIMIT 1`.execute(database.db)
    const { district, project, edition, id } = rows[0]!
    expect((await search('kyiv', district)).find((r) => r.kind === 'district')).toMatchObject({ title: district })
    expect((await search('kyiv', project)).find((r) => r.url === `/budgets/${edition}/proposals/${id}`)).toMatchObject({ kind: 'budget_project', title: project })
  })

  it('answers nothing under two letters and at most the limit', async () => {
    expect(await search('kyiv', 'х')).toEqual([])
    expect(await search('kyiv', '  ')).toEqual([])
    expect((await search('kyiv', 'вулиця', '&limit=3')).length).toBeLessThanOrEqual(3)
  })

  it.each([
    ['no city', '/api/search?q=abc', 400],
    ['an unknown city', '/api/search?city=atlantis&q=abc', 404],
    ['a query over 200 characters', `/api/search?city=kyiv&q=${'я'.repeat(201)}`, 400],
    ['a limit over 50', '/api/search?city=kyiv&q=abc&limit=500', 400],
    ['a limit of 0', '/api/search?city=kyiv&q=abc&limit=0', 400],
    ['a language we do not speak', '/api/search?city=kyiv&q=abc&lang=fr', 400],
    ['a city that is not a slug', "/api/search?city=ky'iv&q=abc", 400],
  ])('refuses %s', async (_, path, status) => {
    await expectProblem(await app.request(path), status)
  })

  it('treats LIKE, regex and SQL characters, control characters and emoji as text', async () => {
    for (const q of ['%%', '_ _', '.*', "' OR 1=1 --", 'KYIV-%', '\\', '😀😀', 'a\u0000b', '8000000000:%', '((((']) {
      const res = await app.request(`/api/search?city=kyiv&q=${encodeURIComponent(q)}`)
      expect([200, 400], q).toContain(res.status)
      if (res.status === 200) expect(SearchResults.safeParse(await res.json()).success).toBe(true)
    }
  })
})

describe("the city's style with its OpenStreetMap basemap", () => {
  it('draws the streets over their casing, wider by class, named along the line, and the house numbers; the validator finds nothing wrong', async () => {
    const res = await app.request(`/styles/${CITY}.json`)
    expect(res.status).toBe(200)
    const style = (await res.json()) as StyleSpecification
    expect(validateStyleMin(style)).toEqual([])
    const ids = style.layers.map((l) => l.id)
    const streets = `${CITY}-osm-streets`
    expect(ids.indexOf(`${streets}-casing`)).toBeLessThan(ids.indexOf(streets))
    const line = style.layers.find((l) => l.id === streets) as { layout: { visibility: string }; paint: { 'line-width': unknown } }
    expect(line.layout.visibility).toBe('visible')
    expect(JSON.stringify(line.paint['line-width'])).toContain('"primary",8')
    expect(style.layers.find((l) => l.id === `${streets}-label`)).toMatchObject({ type: 'symbol', layout: { 'symbol-placement': 'line', 'text-field': ['to-string', ['get', 'name']] } })
    expect(style.layers.find((l) => l.id === `${CITY}-osm-addresses`)).toBeUndefined()
    expect(style.layers.find((l) => l.id === `${CITY}-osm-addresses-label`)).toMatchObject({ type: 'symbol', minzoom: 16 })
    expect(style.sources[streets]).toMatchObject({ attribution: '© OpenStreetMap contributors' })
  })
})

describe('the nearest address', () => {
  it('names the house beside which an appeal is filed, on the receipt, the appeal and in Open311', async () => {
    const place = await besideHouse('22')
    const res = await postJson(app, '/api/appeals', appealBody({ city: CITY, ...place }), { Origin: 'http://localhost' })
    expect(res.status, await res.clone().text()).toBe(201)
    const receipt = (await res.json()) as { number: string; address: string | null }
    expect(receipt.address).toBe('вулиця Хрещатик, 22')
    const appeal = (await (await app.request(`/api/appeals/${receipt.number}`)).json()) as { address: string | null }
    expect(appeal.address).toBe('вулиця Хрещатик, 22')
    const open311 = (await (await app.request(`/open311/v2/requests.json?jurisdiction_id=${CITY}&service_request_id=${receipt.number}`)).json()) as Array<{ address: string }>
    expect(open311[0]?.address).toBe('вулиця Хрещатик, 22')

    // An appeal filed before its city had addresses is named by the backfill, once.
    await sql`UPDATE appeals SET address = NULL WHERE number = ${receipt.number}`.execute(database.db)
    await refreshGazetteer(database.db, CITY)
    expect(await fillMissingAppealAddresses(database.db, CITY)).toBe(1)
    expect(await fillMissingAppealAddresses(database.db, CITY)).toBe(0)
    const { rows } = await sql<{ address: string }>`SELECT address FROM appeals WHERE number = ${receipt.number}`.execute(database.db)
    expect(rows[0]!.address).toBe('вулиця Хрещатик, 22')
  })

  it('gives no address to an appeal far from every house', async () => {
    const res = await postJson(app, '/api/appeals', appealBody({ city: CITY, lon: 30.6, lat: 50.42 }), { Origin: 'http://localhost' })
    expect(res.status, await res.clone().text()).toBe(201)
    expect(((await res.json()) as { address: string | null }).address).toBeNull()
  })

  it('places an Open311 request by its address_string alone, typo and all, at that house', async () => {
    const id = await createRequest(app, { lat: '', long: '', jurisdiction_id: CITY, address_string: 'Хрещатік, 24' })
    const { rows } = await sql<{ address: string; d: number }>`
      SELECT a.address, ST_DistanceSphere(a.geom, ST_Centroid(f.geom)) AS d
        FROM appeals a, features f
       WHERE a.number = ${id} AND f.layer_id = ${`${CITY}-osm-buildings`} AND f.properties->>'addr_housenumber' = '24'`.execute(database.db)
    expect(rows[0]!.address).toBe('вулиця Хрещатик, 24')
    expect(rows[0]!.d).toBeLessThan(15)
  })
})
