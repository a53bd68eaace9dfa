import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { lonLatToTile } from '../../tiles/index.ts'
import { INVESTMENT_KINDS, INVESTMENT_STATUSES, PROPERTY_KINDS, PROPERTY_STATUSES } from '../contract/index.ts'
import { bodyBytes, decodeTile, expectProblem, makeApp, tileProperties, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
let kyivDistricts: number[]

/** A lessee of a Kyiv parcel in the source register who is a private person (a sole trader). */
const PERSON_PARCEL = '8000000000:62:002:0119'
const PERSON_NAME = 'Мулік'

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  kyivDistricts = (await database.db.selectFrom('districts').select('id').where('city_id', '=', 'kyiv').orderBy('id').execute()).map((d) => d.id)
})

afterAll(async () => {
  await database.close()
})

async function json<T = Record<string, unknown>>(path: string): Promise<T> {
  const res = await app.request(path)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as T
}

type Page = { numberMatched: number; numberReturned: number; next: string | null; links: Array<{ rel: string; href: string }>; items: Array<Record<string, unknown> & { id: number }> }

describe('the demo register', () => {
  it('holds Kyiv’s state and communal parcels as land, and Marhanets’s objects as premises, each on the map', async () => {
    // Other tests add lines of their own while this one runs: the demo's are counted by their source.
    const kyiv = await json<Page>('/api/property?city=kyiv&kind=land&limit=1')
    expect(kyiv.numberMatched).toBeGreaterThanOrEqual(12650)
    const demo = await database.db.selectFrom('property_objects').select(sql<number>`count(*)::int`.as('n')).where('city_id', '=', 'kyiv').where('kind', '=', 'land').where('source', '=', 'demo').executeTakeFirstOrThrow()
    expect(demo.n).toBe(12650)
    const marhanets = await json<Page>('/api/property?city=marhanets&kind=premises')
    expect(marhanets.numberMatched).toBeGreaterThanOrEqual(20)
    const layers = await database.db.selectFrom('layers').select(['id', 'feature_count', 'accepts_appeals', 'geometry_type']).where('id', 'in', ['kyiv-property', 'marhanets-property', 'marhanets-temporary-structures', 'kyiv-investment-objects']).orderBy('id').execute()
    expect(layers.map((l) => [l.id, l.geometry_type, l.accepts_appeals])).toEqual([
      ['kyiv-investment-objects', 'point', true],
      ['kyiv-property', 'polygon', true],
      ['marhanets-property', 'point', true],
      ['marhanets-temporary-structures', 'point', true],
    ])
    expect(layers.find((l) => l.id === 'kyiv-property')!.feature_count).toBeGreaterThanOrEqual(12650)
    expect(layers.find((l) => l.id === 'marhanets-temporary-structures')!.feature_count).toBe(2)
  })

  it('maps the lease records: an organisation lessee by name, a lease ahead as leased', async () => {
    const { rows } = await sql<{ leased: number; lessees: number; persons: number }>`
      SELECT count(*) FILTER (WHERE status = 'leased')::int AS leased, count(lessee_name)::int AS lessees,
             count(*) FILTER (WHERE lessee_kind = 'person')::int AS persons
        FROM property_objects WHERE city_id = 'kyiv'`.execute(database.db)
    expect(rows[0]!.leased).toBeGreaterThan(1000)
    expect(rows[0]!.lessees).toBeGreaterThan(2500)
    expect(rows[0]!.persons).toBeGreaterThan(100)
    const page = await json<Page>(`/api/property?city=kyiv&q=${encodeURIComponent('8000000000:62:002:0710')}`)
    expect(page.items[0]!.lease).toMatchObject({ lessee: 'Товариство з обмеженою відповідальністю "Євротекстиль"', from: '2003-01-10', until: '2028-01-24' })
  })
})

describe('no private person in any public payload', () => {
  it('the parcel of a sole trader shows its lease without the name, in JSON, GeoJSON, CSV, the layer export and the tile', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM property_objects WHERE lessee_name ILIKE ${`%${PERSON_NAME}%`} OR user_name ILIKE ${`%${PERSON_NAME}%`}`.execute(database.db)
    expect(rows[0]!.n).toBe(0)
    const page = await json<Page>(`/api/property?q=${encodeURIComponent(PERSON_PARCEL)}`)
    expect(page.items).toHaveLength(1)
    const parcel = page.items[0]!
    expect(parcel.lease).toMatchObject({ lessee: null })
    const payloads = [
      JSON.stringify(parcel),
      JSON.stringify(await json(`/api/property/${parcel.id}`)),
      await (await app.request(`/api/property?q=${encodeURIComponent(PERSON_PARCEL)}&format=geojson`)).text(),
      await (await app.request(`/api/property?q=${encodeURIComponent(PERSON_PARCEL)}&format=csv`)).text(),
      await (await app.request('/api/layers/kyiv-property/export.csv')).text(),
    ]
    const geometry = parcel.geometry as { coordinates: number[][][] | number[][][][] }
    const [lon, lat] = (geometry.coordinates.flat(3) as number[]).slice(0, 2) as [number, number]
    const { x, y } = lonLatToTile(lon, lat, 15)
    const layer = await database.db.selectFrom('layers').select('version').where('id', '=', 'kyiv-property').executeTakeFirstOrThrow()
    const tile = await app.request(`/tiles/kyiv-property/15/${x}/${y}.pbf?v=${layer.version}`)
    expect(tile.status).toBe(200)
    const features = tileProperties(decodeTile(await bodyBytes(tile)), 'kyiv-property')
    expect(features.some((f) => f.cadastral_number === PERSON_PARCEL)).toBe(true)
    payloads.push(JSON.stringify(features))
    for (const payload of payloads) expect(payload).not.toContain(PERSON_NAME)
  })
})

describe('a sensitive object', () => {
  let id: number
  const place: [number, number] = [30.6012, 50.4123]

  beforeAll(async () => {
    const row = await database.db
      .insertInto('property_objects')
      .values({ city_id: 'kyiv', kind: 'building', register_id: `TEST-SENSITIVE-${Date.now()}`, name: 'Котельня (тест)', status: 'not_for_lease', sensitive: true, geom: sql<string>`ST_SetSRID(ST_MakePoint(${place[0]}, ${place[1]}), 4326)`, source: 'staff' })
      .returning(['id', 'feature_id'])
      .executeTakeFirstOrThrow()
    id = row.id
    expect(row.feature_id).toBeNull()
  })
  afterAll(async () => {
    await database.db.deleteFrom('property_objects').where('id', '=', id).execute()
  })

  it('has no place in any public payload, and no box search finds it', async () => {
    const one = await json<Record<string, unknown>>(`/api/property/${id}`)
    expect(one).toMatchObject({ sensitive: true, geometry: null, feature: null })
    const box = `${place[0] - 0.001},${place[1] - 0.001},${place[0] + 0.001},${place[1] + 0.001}`
    expect((await json<Page>(`/api/property?bbox=${box}`)).items.map((o) => o.id)).not.toContain(id)
    const byName = await json<{ features: Array<{ id: number; geometry: unknown }> }>(`/api/property?q=${encodeURIComponent('Котельня (тест)')}&format=geojson`)
    expect(byName.features.find((f) => f.id === id)).toMatchObject({ geometry: null })
    const csv = await (await app.request(`/api/property?q=${encodeURIComponent('Котельня (тест)')}&format=csv`)).text()
    expect(csv).toContain('Котельня (тест)')
    expect(csv).not.toContain(String(place[0]))
    expect(csv).not.toContain(String(place[1]))
  })
})

/** The register lines that satisfy the filters, written out independently of the server's query. */
async function expectedIds(f: { city?: string; kind?: readonly string[]; status?: readonly string[]; district?: number; area_min?: number; area_max?: number; purpose?: string; bbox?: readonly number[] }): Promise<{ n: number; first: number[] }> {
  const { rows } = await sql<{ id: number }>`
    SELECT id FROM property_objects
     WHERE (${f.city ?? null}::text IS NULL OR city_id = ${f.city ?? null})
       AND (${f.kind ?? null}::text[] IS NULL OR kind = ANY(${f.kind ?? null}::text[]))
       AND (${f.status ?? null}::text[] IS NULL OR status = ANY(${f.status ?? null}::text[]))
       AND (${f.district ?? null}::int IS NULL OR district_id = ${f.district ?? null})
       AND (${f.area_min ?? null}::numeric IS NULL OR area_m2 >= ${f.area_min ?? null})
       AND (${f.area_max ?? null}::numeric IS NULL OR area_m2 <= ${f.area_max ?? null})
       AND (${f.purpose ?? null}::text IS NULL OR purpose_code = ${f.purpose ?? null} OR split_part(purpose_code, '.', 1) = ${f.purpose ?? null})
       AND (${f.bbox ?? null}::float8[] IS NULL OR (NOT sensitive AND geom IS NOT NULL AND ST_Intersects(geom, ST_MakeEnvelope(${f.bbox?.[0] ?? 0}, ${f.bbox?.[1] ?? 0}, ${f.bbox?.[2] ?? 0}, ${f.bbox?.[3] ?? 0}, 4326))))
     ORDER BY id`.execute(database.db)
  return { n: rows.length, first: rows.slice(0, 200).map((r) => r.id) }
}

const subsetOf = <T>(values: readonly T[]) => fc.option(fc.subarray([...values], { minLength: 1 }), { nil: undefined })

describe('the filters', () => {
  it('return exactly the objects that satisfy every filter, for generated combinations', async () => {
    const filters = fc.record(
      {
        city: fc.option(fc.constantFrom('kyiv', 'marhanets'), { nil: undefined }),
        kind: subsetOf(PROPERTY_KINDS),
        status: subsetOf(PROPERTY_STATUSES),
        district: fc.option(fc.constantFrom(...kyivDistricts), { nil: undefined }),
        area_min: fc.option(fc.constantFrom(0, 100, 1000, 2500.5, 10000), { nil: undefined }),
        area_max: fc.option(fc.constantFrom(500, 5000, 20000, 1e6), { nil: undefined }),
        purpose: fc.option(fc.constantFrom('03', '03.07', '02', '14.02', '11', '99'), { nil: undefined }),
        bbox: fc.option(fc.constantFrom([30.5, 50.42, 30.56, 50.47], [30.2, 50.2, 30.9, 50.6], [34.55, 47.6, 34.7, 47.7]), { nil: undefined }),
      },
      { requiredKeys: [] },
    )
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const min = f.area_min
        const max = f.area_max
        if (min !== undefined && max !== undefined && min > max) return
        const params = new URLSearchParams({ limit: '200' })
        for (const [key, value] of Object.entries(f)) if (value !== undefined) params.set(key, Array.isArray(value) ? value.join(',') : String(value))
        const page = await json<Page>(`/api/property?${params}`)
        const expected = await expectedIds(f)
        expect(page.numberMatched).toBe(expected.n)
        expect(page.items.map((o) => o.id)).toEqual(expected.first)
      }),
      { numRuns: 60, seed: 835 },
    )
  })

  it('pages with next links and a Link header until every match is read', async () => {
    const first = await app.request('/api/property?city=kyiv&district=' + kyivDistricts[0] + '&kind=land&limit=400')
    const page = (await first.json()) as Page
    expect(first.headers.get('Link')).toContain('rel="next"')
    const seen = page.items.map((o) => o.id)
    let next = page.next
    while (next) {
      const more = await json<Page>(next.replace(/^https?:\/\/[^/]+/, ''))
      seen.push(...more.items.map((o) => o.id))
      next = more.next
    }
    expect(seen.length).toBe(page.numberMatched)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('refuse hostile values with a clear 400', async () => {
    for (const bad of [
      'kind=castle', 'status=free,stolen', 'area_min=-1', 'area_min=abc', 'area_min=500&area_max=100', 'purpose=03.07.01', "purpose=03'--",
      'bbox=1,2,3', 'bbox=30,50,29,51', 'district=-4', 'district=1e99', 'limit=0', 'limit=100000', 'offset=-1', 'format=xml', `q=${'x'.repeat(101)}`,
      'city=NOT A CITY',
    ]) {
      const res = await app.request(`/api/property?${bad}`)
      expect(res.status, bad).toBe(400)
      await expectProblem(res, 400)
    }
    await expectProblem(await app.request('/api/property?city=atlantis'), 404)
    await expectProblem(await app.request('/api/property/99999999999'), 404)
    await expectProblem(await app.request('/api/property/abc'), 400)
  })

  it('treat LIKE wildcards in q as plain text', async () => {
    const all = await json<Page>('/api/property?city=kyiv&limit=1')
    const wild = await json<Page>('/api/property?city=kyiv&q=%25&limit=1')
    expect(all.numberMatched).toBeGreaterThan(0)
    expect(wild.numberMatched).toBe(0)
  })
})

describe('exports', () => {
  it('CSV has every match with lon/lat and a WKT geometry; GeoJSON is the same page as features', async () => {
    const district = kyivDistricts[1]!
    const page = await json<Page>(`/api/property?city=kyiv&district=${district}&status=leased&limit=1000`)
    const res = await app.request(`/api/property?city=kyiv&district=${district}&status=leased&format=csv`)
    expect(res.headers.get('Content-Type')).toContain('text/csv')
    const bytes = new Uint8Array(await res.arrayBuffer())
    // UTF-8 with a byte-order mark, so that spreadsheets read the Cyrillic right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n')
    expect(lines[0]).toMatch(/^id,city,kind,register_id,/)
    expect(lines[0]).toMatch(/,lon,lat,WKT$/)
    expect(lines).toHaveLength(page.numberMatched + 1)
    expect(lines[1]).toMatch(/"MULTIPOLYGON \(\(\(/)
    const geojson = await app.request(`/api/property?city=kyiv&district=${district}&status=leased&format=geojson&limit=5`)
    expect(geojson.headers.get('Content-Type')).toContain('application/geo+json')
    const collection = (await geojson.json()) as { numberMatched: number; features: Array<{ id: number; properties: Record<string, unknown> }> }
    expect(collection.numberMatched).toBe(page.numberMatched)
    expect(collection.features.map((f) => f.id)).toEqual(page.items.slice(0, 5).map((o) => o.id))
    expect(collection.features[0]!.properties).toHaveProperty('status', 'leased')
  })
})

describe('the investment map', () => {
  it('filters offers exactly as a direct query does, a drawn area included', async () => {
    const all = await json<{ numberMatched: number; items: Array<{ id: number; area_m2: number; district: { id: number } | null; kind: string; start_price: number | null; status: string; synthetic: boolean; nearest: { public_transport: { metres: number } | null } }> }>('/api/investment/objects?city=kyiv&limit=1000')
    expect(all.numberMatched).toBeGreaterThanOrEqual(20)
    expect(all.items.every((o) => o.synthetic)).toBe(true)
    expect(all.items.some((o) => o.nearest.public_transport !== null)).toBe(true)
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            kind: subsetOf(INVESTMENT_KINDS),
            status: subsetOf(INVESTMENT_STATUSES),
            district: fc.option(fc.constantFrom(...kyivDistricts), { nil: undefined }),
            area_min: fc.option(fc.constantFrom(1000, 3000, 8000), { nil: undefined }),
            area_max: fc.option(fc.constantFrom(2000, 10000, 60000), { nil: undefined }),
            price_max: fc.option(fc.constantFrom(100_000, 1_000_000, 50_000_000), { nil: undefined }),
          },
          { requiredKeys: [] },
        ),
        async (f) => {
          if (f.area_min !== undefined && f.area_max !== undefined && f.area_min > f.area_max) return
          const params = new URLSearchParams({ city: 'kyiv', limit: '1000' })
          for (const [key, value] of Object.entries(f)) if (value !== undefined) params.set(key, Array.isArray(value) ? value.join(',') : String(value))
          const page = await json<{ numberMatched: number; items: Array<{ id: number }> }>(`/api/investment/objects?${params}`)
          const expected = all.items
            .filter((o) => (!f.kind || f.kind.includes(o.kind as never)) && (!f.status || f.status.includes(o.status as never)))
            .filter((o) => f.district === undefined || o.district?.id === f.district)
            .filter((o) => (f.area_min === undefined || o.area_m2 >= f.area_min) && (f.area_max === undefined || o.area_m2 <= f.area_max))
            .filter((o) => f.price_max === undefined || (o.start_price !== null && o.start_price <= f.price_max))
            .map((o) => o.id)
          expect(page.items.map((o) => o.id)).toEqual(expected)
          expect(page.numberMatched).toBe(expected.length)
        },
      ),
      { numRuns: 40, seed: 157 },
    )
    // A drawn area around the first offer's district finds the offers there and none elsewhere.
    const { rows } = await sql<{ area: string; ids: number[] }>`
      SELECT ST_AsGeoJSON(ST_Envelope(geom)) AS area, (SELECT array_agg(i.id::int ORDER BY i.id) FROM investment_objects i WHERE i.city_id = 'kyiv' AND i.published AND ST_Intersects(i.geom, ST_Envelope(d.geom))) AS ids
        FROM districts d WHERE d.id = ${kyivDistricts[2]!}`.execute(database.db)
    const within = await json<{ items: Array<{ id: number }> }>(`/api/investment/objects?city=kyiv&limit=1000&within=${encodeURIComponent(rows[0]!.area)}`)
    expect(within.items.map((o) => o.id)).toEqual(rows[0]!.ids ?? [])
    for (const bad of ['{"type":"Point","coordinates":[30,50]}', 'not json', '{"type":"Polygon","coordinates":[[[30,50],[31,51],[31,50],[30,51],[30,50]]]}', '[]']) {
      await expectProblem(await app.request(`/api/investment/objects?within=${encodeURIComponent(bad)}`), 400)
    }
  })

  it('shows one offer with its zoning and distances, and exports CSV', async () => {
    const page = await json<{ items: Array<{ id: number }> }>('/api/investment/objects?city=kyiv&limit=1')
    const offer = await json<{ id: number; title: { en: string }; contact: { organisation: string | null }; url: string }>(`/api/investment/objects/${page.items[0]!.id}`)
    expect(offer.title.en).toMatch(/^Land plot|^Brownfield/)
    expect(offer.contact.organisation).toBe('Департамент земельних ресурсів')
    expect(offer.url).toMatch(/\/investment\/\d+$/)
    const csv = await (await app.request('/api/investment/objects?city=kyiv&format=csv')).text()
    expect(csv.split('\r\n')[0]).toContain('title_en')
    await expectProblem(await app.request('/api/investment/objects/0'), 400)
    await expectProblem(await app.request('/api/investment/objects/987654321'), 404)
  })
})
