import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import exifr from 'exifr'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { freshEmail, lastMail, type SignedIn, signInAs } from '../auth/testing.ts'
import { jpegWithGps } from '../appeals/testing.ts'
import { bodyBytes, expectProblem, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
let manager: SignedIn
let resident: SignedIn
let planner: SignedIn
const suffix = randomUUID().slice(0, 8)
const createdLines: number[] = []
const createdOffers: number[] = []
/** A point well inside Kyiv's Podilskyi district. */
let point: [number, number]

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  manager = await signInAs(app, 'property_manager')
  resident = await signInAs(app, 'resident')
  planner = await signInAs(app, 'planner')
  const { rows } = await sql<{ lon: number; lat: number }>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_GeometryN(ST_GeneratePoints(ST_Buffer(geom::geography, -700)::geometry, 1, 3), 1) AS p
      FROM districts WHERE city_id = 'kyiv' AND name = 'Подільський район') d`.execute(database.db)
  point = [rows[0]!.lon, rows[0]!.lat]
})

afterAll(async () => {
  if (createdOffers.length) await database.db.deleteFrom('investment_objects').where('id', 'in', createdOffers).execute()
  if (createdLines.length) await database.db.deleteFrom('property_objects').where('id', 'in', createdLines).execute()
  await database.db.deleteFrom('property_objects').where('register_id', 'like', `%${suffix}%`).execute()
  await database.close()
})

async function json<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status)
  return (await res.json()) as T
}

const patch = (who: SignedIn, path: string, body: unknown) => who.request(path, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

describe('the property manager keeps the register', () => {
  it('adds premises with their place; the line is on the map with its district, and goes to its holder', async () => {
    const line = await json<{ id: number; district: { name: string } | null; register_id: string; balance_holder: { id: string } }>(
      await manager.post('/api/property', {
        city: 'kyiv', kind: 'premises', balance_holder_edrpou: '12345678', inventory_number: `INV-${suffix}`, name: 'Нежитлове приміщення (тест)',
        balance_holder: 'kyiv-land-resources', user_kind: 'organisation', user_name: 'Комунальне підприємство «Київжитлоспецексплуатація»',
        area_m2: 84.5, status: 'list_1', utilities: ['water', 'power'], geometry: { type: 'Point', coordinates: point },
      }),
      201,
    )
    createdLines.push(line.id)
    expect(line.register_id).toBe(`12345678-INV-${suffix}`)
    expect(line.district?.name).toBe('Подільський район')
    expect(line.balance_holder.id).toBe('kyiv-land-resources')
    const row = await database.db.selectFrom('property_objects').select(['feature_id']).where('id', '=', line.id).executeTakeFirstOrThrow()
    const feature = await database.db.selectFrom('features').select('properties').where('layer_id', '=', 'kyiv-property').where('id', '=', row.feature_id!).executeTakeFirstOrThrow()
    expect(feature.properties).toMatchObject({ status: 'list_1', owner_organisation: 'kyiv-land-resources', kind: 'premises' })
    // The same register id again is a conflict, not a second line.
    await expectProblem(await manager.post('/api/property', { city: 'kyiv', kind: 'premises', register_id: line.register_id }), 409)
  })

  it('puts a line up at auction, leases it, and makes it sensitive: the place leaves the map and every public answer', async () => {
    const { id } = await json<{ id: number }>(await manager.post('/api/property', { city: 'kyiv', kind: 'building', register_id: `BLD-${suffix}`, geometry: { type: 'Point', coordinates: point } }), 201)
    createdLines.push(id)
    await expectProblem(await patch(manager, `/api/property/${id}`, { status: 'at_auction' }), 400)
    const auction = await json<{ auction: { url: string } }>(await patch(manager, `/api/property/${id}`, { status: 'at_auction', auction_lot_id: 'LLE001-UA-20261201-12345', auction_start: '2026-12-20', auction_end: '2026-12-21' }))
    expect(auction.auction.url).toBe('https://prozorro.sale/auction/LLE001-UA-20261201-12345')
    const leased = await json<{ lease: { lessee: string | null; until: string } }>(await patch(manager, `/api/property/${id}`, { status: 'leased', lessee_kind: 'organisation', lessee_name: 'ТОВ «Орендар»', leased_from: '2027-01-01', leased_until: '2032-01-01' }))
    expect(leased.lease).toMatchObject({ lessee: 'ТОВ «Орендар»', until: '2032-01-01' })
    // A lessee who is a person: the name goes with the kind.
    const person = await json<{ lease: { lessee: string | null } }>(await patch(manager, `/api/property/${id}`, { lessee_kind: 'person' }))
    expect(person.lease.lessee).toBeNull()
    expect((await database.db.selectFrom('property_objects').select('lessee_name').where('id', '=', id).executeTakeFirstOrThrow()).lessee_name).toBeNull()
    const hidden = await json<{ geometry: unknown; sensitive: boolean }>(await patch(manager, `/api/property/${id}`, { sensitive: true }))
    expect(hidden).toMatchObject({ geometry: null, sensitive: true })
    expect((await database.db.selectFrom('property_objects').select('feature_id').where('id', '=', id).executeTakeFirstOrThrow()).feature_id).toBeNull()
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'property' AND object_id = ${String(id)}`.execute(database.db)
    expect(audit.rows[0]!.n).toBe(5)
  })

  it('refuses a private person’s name and other bad lines, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ city: 'kyiv', kind: 'premises', register_id: `P-${suffix}`, lessee_kind: 'organisation', lessee_name: 'Іваненко Петро Петрович' }, 'body.lessee_name'],
      [{ city: 'kyiv', kind: 'premises', register_id: `P-${suffix}`, user_kind: 'person', user_name: 'Петренко Олена' }, 'body.user_name'],
      [{ city: 'kyiv', kind: 'premises', register_id: `P-${suffix}`, lessee_name: 'ТОВ «Ромашка»' }, 'body.lessee_name'],
      [{ city: 'kyiv', kind: 'land', register_id: `L-${suffix}` }, 'body.cadastral_number'],
      [{ city: 'kyiv', kind: 'land', cadastral_number: '80000000:1:2:3' }, 'body.cadastral_number'],
      [{ city: 'kyiv', kind: 'premises', register_id: `P-${suffix}`, balance_holder: 'marhanets-culture' }, 'body.balance_holder'],
      [{ city: 'kyiv', kind: 'premises', register_id: `P-${suffix}`, geometry: { type: 'Point', coordinates: [34.6, 47.65] } }, 'body.geometry'],
      [{ city: 'kyiv', kind: 'premises' }, 'body.register_id'],
      [{ city: 'kyiv', kind: 'premises', register_id: `P-${suffix}`, area_m2: -5 }, 'body.area_m2'],
      [{ city: 'kyiv', kind: 'premises', register_id: `P-${suffix}`, utilities: ['internet'] }, 'body.utilities.0'],
      [{ city: 'kyiv', kind: 'castle', register_id: `P-${suffix}` }, 'body.kind'],
    ]
    for (const [body, field] of cases) {
      const problem = await expectProblem(await manager.post('/api/property', body), 400)
      expect(JSON.stringify(problem.errors), JSON.stringify(body)).toContain(field)
    }
    expect(await database.db.selectFrom('property_objects').select('id').where('register_id', '=', `P-${suffix}`).executeTakeFirst()).toBeUndefined()
  })

  it('lets no one else write', async () => {
    for (const who of [resident, planner]) await expectProblem(await who.post('/api/property', { city: 'kyiv', kind: 'premises', register_id: `X-${suffix}` }), 403)
    await expectProblem(await app.request('/api/property', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' }, body: '{}' }), 401)
  })
})

/** A PDF map made by `ogr2ogr -f PDF` (GDAL). */
const PDF = readFileSync(fileURLToPath(new URL('../../layers/upload/fixtures/sniff/places.pdf', import.meta.url)))

describe('photos and documents of the register', () => {
  it('keeps a line’s photo without EXIF or GPS and its checked PDF; an offer made of the line shows the photo; a sensitive line shows none', async () => {
    const { id } = await json<{ id: number }>(await manager.post('/api/property', { city: 'kyiv', kind: 'premises', register_id: `PH-${suffix}`, geometry: { type: 'Point', coordinates: point } }), 201)
    createdLines.push(id)
    const photoForm = async () => {
      const f = new FormData()
      f.append('photo', new File([new Uint8Array(await jpegWithGps())], 'фасад.jpg', { type: 'image/jpeg' }))
      f.append('caption', 'Фасад')
      return f
    }
    const withPhoto = await json<{ photos: Array<{ url: string; thumbnail_url: string; caption: string }> }>(await manager.request(`/api/property/${id}/photos`, { method: 'POST', body: await photoForm() }), 201)
    expect(withPhoto.photos).toHaveLength(1)
    const photo = await app.request(new URL(withPhoto.photos[0]!.url).pathname)
    expect(photo.headers.get('Content-Type')).toBe('image/jpeg')
    expect(await exifr.gps(Buffer.from(await bodyBytes(photo))).catch(() => undefined)).toBeFalsy()
    expect((await app.request(new URL(withPhoto.photos[0]!.thumbnail_url).pathname + new URL(withPhoto.photos[0]!.thumbnail_url).search)).status).toBe(200)

    const docForm = new FormData()
    docForm.append('file', new File([new Uint8Array(PDF)], 'техпаспорт.pdf', { type: 'application/pdf' }))
    docForm.append('title', 'Технічний паспорт')
    const withDoc = await json<{ documents: Array<{ url: string; bytes: number; title: string }> }>(await manager.request(`/api/property/${id}/documents`, { method: 'POST', body: docForm }), 201)
    expect(withDoc.documents).toEqual([expect.objectContaining({ title: 'Технічний паспорт', bytes: PDF.length })])
    const pdf = await app.request(new URL(withDoc.documents[0]!.url).pathname)
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF)).toBe(true)
    const notPdf = new FormData()
    notPdf.append('file', new File([new TextEncoder().encode('%PDF-1.4 but not really')], 'x.pdf', { type: 'application/pdf' }))
    notPdf.append('title', 'Підробка')
    await expectProblem(await manager.request(`/api/property/${id}/documents`, { method: 'POST', body: notPdf }), 422)
    await expectProblem(await app.request(`/api/property/${id}/documents/not-a-uuid`), 400)

    const offer = await json<{ id: number; photos: Array<{ url: string }> }>(await manager.post('/api/investment/objects', { city: 'kyiv', property_id: id, kind: 'premises', title: { uk: 'Приміщення з фото', en: 'Premises with a photo' }, deal: 'lease', area_m2: 50 }), 201)
    createdOffers.push(offer.id)
    expect(offer.photos.map((p) => new URL(p.url).pathname)).toEqual([new URL(withPhoto.photos[0]!.url).pathname])

    // A sensitive line's photo could show where it is: it goes from every answer.
    await json(await patch(manager, `/api/property/${id}`, { sensitive: true }))
    expect((await json<{ photos: unknown[] }>(await app.request(`/api/property/${id}`))).photos).toEqual([])
    expect((await app.request(new URL(withPhoto.photos[0]!.url).pathname)).status).toBe(404)
    expect((await json<{ photos: unknown[] }>(await app.request(`/api/investment/objects/${offer.id}`))).photos).toEqual([])
    await expectProblem(await resident.request(`/api/property/${id}/photos`, { method: 'POST', body: await photoForm() }), 403)
  })
})

describe('the street registers', () => {
  it('lists Marhanets’s kiosks, adds a billboard, and reads a permit past its end as expired', async () => {
    const kiosks = await json<{ numberMatched: number; items: Array<{ permit_number: string; status: string; organisation: { id: string }; feature: { layer: string } }> }>(await app.request('/api/street-structures?city=marhanets&register=temporary'))
    expect(kiosks.numberMatched).toBe(2)
    expect(kiosks.items[0]).toMatchObject({ permit_number: '3', status: 'valid', organisation: { id: 'marhanets-trade' }, feature: { layer: 'marhanets-temporary-structures' } })
    const board = await json<{ id: number; status: string; holder: string | null; feature: { layer: string } }>(
      await manager.post('/api/street-structures', { city: 'kyiv', register: 'advertising', kind: 'Білборд', permit_number: `R-${suffix}`, permit_from: '2024-01-01', permit_until: '2025-01-01', status: 'valid', holder_kind: 'organisation', holder_name: 'ТОВ «Реклама-Тест»', organisation: 'kyiv-trade', geometry: { type: 'Point', coordinates: point } }),
      201,
    )
    expect(board).toMatchObject({ status: 'expired', holder: 'ТОВ «Реклама-Тест»', feature: { layer: 'kyiv-advertising-structures' } })
    const expired = await json<{ items: Array<{ id: number }> }>(await app.request('/api/street-structures?city=kyiv&status=expired'))
    expect(expired.items.map((i) => i.id)).toContain(board.id)
    const person = await json<{ holder: string | null }>(await patch(manager, `/api/street-structures/${board.id}`, { holder_kind: 'person' }))
    expect(person.holder).toBeNull()
    await expectProblem(await patch(manager, `/api/street-structures/${board.id}`, { holder_kind: 'organisation', holder_name: 'Коваленко Ірина Миколаївна' }), 400)
    await expectProblem(await manager.post('/api/street-structures', { city: 'kyiv', register: 'temporary', kind: 'Кіоск', status: 'illegal', holder_name: 'Петренко Іван', geometry: { type: 'Point', coordinates: point } }), 400)
    await expectProblem(await resident.post('/api/street-structures', { city: 'kyiv', register: 'temporary', kind: 'Кіоск', status: 'illegal', geometry: { type: 'Point', coordinates: point } }), 403)
    await database.db.deleteFrom('street_structures').where('id', '=', board.id).execute()
  })
})

describe('importing a register spreadsheet over HTTP', () => {
  it('places a line by cadastral number, reports the one it cannot place, and refuses a file that is not one', async () => {
    // A parcel of the test's own, so that no demo line is touched.
    const cadastral = `8000000000:99:${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}:${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`
    const square = [[point[0], point[1]], [point[0] + 0.001, point[1]], [point[0] + 0.001, point[1] + 0.001], [point[0], point[1] + 0.001], [point[0], point[1]]]
    const own = await json<{ id: number }>(await manager.post('/api/property', { city: 'kyiv', kind: 'land', register_id: `${cadastral}`, cadastral_number: cadastral, status: 'in_use', area_m2: 1234, purpose_code: '03.07', geometry: { type: 'Polygon', coordinates: [square] } }), 201)
    createdLines.push(own.id)
    const parcel = { cadastral_number: cadastral }
    const csv = `ЄДРПОУ балансоутримувача;Інвентарний номер;Кадастровий номер;Найменування об'єкта;Адреса;Стан\n;;${parcel.cadastral_number};Ділянка (тест ${suffix});;вільне\n12345678;T-${suffix};;Приміщення (тест ${suffix});вул. Неіснуюча ${suffix}, 1;в оренді\n`
    const form = new FormData()
    form.append('city', 'kyiv')
    form.append('file', new File([csv], 'register.csv', { type: 'text/csv' }))
    const report = await json<{ lines: number; placedByCadastre: number; unplaced: Array<{ reason: string }> }>(await manager.request('/api/property/import', { method: 'POST', body: form }))
    expect(report.lines).toBe(2)
    expect(report.placedByCadastre).toBe(1)
    expect(report.unplaced).toHaveLength(1)
    expect(report.unplaced[0]!.reason).toContain('no address match')
    // The line already there takes what the file says (name, status) and keeps what it does not (area, purpose).
    const updated = await json<{ name: string; status: string; area_m2: number; purpose_code: string; source: string }>(await app.request(`/api/property/${own.id}`))
    expect(updated).toMatchObject({ name: `Ділянка (тест ${suffix})`, status: 'free', area_m2: 1234, purpose_code: '03.07', source: 'import' })

    const bad = new FormData()
    bad.append('city', 'kyiv')
    bad.append('file', new File([new Uint8Array([0, 1, 2, 255, 254, 0, 0])], 'register.xlsx'))
    await expectProblem(await manager.request('/api/property/import', { method: 'POST', body: bad }), 422)
    const noCity = new FormData()
    noCity.append('file', new File([csv], 'register.csv'))
    await expectProblem(await manager.request('/api/property/import', { method: 'POST', body: noCity }), 400)
    await expectProblem(await manager.request('/api/property/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }), 415)
    const residentForm = new FormData()
    residentForm.append('city', 'kyiv')
    residentForm.append('file', new File([csv], 'register.csv'))
    await expectProblem(await resident.request('/api/property/import', { method: 'POST', body: residentForm }), 403)
  })
})

describe('offers to investors and saved searches', () => {
  it('mails a confirmed saved search when a new offer matches it, and only then', async () => {
    const matching = freshEmail('investor-land')
    const other = freshEmail('investor-premises')
    const unconfirmed = freshEmail('investor-unconfirmed')
    for (const [email, query, confirm] of [
      [matching, 'city=kyiv&kind=land&area_min=2000', true],
      [other, 'city=kyiv&kind=premises', true],
      [unconfirmed, 'city=kyiv&kind=land', false],
    ] as const) {
      await json(await app.request('/api/investment/searches', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `s-${randomUUID()}` }, body: JSON.stringify({ email, query }) }), 202)
      const mail = await lastMail(database.db, email)
      expect(mail?.subject).toBe('Confirm your saved search')
      if (confirm) {
        const link = /(\/api\/investment\/searches\/confirm\?token=[A-Za-z0-9_-]+)/.exec(mail!.body)![1]!
        expect((await app.request(link)).status).toBe(200)
      }
    }
    const line = await database.db.selectFrom('property_objects').select(['id', 'area_m2']).where('city_id', '=', 'kyiv').where('kind', '=', 'land').where('cadastral_number', 'like', '8000000000:%').where('area_m2', '>', 3000).where('sensitive', '=', false).orderBy('id').limit(1).executeTakeFirstOrThrow()
    const offer = await json<{ id: number; area_m2: number; geometry: { type: string }; contact: { organisation: string | null } }>(
      await manager.post('/api/investment/objects', { city: 'kyiv', property_id: line.id, kind: 'land', title: { uk: 'Ділянка для складу', en: 'A plot for a warehouse' }, deal: 'lease', start_price: 250000, term_years: 10 }),
      201,
    )
    createdOffers.push(offer.id)
    expect(offer.area_m2).toBe(line.area_m2)
    expect(offer.geometry.type).toMatch(/Polygon/)
    expect(await lastMail(database.db, matching)).toMatchObject({ kind: 'investment-offer', subject: 'New offer: A plot for a warehouse' })
    expect((await lastMail(database.db, other))?.kind).toBe('investment-search-confirm')
    expect((await lastMail(database.db, unconfirmed))?.kind).toBe('investment-search-confirm')
    // Unpublishing and changing terms: the public list follows.
    await json(await patch(manager, `/api/investment/objects/${offer.id}`, { published: false }))
    await expectProblem(await app.request(`/api/investment/objects/${offer.id}`), 404)
  })

  it('refuses a bad saved search and a bad offer', async () => {
    const post = (body: unknown) => app.request('/api/investment/searches', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `s-${randomUUID()}` }, body: JSON.stringify(body) })
    await expectProblem(await post({ email: freshEmail('s'), query: 'kind=land' }), 400)
    await expectProblem(await post({ email: freshEmail('s'), query: 'city=kyiv&kind=castle' }), 400)
    await expectProblem(await post({ email: freshEmail('s'), query: 'city=atlantis' }), 404)
    await expectProblem(await post({ email: freshEmail('s'), query: 'city=kyiv&within=%7Bnope' }), 400)
    await expectProblem(await post({ email: 'nope', query: 'city=kyiv' }), 400)
    await expectProblem(await manager.post('/api/investment/objects', { city: 'kyiv', kind: 'land', title: { uk: 'Без місця', en: 'No place' }, deal: 'sale' }), 400)
    await expectProblem(await manager.post('/api/investment/objects', { city: 'kyiv', kind: 'land', title: { uk: 'Аукціон', en: 'Auction' }, deal: 'sale', area_m2: 100, status: 'at_auction', geometry: { type: 'Point', coordinates: point } }), 400)
    await expectProblem(await resident.post('/api/investment/objects', { city: 'kyiv', kind: 'land', title: { uk: 'a', en: 'a' }, deal: 'sale', area_m2: 100, geometry: { type: 'Point', coordinates: point } }), 403)
  })
})
