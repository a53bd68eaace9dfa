import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { signInAs } from '../auth/testing.ts'
import { createApp, type App } from '../index.ts'
import { checkedAgainstContract } from '../openapi/index.ts'
import { bodyBytes, decodeTile, dropTestLayers, expectProblem, makeApp, testAppDeps, uniqueLayerId } from '../testing.ts'
import { TileService } from '../../tiles/index.ts'
import { buildZip, deflatedZeros } from '../../layers/upload/testing.ts'

let database: Database
let app: App
let uploadDir: string
let planner: Record<string, string>
let admin: Record<string, string>
let resident: Record<string, string>
const layers: string[] = []

beforeAll(async () => {
  database = await openTestDatabase()
  const tiles = await TileService.create(database.db)
  uploadDir = mkdtempSync(join(tmpdir(), 'hromada-planning-test-'))
  const deps = { ...testAppDeps(database, tiles, { trustProxy: true }), planning: { uploadDir, maxUploadBytes: 2 * 1024 * 1024 } }
  app = checkedAgainstContract(createApp(deps))
  planner = { Cookie: (await signInAs(app, 'planner')).cookie }
  admin = { Cookie: (await signInAs(app, 'admin')).cookie }
  resident = { Cookie: (await signInAs(app, 'resident')).cookie }
})
afterAll(async () => {
  await dropTestLayers(database.db, ...layers)
  await database.close()
})

const ORIGIN = { Origin: 'http://localhost' }

/** Uploads a file as a browser form would. */
function upload(who: Record<string, string>, name: string, content: string | Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData()
  form.set('file', new Blob([content as BlobPart]), name)
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return app.request('/api/layer-uploads', { method: 'POST', headers: { ...who, ...ORIGIN }, body: form })
}

function send(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, who: Record<string, string>) {
  return app.request(path, { method, headers: { ...who, ...ORIGIN, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
}

interface Upload {
  id: string
  crs: string | null
  feature_count: number
  read_count: number
  bbox: number[] | null
  fields: Array<{ name: string; type: string; samples: unknown[] }>
  problems: Array<{ kind: string; message: string; feature?: number }>
  crs_suggestions: Array<{ code: string; name: string }>
  geometry_types: string[]
}

function parcel(cadnum: string, use: string, [x, y]: [number, number], size = 0.001) {
  return {
    type: 'Feature',
    properties: { cadnum, use },
    geometry: { type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] },
  }
}

const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features })

/** Rows of an upload left in the database, and folders on disk. */
async function leftovers(): Promise<{ rows: number; folders: number }> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM layer_uploads WHERE file_name LIKE 'hostile-%'`.execute(database.db)
  return { rows: rows[0]!.n, folders: readdirSync(uploadDir).length }
}

describe('uploads', () => {
  it('reads a GeoJSON for review: fields with samples, extent, a preview of the features', async () => {
    const res = await upload(planner, 'parcels.geojson', collection([parcel('1', 'житлова', [30.52, 50.45]), parcel('2', 'громадська', [30.53, 50.45])]))
    expect(res.status).toBe(201)
    const body = (await res.json()) as Upload
    expect(res.headers.get('Location')).toBe(`http://localhost/api/layer-uploads/${body.id}`)
    expect(body).toMatchObject({ crs: 'EPSG:4326', feature_count: 2, read_count: 2, geometry_types: ['POLYGON'] })
    expect(body.bbox![0]).toBeCloseTo(30.52, 6)
    expect(body.bbox![3]).toBeCloseTo(50.451, 6)
    expect(body.fields).toEqual([
      { name: 'cadnum', type: 'string', samples: ['1', '2'] },
      { name: 'use', type: 'string', samples: ['житлова', 'громадська'] },
    ])
    const preview = await app.request(`/api/layer-uploads/${body.id}/preview`, { headers: planner })
    expect(preview.status).toBe(200)
    const features = ((await preview.json()) as { features: Array<{ properties: { cadnum: string } }> }).features
    expect(features.map((f) => f.properties.cadnum)).toEqual(['1', '2'])
  })

  it('names every rejected feature and keeps the rest', async () => {
    const res = await upload(planner, 'mixed.geojson', collection([parcel('1', 'a', [30.52, 50.45]), { type: 'Feature', properties: {}, geometry: null }, parcel('3', 'c', [130, 50])]))
    const body = (await res.json()) as Upload
    expect(body.feature_count).toBe(1)
    expect(body.problems.filter((p) => p.kind === 'rejected').map((p) => p.feature)).toEqual([1, 2])
  })

  it('keeps a file whose coordinate system is unknown without staging it, and reads it again once one is chosen', async () => {
    // Metres of UCS-2000 / Ukraine TM zone 10 (EPSG:6384), as `cs2cs EPSG:4326 EPSG:6384` gives them for 50.4501 N 30.5234 E.
    const csv = 'x;y;назва\n337290.892;5591157.510;Майдан\n337390.892;5591257.510;Поруч\n'
    const res = await upload(planner, 'metres.csv', csv)
    expect(res.status).toBe(201)
    const first = (await res.json()) as Upload
    expect(first.crs).toBeNull()
    expect(first.feature_count).toBe(0)
    expect(first.read_count).toBe(2)
    expect(first.problems.find((p) => p.kind === 'crs')?.message).toMatch(/does not say its coordinate system/)
    expect(first.crs_suggestions.map((s) => s.code)).toContain('EPSG:6384')
    const staged = await sql<{ n: number }>`SELECT count(*)::int AS n FROM layer_upload_features WHERE upload_id = ${first.id}::uuid`.execute(database.db)
    expect(staged.rows[0]!.n).toBe(0)
    const refused = await send('POST', '/api/layers', { upload: first.id, city: 'kyiv', id: uniqueLayerId('kyiv-unknown'), title: { uk: 'Т', en: 'T' }, theme: 'urban-planning' }, planner)
    await expectProblem(refused, 409)

    const again = await send('PATCH', `/api/layer-uploads/${first.id}`, { crs: 'EPSG:6384' }, planner)
    expect(again.status).toBe(200)
    const second = (await again.json()) as Upload
    expect(second.crs).toBe('EPSG:6384')
    expect(second.feature_count).toBe(2)
    const preview = (await (await app.request(`/api/layer-uploads/${first.id}/preview`, { headers: planner })).json()) as { features: Array<{ geometry: { coordinates: number[] } }> }
    const [lon, lat] = preview.features[0]!.geometry.coordinates as [number, number]
    const metres = await sql<{ d: number }>`SELECT ST_Distance(ST_MakePoint(${lon}, ${lat})::geography, ST_MakePoint(30.5234, 50.4501)::geography) AS d`.execute(database.db)
    expect(metres.rows[0]!.d).toBeLessThan(1)
  })

  it('asks for the coordinate system of a GeoJSON in metres that does not name one, as of any other format', async () => {
    const point = (x: number, y: number, name: string) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: [x, y] } })
    const res = await upload(planner, 'metres.geojson', collection([point(337290.892, 5591157.51, 'Майдан'), point(337390.892, 5591257.51, 'Поруч')]))
    expect(res.status).toBe(201)
    const report = (await res.json()) as Upload
    expect([report.crs, report.feature_count, report.read_count]).toEqual([null, 0, 2])
    expect(report.crs_suggestions.map((s) => s.code)).toContain('EPSG:6384')
    const chosen = (await (await send('PATCH', `/api/layer-uploads/${report.id}`, { crs: 'EPSG:6384' }, planner)).json()) as Upload
    expect([chosen.crs, chosen.feature_count]).toEqual(['EPSG:6384', 2])
  })

  it('refuses what is not a readable upload, leaving nothing behind', async () => {
    const before = await leftovers()
    await expectProblem(await upload(planner, 'hostile-empty.geojson', collection([])), 422)
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)])
    const refused = await expectProblem(await upload(planner, 'hostile-plan.pdf', elf), 422)
    expect(String(refused.detail)).toMatch(/executable/i)
    await expectProblem(await upload(planner, 'hostile-broken.geojson', '{"type":"FeatureCollection","features":[{"type":'), 422)
    await expectProblem(await upload(planner, 'hostile-large.geojson', 'x'.repeat(3 * 1024 * 1024)), 413)
    expect(await leftovers()).toEqual(before)
  })

  it('answers 415 to a body that is not a form, 400 to a form without a file or with a bad choice', async () => {
    await expectProblem(await send('POST', '/api/layer-uploads', { file: 'x' }, planner), 415)
    const form = new FormData()
    form.set('encoding', 'utf-8')
    await expectProblem(await app.request('/api/layer-uploads', { method: 'POST', headers: { ...planner, ...ORIGIN }, body: form }), 400)
    const bad = await expectProblem(await upload(planner, 'x.geojson', collection([parcel('1', 'a', [30.5, 50.4])]), { encoding: 'klingon-8' }), 400)
    expect(bad.errors).toEqual([{ field: 'body.encoding', message: expect.stringMatching(/encoding/) }])
    await expectProblem(await upload(planner, 'x.geojson', collection([parcel('1', 'a', [30.5, 50.4])]), { crs: 'EPSG:abc' }), 400)
    await expectProblem(await upload(planner, 'x.geojson', collection([parcel('1', 'a', [30.5, 50.4])]), { crs: 'EPSG:99999' }), 422)
  })

  it('lets only planners and administrators upload, and each planner see only their own uploads', async () => {
    await expectProblem(await upload({}, 'x.geojson', collection([parcel('1', 'a', [30.5, 50.4])])), 401)
    await expectProblem(await upload(resident, 'x.geojson', collection([parcel('1', 'a', [30.5, 50.4])])), 403)
    const mine = (await (await upload(planner, 'mine.geojson', collection([parcel('1', 'a', [30.5, 50.4])]))).json()) as Upload
    expect((await app.request(`/api/layer-uploads/${mine.id}`, { headers: admin })).status).toBe(200)
    const other = (await (await upload(admin, 'admins.geojson', collection([parcel('1', 'a', [30.5, 50.4])]))).json()) as Upload
    await expectProblem(await app.request(`/api/layer-uploads/${other.id}`, { headers: planner }), 404)
    const gone = await app.request(`/api/layer-uploads/${mine.id}`, { method: 'DELETE', headers: { ...planner, ...ORIGIN } })
    expect(gone.status).toBe(204)
    await expectProblem(await app.request(`/api/layer-uploads/${mine.id}`, { headers: planner }), 404)
    expect(readdirSync(uploadDir)).not.toContain(mine.id)
  })
})

const fixture = (path: string) => readFileSync(fileURLToPath(new URL(`../../layers/upload/fixtures/${path}`, import.meta.url)))

/** The first position of a geometry's coordinates, however deep they nest. */
function firstPosition(coordinates: unknown): number[] {
  let c = coordinates
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0]
  return c as number[]
}

/** Metres between a lon/lat position and another, on the ellipsoid. */
async function metresBetween([lon1, lat1]: number[], [lon2, lat2]: number[]): Promise<number> {
  const { rows } = await sql<{ d: number }>`SELECT ST_Distance(ST_MakePoint(${lon1}, ${lat1})::geography, ST_MakePoint(${lon2}, ${lat2})::geography) AS d`.execute(database.db)
  return rows[0]!.d
}

describe('uploads in the formats and systems Ukrainian data comes in', () => {
  it('reads a zipped Shapefile in UCS-2000 with CP1251 attributes and no .cpg: the encoding detected, every point where it belongs', async () => {
    const res = await upload(planner, 'ділянки.zip', fixture('upload/parcels-ucs2000-cp1251.zip'))
    expect(res.status).toBe(201)
    const body = (await res.json()) as Upload & { encoding: string; encoding_source: string; format: string; file_name: string }
    expect(body).toMatchObject({ format: 'shapefile', crs: 'EPSG:6384', encoding: 'windows-1251', encoding_source: 'detected', file_name: 'ділянки.zip' })
    const source = JSON.parse(fixture('shapefile/parcels.source.geojson').toString()) as { features: Array<{ properties: Record<string, unknown>; geometry: { coordinates: unknown } | null }> }
    // The record without a geometry is named; the others are all there.
    expect(body.read_count).toBe(source.features.length)
    expect(body.problems.filter((p) => p.kind === 'rejected').map((p) => p.feature)).toEqual(source.features.flatMap((f, i) => (f.geometry ? [] : [i])))
    // Samples come from the accepted features, in file order.
    expect(body.fields.find((f) => f.name === 'name')?.samples).toEqual(source.features.filter((f) => f.geometry).slice(0, 3).map((f) => f.properties.name))
    const preview = (await (await app.request(`/api/layer-uploads/${body.id}/preview`, { headers: planner })).json()) as { features: Array<{ id: number; properties: Record<string, unknown>; geometry: { coordinates: unknown } }> }
    expect(preview.features).toHaveLength(body.feature_count)
    for (const feature of preview.features) {
      const original = source.features[feature.id]!
      expect(feature.properties.name).toBe(original.properties.name)
      expect(await metresBetween(firstPosition(feature.geometry.coordinates), firstPosition(original.geometry!.coordinates))).toBeLessThan(1)
    }
  })

  it.each([
    ['a GeoPackage in UCS-2000 / Ukraine TM zone 10', 'gpkg/places-ucs2000-tm10.gpkg', 'geopackage', 'EPSG:6384'],
    ['KML', 'kml/places.kml', 'kml', 'EPSG:4326'],
    ['a CSV with WKT geometries', 'csv/parcels-wkt.csv', 'csv', 'EPSG:4326'],
    ['gzipped GeoJSON', 'sniff/places.geojson.gz', 'geojson', 'EPSG:4326'],
  ])('reads %s', async (_, path, format, crs) => {
    const res = await upload(planner, path.split('/').pop()!, fixture(path))
    expect(res.status).toBe(201)
    const body = (await res.json()) as Upload & { format: string }
    expect(body.format).toBe(format)
    expect(body.crs).toBe(crs)
    expect(body.feature_count).toBeGreaterThan(0)
    // Every feature lands in Ukraine.
    const [w, s, e, n] = body.bbox!
    expect([w! > 22, s! > 44, e! < 41, n! < 53]).toEqual([true, true, true, true])
  })

  it('refuses each hostile file with a clear problem, leaving nothing in the database or on disk', async () => {
    const before = await leftovers()
    const bomb = buildZip([{ name: 'parcels.geojson', deflated: await deflatedZeros(200) }])
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['hostile-no-dbf.zip', fixture('upload/parcels-no-dbf.zip'), /no \.dbf/],
      ['hostile-no-shx.zip', fixture('upload/parcels-no-shx.zip'), /no \.shx/],
      ['hostile-bomb.zip', bomb, /zip bomb/],
      ['hostile-traversal.zip', buildZip([{ name: '../../evil.geojson', data: Buffer.from(collection([parcel('1', 'a', [30.5, 50.4])])) }]), /outside|\.\./],
      ['hostile-nested.zip', buildZip([{ name: 'inner.zip', data: buildZip([{ name: 'a.geojson', data: Buffer.from('{}') }]) }]), /archive/i],
      ['hostile-zero.geojson', Buffer.from(collection([])), /no features/],
    ]
    for (const [name, bytes, message] of cases) {
      const problem = await expectProblem(await upload(planner, name, bytes), 422)
      expect(problem.type).toBe('/problems/unreadable-file')
      expect(String(problem.detail)).toMatch(message)
    }
    expect(await leftovers()).toEqual(before)
  })
})

describe('layers from uploads', () => {
  async function uploaded(features: unknown[]): Promise<string> {
    const res = await upload(planner, 'plan.geojson', collection(features))
    expect(res.status).toBe(201)
    return ((await res.json()) as Upload).id
  }

  it('makes a draft that only staff see, and publishes it by its status, audited', async () => {
    const id = uniqueLayerId('kyiv-zoning')
    layers.push(id)
    const res = await send('POST', '/api/layers', {
      upload: await uploaded([parcel('80000:01:001:0001', 'житлова', [30.52, 50.45]), parcel('80000:01:001:0002', 'громадська', [30.53, 50.45])]),
      city: 'kyiv',
      id,
      title: { uk: 'План зонування', en: 'Zoning plan' },
      theme: 'urban-planning',
      status: 'draft',
      document_type: 'zoning-plan',
      decision_number: '123/4567',
      decision_date: '2026-11-20',
    }, planner)
    expect(res.status).toBe(201)
    const layer = (await res.json()) as { status: string; feature_count: number; revision: number; attributes: Array<{ name: string; public: boolean }>; decision_date: string }
    expect(layer).toMatchObject({ status: 'draft', feature_count: 2, revision: 1, decision_date: '2026-11-20' })
    expect(layer.attributes.map((a) => a.name)).toEqual(['cadnum', 'use'])
    await expectProblem(await app.request(`/api/layers/${id}`), 404)
    expect((await app.request(`/api/planning/layers/${id}`, { headers: planner })).status).toBe(200)
    const drafts = (await (await app.request('/api/planning/layers?city=kyiv&status=draft', { headers: planner })).json()) as Array<{ id: string; status: string }>
    expect(drafts.find((l) => l.id === id)?.status).toBe('draft')
    expect(drafts.every((l) => l.status === 'draft')).toBe(true)
    expect((await app.request(`/api/layers/${id}/versions`, { headers: planner })).status).toBe(200)
    await expectProblem(await app.request(`/api/layers/${id}/versions`), 404)

    const published = await send('PATCH', `/api/layers/${id}`, { status: 'consultation', style: { color: '#8e24aa', categoryField: 'use', categories: [{ value: 'житлова', color: '#ffb300', label: { uk: 'Житлова', en: 'Housing' } }] } }, planner)
    expect(published.status).toBe(200)
    const pub = await app.request(`/api/layers/${id}`)
    expect(pub.status).toBe(200)
    expect(((await (await app.request('/api/layers?city=kyiv')).json()) as Array<{ id: string }>).map((l) => l.id)).toContain(id)
    const style = (await (await app.request('/styles/kyiv.json')).json()) as { layers: Array<{ id: string; paint?: Record<string, unknown> }> }
    expect(style.layers.find((l) => l.id === id)?.paint?.['fill-color']).toEqual(['match', ['get', 'use'], 'житлова', '#ffb300', '#8e24aa'])
    const trail = await sql<{ action: string; changes: Record<string, unknown> }>`SELECT action, changes FROM audit_log WHERE object_type = 'layer' AND object_id = ${id} ORDER BY id`.execute(database.db)
    expect(trail.rows.map((r) => r.action)).toEqual(['create', 'status'])
    expect(trail.rows[1]!.changes.status).toEqual(['draft', 'consultation'])
  })

  it("keeps the data passport's update frequency, legal basis and responsible position a planner sets, and the defaults when cleared", async () => {
    const id = uniqueLayerId('kyiv-passport')
    layers.push(id)
    const made = await send('POST', '/api/layers', {
      upload: await uploaded([parcel('1', 'a', [30.52, 50.45])]),
      city: 'kyiv',
      id,
      title: { uk: 'Червоні лінії', en: 'Red lines' },
      theme: 'urban-planning',
      status: 'approved',
      organisation: 'kyiv-transport',
      decision_number: '77/1',
      update_frequency: 'monthly',
    }, planner)
    expect(made.status).toBe(201)
    expect(await made.json()).toMatchObject({ update_frequency: 'monthly', legal_basis: null, responsible_role: null })
    const role = { uk: 'Головний спеціаліст відділу містобудівного кадастру', en: 'Chief specialist of the urban planning cadastre unit' }
    const basis = { uk: 'Рішення Київради № 77/1', en: 'Kyiv City Council decision No 77/1' }
    const edited = await send('PATCH', `/api/layers/${id}`, { legal_basis: basis, responsible_role: role, update_frequency: 'quarterly' }, planner)
    expect(edited.status).toBe(200)
    expect(await edited.json()).toMatchObject({ update_frequency: 'quarterly', legal_basis: basis, responsible_role: role })
    type Passport = { id: string; update_frequency: string; legal_basis: { uk: string }; responsible: { role: unknown }; owner: { id: string | null } }
    const passportOf = async () => ((await (await app.request('/api/catalogue?city=kyiv')).json()) as { datasets: Passport[] }).datasets.find((d) => d.id === id)!
    expect(await passportOf()).toMatchObject({ update_frequency: 'quarterly', legal_basis: basis, responsible: { role }, owner: { id: 'kyiv-transport' } })
    expect((await send('PATCH', `/api/layers/${id}`, { legal_basis: null, responsible_role: null }, planner)).status).toBe(200)
    const cleared = await passportOf()
    expect(cleared.legal_basis.uk).toMatch(/^Рішення № 77\/1; Постанова Кабінету Міністрів України від 21\.10\.2015 № 835/)
    expect(cleared.responsible.role).toEqual({ uk: 'Відповідальна особа за оприлюднення відкритих даних', en: 'Officer responsible for publishing open data' })
    await expectProblem(await send('PATCH', `/api/layers/${id}`, { update_frequency: 'hourly' }, planner), 400)
  })

  it('refuses a style that draws a private attribute or a colour that is not one', async () => {
    const id = uniqueLayerId('kyiv-styled')
    layers.push(id)
    expect((await send('POST', '/api/layers', { upload: await uploaded([parcel('1', 'a', [30.52, 50.45])]), city: 'kyiv', id, title: { uk: 'Т', en: 'T' }, theme: 'urban-planning' }, planner)).status).toBe(201)
    await expectProblem(await send('PATCH', `/api/layers/${id}`, { style: { color: 'red; }' } }, planner), 400)
    await expectProblem(
      await send('PATCH', `/api/layers/${id}`, { attributes: [{ name: 'use', type: 'string', label: { uk: 'u', en: 'u' }, public: false }], style: { color: '#000000', label: 'use' } }, planner),
      422,
    )
    await expectProblem(await send('PATCH', `/api/layers/${id}`, { status: 'approved' }, resident), 403)
    // Nor may a planner's layer join the always-on basemap.
    await expectProblem(await send('PATCH', `/api/layers/${id}`, { style: { color: '#000000', basemap: true } }, planner), 400)
  })

  it('checks a new layer\'s style against the fields it gets from its upload, writing nothing when it names a private one', async () => {
    const id = uniqueLayerId('kyiv-owners')
    const withOwner = [{ ...parcel('1', 'a', [30.52, 50.45]), properties: { cadnum: '1', owner: 'Іваненко І. І.' } }]
    const refused = await expectProblem(
      await send('POST', '/api/layers', { upload: await uploaded(withOwner), city: 'kyiv', id, title: { uk: 'Т', en: 'T' }, theme: 'urban-planning', style: { color: '#000000', label: 'owner' } }, planner),
      422,
    )
    expect((refused.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['body.style.label'])
    expect((await app.request(`/api/planning/layers/${id}`, { headers: planner })).status).toBe(404)
  })

  it('serves the downloads of a layer whose licence and attribution are written in Ukrainian, with both in the headers', async () => {
    const id = uniqueLayerId('kyiv-licensed')
    layers.push(id)
    const licence = 'Відкрита ліцензія України 1.0'
    const attribution = 'Департамент містобудування © 2026'
    const created = await send('POST', '/api/layers', { upload: await uploaded([parcel('1', 'a', [30.52, 50.45])]), city: 'kyiv', id, title: { uk: 'Т', en: 'T' }, theme: 'urban-planning', status: 'approved', licence, attribution }, planner)
    expect(created.status).toBe(201)
    for (const path of [`/api/layers/${id}/export.geojson`, `/api/layers/${id}/export.csv`, `/api/layers/${id}/versions/1/export.geojson`]) {
      const res = await app.request(path)
      expect(res.status).toBe(200)
      expect(decodeURIComponent(res.headers.get('X-Licence')!)).toBe(licence)
      expect(decodeURIComponent(res.headers.get('X-Attribution')!)).toBe(attribution)
      await res.arrayBuffer()
    }
  })

  it('publishes a new version matched by a key: exactly what was added, removed and changed, every revision still readable', async () => {
    const id = uniqueLayerId('kyiv-parcels')
    layers.push(id)
    const v1 = [parcel('A', 'житлова', [30.50, 50.40]), parcel('B', 'житлова', [30.51, 50.40]), parcel('C', 'житлова', [30.52, 50.40]), parcel('E', 'парк', [30.53, 50.40])]
    expect((await send('POST', '/api/layers', { upload: await uploaded(v1), city: 'kyiv', id, title: { uk: 'Ділянки', en: 'Parcels' }, theme: 'property-land', status: 'approved' }, planner)).status).toBe(201)
    const versionBefore = (await (await app.request(`/api/layers/${id}`)).json()) as { version: number }
    // A unchanged, B's use changed, C removed, D added, E's shape changed.
    const v2 = [parcel('A', 'житлова', [30.50, 50.40]), parcel('B', 'громадська', [30.51, 50.40]), parcel('D', 'житлова', [30.54, 50.40]), parcel('E', 'парк', [30.53, 50.40], 0.002)]
    const res = await send('POST', `/api/layers/${id}/versions`, { upload: await uploaded(v2), key: 'cadnum', mode: 'replace' }, planner)
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ revision: 2, added: 1, removed: 1, changed: 2, feature_count: 4, mode: 'replace', key: 'cadnum' })
    const after = (await (await app.request(`/api/layers/${id}`)).json()) as { version: number; feature_count: number }
    expect(after.version).toBeGreaterThan(versionBefore.version)

    const changes = (await (await app.request(`/api/layers/${id}/versions/2/changes`)).json()) as { features: Array<{ change: string; properties: { cadnum: string; use: string } }> }
    const byKey = Object.fromEntries(changes.features.map((f) => [`${f.change}:${f.properties.cadnum}`, f.properties.use]))
    expect(byKey).toEqual({ 'changed:B': 'громадська', 'removed:C': 'житлова', 'added:D': 'житлова', 'changed:E': 'парк' })

    const exported = async (revision: number) => {
      const text = await (await app.request(`/api/layers/${id}/versions/${revision}/export.geojson`)).text()
      const fc = JSON.parse(text) as { features: Array<{ properties: { cadnum: string; use: string } }> }
      return fc.features.map((f) => `${f.properties.cadnum}:${f.properties.use}`).sort()
    }
    expect(await exported(1)).toEqual(['A:житлова', 'B:житлова', 'C:житлова', 'E:парк'])
    expect(await exported(2)).toEqual(['A:житлова', 'B:громадська', 'D:житлова', 'E:парк'])
    await expectProblem(await app.request(`/api/layers/${id}/versions/3/changes`), 404)

    const appended = await send('POST', `/api/layers/${id}/versions`, { upload: await uploaded([parcel('F', 'парк', [30.55, 50.40])]), key: 'cadnum', mode: 'append' }, planner)
    expect(await appended.json()).toMatchObject({ revision: 3, added: 1, removed: 0, changed: 0, feature_count: 5 })
    const versions = (await (await app.request(`/api/layers/${id}/versions`)).json()) as Array<{ revision: number; feature_count: number; mode: string; tiles: string }>
    expect(versions.map((v) => [v.revision, v.feature_count, v.mode])).toEqual([[3, 5, 'append'], [2, 4, 'replace'], [1, 4, 'create']])

    // Every revision's tiles draw the features that revision had: the tile holding all the parcels, by feature id.
    const z = 12
    const x = Math.floor(((30.52 + 180) / 360) * 2 ** z)
    const lat = (50.4 * Math.PI) / 180
    const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * 2 ** z)
    const exportedIds = async (revision: number) =>
      ((await (await app.request(`/api/layers/${id}/versions/${revision}/export.geojson`)).json()) as { features: Array<{ id: number }> }).features.map((f) => Number(f.id)).sort()
    for (const revision of [1, 2, 3]) {
      const template = versions.find((v) => v.revision === revision)!.tiles
      const res = await app.request(new URL(template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y))).pathname)
      expect(res.status).toBe(200)
      expect(res.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile')
      expect(res.headers.get('Cache-Control')).toBe(revision < 3 ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate')
      const layer = decodeTile(await bodyBytes(res)).layers[id]!
      const ids = Array.from({ length: layer.length }, (_, i) => Number(layer.feature(i).id)).sort()
      expect(ids).toEqual(await exportedIds(revision))
    }
    expect((await app.request(`/api/layers/${id}/versions/1/tiles/${z}/${x + 40}/${y}.mvt`)).status).toBe(204)
    await expectProblem(await app.request(`/api/layers/${id}/versions/4/tiles/${z}/${x}/${y}.mvt`), 404)
    await expectProblem(await app.request(`/api/layers/${id}/versions/1/tiles/3/9/0.mvt`), 404)
  })

  it('refuses a key that does not name one feature each', async () => {
    const id = uniqueLayerId('kyiv-dupes')
    layers.push(id)
    expect((await send('POST', '/api/layers', { upload: await uploaded([parcel('A', 'x', [30.5, 50.4])]), city: 'kyiv', id, title: { uk: 'Т', en: 'T' }, theme: 'urban-planning' }, planner)).status).toBe(201)
    const dupes = await expectProblem(await send('POST', `/api/layers/${id}/versions`, { upload: await uploaded([parcel('A', 'x', [30.5, 50.4]), parcel('A', 'y', [30.51, 50.4])]), key: 'cadnum' }, planner), 422)
    expect(String(dupes.detail)).toMatch(/share A/)
    await expectProblem(await send('POST', `/api/layers/${id}/versions`, { upload: await uploaded([parcel('A', 'x', [30.5, 50.4])]), key: 'nope' }, planner), 422)
  })
})
