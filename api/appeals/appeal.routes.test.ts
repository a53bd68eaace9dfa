import { createHash, randomUUID } from 'node:crypto'
import exifr from 'exifr'
import { sql } from 'kysely'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import { appealBody, jpegWithGps, KYIV_POINT, postJson, postMultipart } from './appeal-test-helpers.ts'

let database: Database
let app: TestApp['app']

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

async function countByMarker(marker: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM appeals WHERE description LIKE ${`%${marker}%`}`.execute(database.db)
  return rows[0]!.n
}

function fieldsOf(body: Record<string, unknown>): string[] {
  return ((body.errors as Array<{ field: string }>) ?? []).map((e) => e.field)
}

describe('POST /api/appeals (JSON)', () => {
  it('files an appeal and answers at once with the number, status and tracking link', async () => {
    const res = await postJson(app, '/api/appeals', appealBody({ contact: { name: 'Олена Петренко', email: 'olena@example.com', phone: '+380 67 123 45 67' } }))
    expect(res.status).toBe(201)
    const receipt = (await res.json()) as Record<string, string>
    expect(receipt.number).toMatch(/^KYIV-\d{4}-\d{6}$/)
    expect(receipt.number!.slice(5, 9)).toBe(String(new Date().getFullYear()))
    expect(receipt.status).toBe('new')
    expect(receipt.tracking_url).toMatch(/\/appeals\/track\/[A-Za-z0-9_-]{43}$/)
    expect(res.headers.get('Location')).toBe(`/api/appeals/${receipt.number}`)
    const row = (
      await sql<{ district: string; organisation_id: string; term: number; due: number }>`
        SELECT d.name AS district, a.organisation_id, extract(day FROM a.due_at - a.created_at)::int AS due, c.term_days AS term
          FROM appeals a JOIN districts d ON d.id = a.district_id JOIN appeal_categories c ON c.id = a.category_id
         WHERE a.number = ${receipt.number}`.execute(database.db)
    ).rows[0]!
    expect(row.district).toBe('Шевченківський район')
    expect(row.organisation_id).toBe('kyiv-roads')
    expect(row.due).toBe(row.term)
    const mail = await sql<{ subject: string; body: string }>`SELECT subject, body FROM outbox WHERE to_address = 'olena@example.com' ORDER BY id DESC LIMIT 1`.execute(database.db)
    expect(mail.rows[0]!.subject).toContain(receipt.number)
    expect(mail.rows[0]!.body).toContain(receipt.tracking_url)
  })

  it('names the nearest building\'s address', async () => {
    const { rows } = await sql<{ lon: number; lat: number; address: string }>`
      SELECT ST_X(ST_PointOnSurface(f.geom)) AS lon, ST_Y(ST_PointOnSurface(f.geom)) AS lat,
             f.public_properties->>'addr_street' || ', ' || (f.public_properties->>'addr_housenumber') AS address
        FROM features f JOIN layers l ON l.id = f.layer_id
       WHERE l.city_id = 'kharkiv' AND l.theme = 'buildings' AND f.public_properties ? 'addr_housenumber' AND f.public_properties ? 'addr_street'
       ORDER BY f.id LIMIT 1`.execute(database.db)
    const building = rows[0]!
    const res = await postJson(app, '/api/appeals', appealBody({ city: 'kharkiv', lat: building.lat, lon: building.lon }))
    expect(res.status).toBe(201)
    expect(((await res.json()) as { address: string }).address).toBe(building.address)
  })

  it('numbers appeals one after another per city', async () => {
    const a = (await (await postJson(app, '/api/appeals', appealBody())).json()) as { number: string }
    const b = (await (await postJson(app, '/api/appeals', appealBody())).json()) as { number: string }
    expect(Number(b.number.slice(-6))).toBeGreaterThan(Number(a.number.slice(-6)))
  })

  it('checks the answers to the category\'s extra questions', async () => {
    const ok = await postJson(app, '/api/appeals', appealBody({ answers: { size: 'large', on_carriageway: true } }))
    expect(ok.status).toBe(201)
    const bad = await expectProblem(await postJson(app, '/api/appeals', appealBody({ answers: { size: 'huge', colour: 'red' } })), 400)
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['body.answers.size', 'body.answers.colour']))
  })

  it('keeps a description with <script> as plain text', async () => {
    const text = `<script>alert("x")</script> & <b>яма</b> ${randomUUID()}`
    const receipt = (await (await postJson(app, '/api/appeals', appealBody({ description: text }))).json()) as { number: string }
    const page = await app.request(`/api/appeals/${receipt.number}`)
    expect(page.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(((await page.json()) as { description: string }).description).toBe(text)
  })
})

describe('hostile input is refused with a clear error and stores nothing', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a point outside the city', { lat: 49.84, lon: 24.03 }, 'body.lat'],
    ['latitude out of range', { lat: 91 }, 'body.lat'],
    ['longitude out of range', { lon: -181 }, 'body.lon'],
    ['coordinates as strings', { lat: '50.45', lon: '30.52' }, 'body.lat'],
    ['coordinates as NaN-ish text', { lat: 'NaN' }, 'body.lat'],
    ['an unknown category', { category: 'ufo-sighting' }, 'body.category'],
    ['an unknown city', { city: 'atlantis' }, 'body.city'],
    ['an empty description', { description: '   ' }, 'body.description'],
    ['a description over 4,000 characters', { description: 'я'.repeat(4001) }, 'body.description'],
    // NUL is refused at the edge for every field (api/http/request-guard.test.ts); other control characters by the field's own check.
    ['control characters', { description: 'яма\u0007' }, 'body.description'],
    ['an unknown field', { admin: true }, 'body'],
    ['a bad e-mail', { contact: { email: 'not-an-email' } }, 'body.contact.email'],
    ['show_name without a name', { show_name: true }, 'body.show_name'],
    ['the honeypot filled in', { website: 'http://spam.example' }, 'body.website'],
  ]
  it.each(cases)('%s', async (_, overrides, field) => {
    const marker = randomUUID()
    const body = await expectProblem(await postJson(app, '/api/appeals', appealBody(overrides, marker)), 400)
    expect(fieldsOf(body).some((f) => f === field || f.startsWith(`${field}.`) || (field === 'body' && f.startsWith('body'))), JSON.stringify(body)).toBe(true)
    expect(await countByMarker(marker)).toBe(0)
  })

  it('says when latitude and longitude look swapped', async () => {
    const body = await expectProblem(await postJson(app, '/api/appeals', appealBody({ lat: KYIV_POINT.lon, lon: KYIV_POINT.lat })), 400)
    expect(JSON.stringify(body.errors)).toMatch(/swapped/)
  })

  it('refuses a body that is not JSON, or of another media type', async () => {
    await expectProblem(await app.request('/api/appeals', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"city":' }), 400)
    await expectProblem(await app.request('/api/appeals', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' }), 415)
    await expectProblem(await postJson(app, '/api/appeals', [1, 2, 3]), 400)
  })

  it('refuses a JSON body over 64 KB', async () => {
    await expectProblem(await postJson(app, '/api/appeals', appealBody({ answers: { x: 'a'.repeat(70_000) } })), 413)
  })

  it('refuses a bad Idempotency-Key header', async () => {
    await expectProblem(await postJson(app, '/api/appeals', appealBody(), { 'Idempotency-Key': 'k'.repeat(256) }), 400)
  })

  it('refuses answers nested 10,000 levels deep with 400, not a stack overflow', async () => {
    // As a multipart field, which no JSON body check at the edge sees.
    const marker = randomUUID()
    const deep = `{"note":${'['.repeat(10_000)}${']'.repeat(10_000)}}`
    const fields = { city: 'kyiv', category: 'pothole', lat: String(KYIV_POINT.lat), lon: String(KYIV_POINT.lon), description: `Яма ${marker}`, answers: deep }
    const body = await expectProblem(await postMultipart(app, fields, []), 400)
    expect(fieldsOf(body)).toEqual(['body.answers'])
    expect(await countByMarker(marker)).toBe(0)
  })
})

describe('POST /api/appeals (multipart with photos)', () => {
  it('re-encodes photos without any EXIF or GPS, resized, with a thumbnail', async () => {
    const original = await jpegWithGps(3000, 2000)
    expect(await exifr.gps(original)).toMatchObject({ latitude: 50.45 })
    const marker = randomUUID()
    const res = await postMultipart(
      app,
      { city: 'kyiv', category: 'street-light', lat: '50.4501', lon: '30.5234', description: `Не світить ліхтар ${marker}`, 'contact[email]': 'photo@example.com', 'answers[lights_count]': '3' },
      [
        { name: 'IMG_0001.jpg', type: 'image/jpeg', bytes: original },
        { name: 'IMG_0002.png', type: 'image/png', bytes: await sharp({ create: { width: 200, height: 100, channels: 4, background: '#ff000080' } }).png().toBuffer() },
      ],
    )
    expect(res.status, await res.clone().text()).toBe(201)
    const { number } = (await res.json()) as { number: string }
    const appeal = (await (await app.request(`/api/appeals/${number}`)).json()) as { photos: Array<{ url: string; thumbnail_url: string; width: number; height: number }>; answers: unknown }
    expect(appeal.answers).toEqual({ lights_count: 3 })
    expect(appeal.photos).toHaveLength(2)
    expect(appeal.photos[0]).toMatchObject({ width: 2048, height: 1365 })
    for (const photo of appeal.photos) {
      for (const url of [photo.url, photo.thumbnail_url]) {
        const file = await app.request(new URL(url).pathname)
        expect(file.status).toBe(200)
        expect(file.headers.get('Content-Type')).toBe('image/jpeg')
        const bytes = Buffer.from(await file.arrayBuffer())
        expect((await sharp(bytes).metadata()).format).toBe('jpeg')
        expect(await exifr.parse(bytes, { tiff: true, gps: true, xmp: true, icc: true })).toBeUndefined()
      }
    }
    const thumb = await sharp(Buffer.from(await (await app.request(new URL(appeal.photos[0]!.thumbnail_url).pathname)).arrayBuffer())).metadata()
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320)
  })

  it('serves a photo under a versioned name with a strong ETag of its content, and 304 to If-None-Match', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } }).png().toBuffer()
    const res = await postMultipart(app, { city: 'kyiv', category: 'pothole', lat: '50.4501', lon: '30.5234', description: `Яма ${randomUUID()}` }, [{ name: 'a.png', type: 'image/png', bytes: png }])
    expect(res.status).toBe(201)
    const { number } = (await res.json()) as { number: string }
    const appeal = (await (await app.request(`/api/appeals/${number}`)).json()) as { photos: Array<{ url: string; thumbnail_url: string }> }
    const tags = []
    for (const url of [appeal.photos[0]!.url, appeal.photos[0]!.thumbnail_url]) {
      const path = new URL(url).pathname
      expect(path).toMatch(new RegExp(`^/api/appeals/${number}/photos/\\d+\\.[0-9a-f]{12}(\\.thumb)?\\.jpg$`))
      const file = await app.request(path)
      expect(file.status).toBe(200)
      const bytes = Buffer.from(await file.arrayBuffer())
      const etag = file.headers.get('ETag')
      expect(etag).toBe(`"${createHash('sha256').update(bytes).digest('hex')}"`)
      tags.push(etag)
      const again = await app.request(path, { headers: { 'If-None-Match': etag! } })
      expect(again.status).toBe(304)
      expect(again.headers.get('ETag')).toBe(etag)
      expect(await again.text()).toBe('')
    }
    expect(tags[0]).not.toBe(tags[1])
  })

  it('refuses a 30 MB photo with 413 and files nothing', async () => {
    const marker = randomUUID()
    const big = new Uint8Array(30 * 1024 * 1024)
    big.set([0xff, 0xd8, 0xff, 0xe0])
    const res = await postMultipart(app, { city: 'kyiv', category: 'pothole', lat: '50.4501', lon: '30.5234', description: `big ${marker}` }, [{ name: 'huge.jpg', type: 'image/jpeg', bytes: big }])
    const body = await expectProblem(res, 413)
    expect(fieldsOf(body)).toEqual(['body.photos.0'])
    expect(await countByMarker(marker)).toBe(0)
  })

  it('refuses a text file renamed .jpg', async () => {
    const marker = randomUUID()
    const res = await postMultipart(app, { city: 'kyiv', category: 'pothole', lat: '50.4501', lon: '30.5234', description: `txt ${marker}` }, [
      { name: 'photo.jpg', type: 'image/jpeg', bytes: new TextEncoder().encode('this is not a picture, just text pretending to be one') },
    ])
    const body = await expectProblem(res, 400)
    expect(JSON.stringify(body.errors)).toMatch(/not an image/)
    expect(await countByMarker(marker)).toBe(0)
  })

  it('refuses a GIF and a sixth photo', async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer()
    const fields = { city: 'kyiv', category: 'pothole', lat: '50.4501', lon: '30.5234', description: 'gif' }
    expect(JSON.stringify((await expectProblem(await postMultipart(app, fields, [{ name: 'a.gif', type: 'image/gif', bytes: gif }]), 400)).errors)).toMatch(/gif/)
    const jpeg = await jpegWithGps(32, 32)
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `${i}.jpg`, type: 'image/jpeg', bytes: jpeg }))
    expect(fieldsOf(await expectProblem(await postMultipart(app, fields, six), 400))).toContain('body.photos')
  })

  it('refuses coordinates that are not numbers', async () => {
    const res = await postMultipart(app, { city: 'kyiv', category: 'pothole', lat: '50,45', lon: '30.52abc', description: 'x' }, [])
    expect(fieldsOf(await expectProblem(res, 400))).toEqual(expect.arrayContaining(['body.lat', 'body.lon']))
  })
})

describe('Idempotency-Key', () => {
  it('turns 50 concurrent requests with one key into exactly one appeal', async () => {
    const marker = randomUUID()
    const key = randomUUID()
    const body = appealBody({}, marker)
    const answers = await Promise.all(Array.from({ length: 50 }, () => postJson(app, '/api/appeals', body, { 'Idempotency-Key': key })))
    const receipts = await Promise.all(answers.map(async (r) => ({ status: r.status, body: (await r.json()) as { number: string; tracking_url: string } })))
    expect(receipts.map((r) => r.status)).toEqual(Array(50).fill(201))
    expect(new Set(receipts.map((r) => r.body.number)).size).toBe(1)
    expect(new Set(receipts.map((r) => r.body.tracking_url)).size).toBe(1)
    expect(answers.filter((r) => r.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(49)
    expect(await countByMarker(marker)).toBe(1)
  })

  it('refuses the same key for a different request', async () => {
    const key = randomUUID()
    expect((await postJson(app, '/api/appeals', appealBody(), { 'Idempotency-Key': key })).status).toBe(201)
    await expectProblem(await postJson(app, '/api/appeals', appealBody(), { 'Idempotency-Key': key }), 422)
  })
})

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client has filed its quota', async () => {
    // Behind a "proxy", from an address of its own, so that no other test shares the bucket.
    const { app: strict } = await makeApp(database, { rateLimit: { limit: 2, windowSeconds: 3600 }, trustProxy: true })
    const from = { 'X-Forwarded-For': `client-${randomUUID()}, 10.0.0.1` }
    const statuses = []
    for (let i = 0; i < 2; i++) statuses.push((await postJson(strict, '/api/appeals', appealBody(), from)).status)
    expect(statuses).toEqual([201, 201])
    const res = await postJson(strict, '/api/appeals', appealBody(), from)
    await expectProblem(res, 429)
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0)
    // Another client is not held back.
    expect((await postJson(strict, '/api/appeals', appealBody(), { 'X-Forwarded-For': `client-${randomUUID()}` })).status).toBe(201)
  })

  it('replays a stored receipt to a retry with the same Idempotency-Key after the limit was reached', async () => {
    const { app: strict } = await makeApp(database, { rateLimit: { limit: 2, windowSeconds: 3600 }, trustProxy: true })
    const from = { 'X-Forwarded-For': `client-${randomUUID()}` }
    const key = randomUUID()
    const body = appealBody()
    const first = await postJson(strict, '/api/appeals', body, { ...from, 'Idempotency-Key': key })
    expect(first.status).toBe(201)
    const receipt = await first.json()
    expect((await postJson(strict, '/api/appeals', appealBody(), from)).status).toBe(201)
    await expectProblem(await postJson(strict, '/api/appeals', appealBody(), from), 429)

    const retry = await postJson(strict, '/api/appeals', body, { ...from, 'Idempotency-Key': key })
    expect(retry.status).toBe(201)
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await retry.json()).toEqual(receipt)
  })
})

describe('GET /api/appeal-categories', () => {
  it('lists the categories with names, terms, radius and typed questions', async () => {
    const res = await app.request('/api/appeal-categories?city=kyiv')
    expect(res.status).toBe(200)
    const categories = (await res.json()) as Array<{ id: string; name: { uk: string; en: string }; term_days: number; duplicate_radius_m: number; questions: Array<{ type: string }> }>
    expect(categories.length).toBeGreaterThanOrEqual(13)
    for (const id of ['pothole', 'street-light', 'waste-overflow', 'greenery', 'playground', 'water-outage', 'heating-outage', 'power-outage', 'transport-stop', 'accessibility', 'illegal-construction', 'unlicensed-trade', 'damaged-building', 'stray-animals', 'other']) {
      expect(categories.map((c) => c.id)).toContain(id)
    }
    for (const c of categories) {
      expect([15, 30]).toContain(c.term_days)
      expect(c.name.uk && c.name.en).toBeTruthy()
    }
    expect(categories.find((c) => c.id === 'pothole')!.questions.map((q) => q.type)).toEqual(['select', 'boolean'])
    await expectProblem(await app.request('/api/appeal-categories?city=atlantis'), 404)
  })
})

describe('duplicates and support', () => {
  it('lists open appeals of the category within its radius, nearest first', async () => {
    const at = { lat: 50.4433, lon: 30.5112 }
    const { number } = (await (await postJson(app, '/api/appeals', appealBody({ category: 'illegal-dump', ...at }))).json()) as { number: string }
    const near = (await (await app.request(`/api/appeals/nearby?lat=${at.lat + 0.0003}&lon=${at.lon}&category=illegal-dump`)).json()) as { appeals: Array<{ number: string; distance_m: number }> }
    const found = near.appeals.find((a) => a.number === number)
    expect(found?.distance_m).toBeGreaterThan(25)
    expect(found?.distance_m).toBeLessThan(45)
    const far = (await (await app.request(`/api/appeals/nearby?lat=${at.lat + 0.01}&lon=${at.lon}&category=illegal-dump`)).json()) as { appeals: Array<{ number: string }> }
    expect(far.appeals.map((a) => a.number)).not.toContain(number)
    const other = (await (await app.request(`/api/appeals/nearby?lat=${at.lat}&lon=${at.lon}&category=pothole`)).json()) as { appeals: Array<{ number: string }> }
    expect(other.appeals.map((a) => a.number)).not.toContain(number)
    await expectProblem(await app.request('/api/appeals/nearby?lat=abc&lon=30&category=pothole'), 400)
  })

  it('counts "me too" once per person', async () => {
    const { number } = (await (await postJson(app, '/api/appeals', appealBody())).json()) as { number: string }
    const first = await postJson(app, `/api/appeals/${number}/support`, { email: 'Neighbour@Example.com' })
    expect(first.status).toBe(201)
    expect(await first.json()).toEqual({ number, supporters: 1, counted: true })
    const again = await postJson(app, `/api/appeals/${number}/support`, { email: 'neighbour@example.com ' .trim() })
    expect(await again.json()).toEqual({ number, supporters: 1, counted: false })
    const second = await postJson(app, `/api/appeals/${number}/support`, { email: 'other@example.com' })
    expect(((await second.json()) as { supporters: number }).supporters).toBe(2)
    expect(((await (await app.request(`/api/appeals/${number}`)).json()) as { supporters: number }).supporters).toBe(2)
    await expectProblem(await postJson(app, '/api/appeals/KYIV-1999-000001/support', { email: 'a@example.com' }), 409)
  })
})

describe('public list', () => {
  it('filters by city, status, category, date and bbox, and pages', async () => {
    const marker = randomUUID()
    const at = { lat: 50.4012, lon: 30.6321 }
    const { number } = (await (await postJson(app, '/api/appeals', appealBody({ category: 'stray-animals', ...at }, marker))).json()) as { number: string }
    const today = new Date().toISOString().slice(0, 10)
    const q = `city=kyiv&status=new&category=stray-animals&from=${today}&bbox=30.63,50.40,30.64,50.41`
    const list = (await (await app.request(`/api/appeals?${q}`)).json()) as { total: number; appeals: Array<{ number: string; status: string; category: { id: string } }> }
    expect(list.appeals.map((a) => a.number)).toContain(number)
    for (const a of list.appeals) expect([a.status, a.category.id]).toEqual(['new', 'stray-animals'])
    const none = (await (await app.request(`/api/appeals?city=kyiv&category=stray-animals&to=2000-01-01`)).json()) as { total: number }
    expect(none.total).toBe(0)
    const geo = (await (await app.request(`/api/appeals?${q}&format=geojson`)).json()) as { type: string; features: Array<{ id: string; geometry: { coordinates: number[] } }> }
    expect(geo.type).toBe('FeatureCollection')
    expect(geo.features.find((f) => f.id === number)?.geometry.coordinates).toEqual([at.lon, at.lat])
    const page = (await (await app.request('/api/appeals?city=kyiv&limit=2')).json()) as { appeals: unknown[]; next: string | null; total: number }
    expect(page.appeals).toHaveLength(2)
    expect(page.next).toContain('offset=2')
  })

  it.each([
    ['status=open', 'query.status'],
    ['bbox=1,2,3', 'query.bbox'],
    ['from=yesterday', 'query.from'],
    ['limit=100000', 'query.limit'],
    ['city=../etc', 'query.city'],
  ])('refuses %s', async (query, field) => {
    const fields = fieldsOf(await expectProblem(await app.request(`/api/appeals?${query}`), 400))
    expect(fields.some((f) => f === field || f.startsWith(`${field}.`)), fields.join()).toBe(true)
  })

  it('answers 404 for unknown appeals and 400 for malformed numbers', async () => {
    await expectProblem(await app.request('/api/appeals/KYIV-2026-999999'), 404)
    await expectProblem(await app.request('/api/appeals/drop-table'), 400)
    await expectProblem(await app.request('/api/appeals/KYIV-2026-000001/photos/..%2F..%2Fetc.jpg'), 400)
  })
})

describe('private appeals', () => {
  it('stay out of the public list and page but reach their author by the tracking link', async () => {
    const res = await postJson(app, '/api/appeals', appealBody({ public: false, contact: { email: 'private@example.com' } }))
    const receipt = (await res.json()) as { number: string; tracking_url: string }
    await expectProblem(await app.request(`/api/appeals/${receipt.number}`), 404)
    const list = (await (await app.request('/api/appeals?city=kyiv&limit=500')).json()) as { appeals: Array<{ number: string }> }
    expect(list.appeals.map((a) => a.number)).not.toContain(receipt.number)
    const own = await app.request(new URL(receipt.tracking_url).pathname.replace('/appeals/track/', '/api/appeals/track/'))
    expect(own.status).toBe(200)
    expect(own.headers.get('Cache-Control')).toContain('no-store')
    expect(await own.json()).toMatchObject({ number: receipt.number, is_public: false, contact: { email: 'private@example.com' } })
    await expectProblem(await app.request(`/api/appeals/track/${'A'.repeat(43)}`), 404)
  })
})
