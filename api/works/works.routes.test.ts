import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { freshEmail, lastMail, type SignedIn, signInAs } from '../auth/testing.ts'
import exifr from 'exifr'
import { jpegWithGps } from '../appeals/testing.ts'
import { bodyBytes, expectProblem, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
let executor: SignedIn
let property: SignedIn
let resident: SignedIn
/** A point well inside a Kyiv district, and that district. */
let place: { lon: number; lat: number; district: number }
const created: number[] = []

const HOUR = 3_600_000
const iso = (offset: number) => new Date(Date.now() + offset).toISOString()

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  executor = await signInAs(app, 'executor')
  property = await signInAs(app, 'property_manager')
  resident = await signInAs(app, 'resident')
  const { rows } = await sql<typeof place>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat, id AS district
      FROM (SELECT id, ST_GeometryN(ST_GeneratePoints(ST_Buffer(geom::geography, -1500)::geometry, 1, 7), 1) AS p
              FROM districts WHERE city_id = 'kyiv' AND name = 'Деснянський район') d`.execute(database.db)
  place = rows[0]!
})

afterAll(async () => {
  if (created.length) await database.db.deleteFrom('works').where('id', 'in', created).execute()
  await database.close()
})

async function json<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status)
  return (await res.json()) as T
}

const roadClosure = (overrides: Record<string, unknown> = {}) => ({
  city: 'kyiv',
  kind: 'planned',
  title: `Перекриття проїзду ${randomUUID().slice(0, 6)}`,
  work_type: 'road',
  switched_off: ['road'],
  starts_at: iso(2 * HOUR),
  ends_at: iso(30 * HOUR),
  geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
  radius_m: 150,
  ...overrides,
})

describe('the demo works', () => {
  it('has an emergency on now, works to come and repairs, each on its layer', async () => {
    const now = await json<{ items: Array<{ kind: string; active_now: boolean; synthetic: boolean; switched_off: string[] }> }>(await app.request('/api/works?city=kyiv&when=now'))
    expect(now.items.some((w) => w.kind === 'emergency' && w.active_now && w.switched_off.includes('water'))).toBe(true)
    expect(now.items.every((w) => w.active_now && w.synthetic)).toBe(true)
    const upcoming = await json<{ numberMatched: number }>(await app.request('/api/works?city=kyiv&when=upcoming&kind=planned'))
    expect(upcoming.numberMatched).toBeGreaterThanOrEqual(3)
    const repairs = await json<{ items: Array<{ prozorro: { url: string } | null; contractor: string | null }> }>(await app.request('/api/works?city=marhanets&kind=repair'))
    expect(repairs.items.length).toBe(2)
    expect(repairs.items[0]!.prozorro!.url).toMatch(/^https:\/\/prozorro\.gov\.ua\/tender\/UA-/)
    const layers = await database.db.selectFrom('layers').select(['id', 'feature_count', 'synthetic']).where('id', 'in', ['kyiv-works', 'kyiv-repairs', 'marhanets-repairs']).orderBy('id').execute()
    expect(layers.map((l) => [l.id, l.synthetic])).toEqual([['kyiv-repairs', true], ['kyiv-works', true], ['marhanets-repairs', true]])
    expect(layers.every((l) => l.feature_count > 0)).toBe(true)
  })

  it('is a calendar feed any calendar app reads', async () => {
    const res = await app.request('/api/works?city=kyiv&format=ics')
    expect(res.headers.get('Content-Type')).toContain('text/calendar')
    const text = await res.text()
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true)
    const events = text.split('BEGIN:VEVENT').length - 1
    const total = await json<{ numberMatched: number }>(await app.request('/api/works?city=kyiv'))
    expect(events).toBe(total.numberMatched)
    expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z/)
    expect(text).toMatch(/DTSTART;VALUE=DATE:\d{8}/)
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75)
    const csv = await (await app.request('/api/works?city=kyiv&format=csv')).text()
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(total.numberMatched + 1)
  })
})

describe('staff record works', () => {
  it('an executor records a road closure of their own organisation; it is on the works layer at once', async () => {
    const before = (await database.db.selectFrom('layers').select('version').where('id', '=', 'kyiv-works').executeTakeFirstOrThrow()).version
    const work = await json<{ id: number; organisation: { id: string }; geometry: { type: string } }>(await executor.post('/api/works', roadClosure()), 201)
    created.push(work.id)
    expect(work.organisation.id).toBe('kyiv-roads')
    expect(work.geometry.type).toBe('Polygon')
    const row = await database.db.selectFrom('works').select(['feature_id']).where('id', '=', work.id).executeTakeFirstOrThrow()
    const feature = await database.db.selectFrom('features').select('properties').where('layer_id', '=', 'kyiv-works').where('id', '=', row.feature_id!).executeTakeFirstOrThrow()
    expect(feature.properties).toMatchObject({ kind: 'planned', switched_off: 'road', owner_organisation: 'kyiv-roads' })
    expect((await database.db.selectFrom('layers').select('version').where('id', '=', 'kyiv-works').executeTakeFirstOrThrow()).version).toBeGreaterThan(before)

    const patched = await json<{ status: string }>(await executor.request(`/api/works/${work.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'cancelled' }) }))
    expect(patched.status).toBe('cancelled')
    expect((await database.db.selectFrom('works').select('feature_id').where('id', '=', work.id).executeTakeFirstOrThrow()).feature_id).toBeNull()
  })

  it('staff of one organisation cannot record or change another’s; residents and the signed-out cannot at all', async () => {
    await expectProblem(await executor.post('/api/works', roadClosure({ organisation: 'kyiv-utilities' })), 403)
    const theirs = await json<{ id: number }>(await property.post('/api/works', roadClosure({ organisation: 'kyiv-utilities', work_type: 'water', switched_off: ['water'] })), 201)
    created.push(theirs.id)
    await expectProblem(await executor.request(`/api/works/${theirs.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'done' }) }), 403)
    await expectProblem(await resident.post('/api/works', roadClosure()), 403)
    await expectProblem(await app.request('/api/works', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' }, body: JSON.stringify(roadClosure()) }), 401)
  })

  it('refuses what does not hold together, with the field named, and writes nothing', async () => {
    const marhanetsLine = (await database.db.selectFrom('property_objects').select('id').where('city_id', '=', 'marhanets').limit(1).executeTakeFirstOrThrow()).id
    const cases: Array<[Record<string, unknown>, string]> = [
      [roadClosure({ kind: 'repair' }), 'body.starts_at'],
      [roadClosure({ starts_at: undefined }), 'body.starts_at'],
      [roadClosure({ ends_at: iso(HOUR), starts_at: iso(5 * HOUR) }), 'body.ends_at'],
      [roadClosure({ prozorro_tender_id: 'UA-2026-1-1-1-a' }), 'body.prozorro_tender_id'],
      [roadClosure({ switched_off: ['internet'] }), 'body.switched_off.0'],
      [roadClosure({ property_id: marhanetsLine }), 'body.property_id'],
      [roadClosure({ object: { layer: 'kyiv-metro-stations', feature_id: 1 } }), 'body.object'],
      [roadClosure({ geometry: { type: 'Point', coordinates: [300, 50] } }), 'body.geometry'],
      [roadClosure({ title: '' }), 'body.title'],
      [roadClosure({ kind: 'repair', starts_at: undefined, ends_at: undefined, planned_start: '2026-05-10', planned_end: '2026-05-01' }), 'body.planned_end'],
      [{ ...roadClosure(), extra: 1 }, 'body'],
    ]
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM works`.execute(database.db)).rows[0]!.n
    for (const [body, field] of cases) {
      const problem = await expectProblem(await executor.post('/api/works', body), 400)
      expect(JSON.stringify(problem.errors ?? problem), field).toContain(field)
    }
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM works`.execute(database.db)).rows[0]!.n).toBe(before)
  })
})

describe('photos of a repair', () => {
  it('keeps a photo before and after without its EXIF or GPS, for the organisation’s staff only', async () => {
    const repair = await json<{ id: number }>(
      await executor.post('/api/works', { city: 'kyiv', kind: 'repair', title: 'Ремонт ями (тест)', work_type: 'road', status: 'in_progress', planned_start: '2026-12-01', planned_end: '2026-12-20', geometry: { type: 'Point', coordinates: [place.lon, place.lat] } }),
      201,
    )
    created.push(repair.id)
    const form = async (stage: string) => {
      const f = new FormData()
      f.append('photo', new File([new Uint8Array(await jpegWithGps())], 'before.jpg', { type: 'image/jpeg' }))
      f.append('stage', stage)
      f.append('caption', `Стан ${stage}`)
      return f
    }
    const withPhoto = await json<{ photos: Array<{ stage: string; url: string; thumbnail_url: string }> }>(await executor.request(`/api/works/${repair.id}/photos`, { method: 'POST', body: await form('before') }), 201)
    expect(withPhoto.photos.map((p) => p.stage)).toEqual(['before'])
    const photo = await app.request(withPhoto.photos[0]!.url.replace(/^https?:\/\/[^/]+/, ''))
    expect(photo.headers.get('Content-Type')).toBe('image/jpeg')
    const bytes = await bodyBytes(photo)
    expect(await exifr.gps(Buffer.from(bytes)).catch(() => undefined)).toBeFalsy()
    await expectProblem(await executor.request(`/api/works/${repair.id}/photos`, { method: 'POST', body: await form('during') }), 400)
    await expectProblem(await resident.request(`/api/works/${repair.id}/photos`, { method: 'POST', body: await form('after') }), 403)
    const notPhoto = new FormData()
    notPhoto.append('photo', new File([new TextEncoder().encode('<svg/>')], 'x.jpg', { type: 'image/jpeg' }))
    notPhoto.append('stage', 'after')
    await expectProblem(await executor.request(`/api/works/${repair.id}/photos`, { method: 'POST', body: notPhoto }), 422)
    expect((await database.db.selectFrom('work_photos').select('id').where('work_id', '=', repair.id).execute()).length).toBe(1)
  })
})

describe('subscriptions to works', () => {
  it('mail a confirmed subscriber when works reach their address, and only then', async () => {
    const near = freshEmail('works-near')
    const far = freshEmail('works-far')
    const district = freshEmail('works-district')
    const alerts = freshEmail('appeal-alerts')
    for (const [email, body] of [
      [near, { lat: place.lat, lon: place.lon, radius_m: 300 }],
      [far, { lat: 50.38, lon: 30.47, radius_m: 200 }],
      [district, { district: place.district }],
    ] as const) {
      await json(await app.request('/api/works/subscriptions', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `w-${randomUUID()}` }, body: JSON.stringify({ email, city: 'kyiv', ...body }) }), 202)
      const mail = await lastMail(database.db, email)
      expect(mail?.subject).toBe('Підтвердіть підписку на роботи')
      const confirm = /(\/api\/appeal-subscriptions\/confirm\?token=[A-Za-z0-9_-]+)/.exec(mail!.body)![1]!
      expect((await app.request(confirm)).status).toBe(200)
    }
    // A subscriber to appeals in the same district is not told of works.
    await json(await app.request('/api/appeal-subscriptions', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `w-${randomUUID()}` }, body: JSON.stringify({ email: alerts, city: 'kyiv', district: place.district }) }), 202)
    const alertConfirm = /(\/api\/appeal-subscriptions\/confirm\?token=[A-Za-z0-9_-]+)/.exec((await lastMail(database.db, alerts))!.body)![1]!
    expect((await app.request(alertConfirm)).status).toBe(200)

    const work = await json<{ id: number }>(await executor.post('/api/works', roadClosure({ title: 'Перекриття біля вашого дому' })), 201)
    created.push(work.id)
    for (const email of [near, district]) {
      const mail = await lastMail(database.db, email)
      expect(mail, email).toMatchObject({ kind: 'work-alert', subject: 'Планові роботи: Перекриття біля вашого дому' })
      expect(mail!.body).toContain(`/works/${work.id}`)
      expect(mail!.body).toContain('Вимкнено: проїзд')
    }
    expect((await lastMail(database.db, far))?.kind).toBe('subscription-confirm')
    expect((await lastMail(database.db, alerts))?.kind).toBe('subscription-confirm')
  })

  it('refuses a place outside the city and bad areas', async () => {
    const post = (body: unknown) => app.request('/api/works/subscriptions', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `w-${randomUUID()}` }, body: JSON.stringify(body) })
    await expectProblem(await post({ email: freshEmail('w'), city: 'kyiv', lat: 48.5, lon: 35.0, radius_m: 200 }), 400)
    await expectProblem(await post({ email: freshEmail('w'), city: 'kyiv', area: { type: 'Polygon', coordinates: [[[30.5, 50.4], [30.6, 50.5], [30.6, 50.4], [30.5, 50.5], [30.5, 50.4]]] } }), 400)
    await expectProblem(await post({ email: freshEmail('w'), city: 'kyiv', district: place.district, lat: place.lat, lon: place.lon, radius_m: 100 }), 400)
    await expectProblem(await post({ email: 'not-an-address', city: 'kyiv', district: place.district }), 400)
    const area = await post({ email: freshEmail('w'), city: 'kyiv', area: { type: 'Polygon', coordinates: [[[place.lon - 0.01, place.lat - 0.01], [place.lon + 0.01, place.lat - 0.01], [place.lon + 0.01, place.lat + 0.01], [place.lon - 0.01, place.lat - 0.01]]] } })
    expect(area.status).toBe(202)
  })
})
