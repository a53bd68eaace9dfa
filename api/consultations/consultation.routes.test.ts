import { sql } from 'kysely'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { MAX_PHOTO_BYTES } from '../appeals/index.ts'
import { jpegWithGps } from '../appeals/testing.ts'
import { lastMail, type SignedIn, signInAs } from '../auth/testing.ts'
import { createApp, type App } from '../index.ts'
import { checkedAgainstContract } from '../openapi/index.ts'
import { bodyBytes, createTestLayer, dropTestLayers, expectProblem, testAppDeps, testLayerDefinition, uniqueLayerId } from '../testing.ts'
import { TileService } from '../../tiles/index.ts'

let database: Database
let app: App
let planner: SignedIn
let resident: SignedIn
let moderator: SignedIn
const RESIDENT_EMAIL = 'resident@demo.local'
const planLayer = uniqueLayerId('test-cons-plan')
const otherLayer = uniqueLayerId('test-cons-other')
const draftLayer = uniqueLayerId('test-cons-draft')

/** A square parcel of `size` degrees with its south-west corner at (x, y). */
function parcel(x: number, y: number, size = 0.002) {
  return { properties: { name: `parcel ${x},${y}` }, geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] } }
}

const DAY = 86_400_000
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()

async function featureIds(layer: string): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`SELECT id::int AS id FROM features WHERE layer_id = ${layer} ORDER BY id`.execute(database.db)
  return rows.map((r) => r.id)
}

/** Opens a consultation on the plan layer through the API, open now unless told otherwise. */
async function openConsultation(window: { starts_at?: string; ends_at?: string } = {}): Promise<{ id: number; layer_revision: number; status: string }> {
  const res = await planner.post('/api/consultations', {
    layer: planLayer,
    starts_at: window.starts_at ?? iso(-DAY),
    ends_at: window.ends_at ?? iso(30 * DAY),
    title: { uk: 'Обговорення плану зонування', en: 'Zoning plan consultation' },
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as { id: number; layer_revision: number; status: string }
}

const INSIDE = { type: 'Point', coordinates: [30.521, 50.451] }
const OUTSIDE = { type: 'Point', coordinates: [30.6, 50.5] }

beforeAll(async () => {
  database = await openTestDatabase()
  const tiles = await TileService.create(database.db)
  app = checkedAgainstContract(createApp(testAppDeps(database, tiles, { trustProxy: true })))
  planner = await signInAs(app, 'planner')
  resident = await signInAs(app, 'resident')
  moderator = await signInAs(app, 'moderator')
  const polygons = { geometryType: 'polygon' as const }
  await createTestLayer(database.db, testLayerDefinition(planLayer, polygons), [parcel(30.52, 50.45), parcel(30.525, 50.452)])
  await createTestLayer(database.db, testLayerDefinition(otherLayer, polygons), [parcel(30.52, 50.45)])
  await createTestLayer(database.db, testLayerDefinition(draftLayer, polygons), [parcel(30.52, 50.45)])
  await sql`UPDATE layers SET status = 'consultation', revision = 3 WHERE id IN (${planLayer}, ${otherLayer})`.execute(database.db)
  await sql`UPDATE layers SET status = 'draft' WHERE id = ${draftLayer}`.execute(database.db)
})
afterAll(async () => {
  await dropTestLayers(database.db, planLayer, otherLayer, draftLayer)
  await database.close()
})

describe('opening a consultation', () => {
  it('records the revision and the extent (the hull of the features buffered by 100 m)', async () => {
    const c = await openConsultation()
    expect(c).toMatchObject({ layer: planLayer, city: 'kyiv', status: 'open', layer_revision: 3, comments: 0, answered: 0 })
    const { rows } = await sql<{ type: string; srid: number; margin: number }>`
      SELECT GeometryType(extent) AS type, ST_SRID(extent) AS srid,
             ST_Distance(ST_Boundary(extent)::geography, ST_ConvexHull((SELECT ST_Collect(geom) FROM features WHERE layer_id = ${planLayer}))::geography) AS margin
        FROM consultations WHERE id = ${c.id}`.execute(database.db)
    expect(rows[0]).toMatchObject({ type: 'POLYGON', srid: 4326 })
    expect(rows[0]!.margin).toBeGreaterThan(95)
    expect(rows[0]!.margin).toBeLessThan(105)
  })

  it('is refused on a layer not under consultation, an unknown layer, a backwards or too long window, and to a resident', async () => {
    const base = { title: { uk: 'Т', en: 'T' } }
    await expectProblem(await planner.post('/api/consultations', { ...base, layer: draftLayer, starts_at: iso(0), ends_at: iso(DAY) }), 422)
    await expectProblem(await planner.post('/api/consultations', { ...base, layer: 'no-such-layer', starts_at: iso(0), ends_at: iso(DAY) }), 404)
    const tomorrow = iso(DAY)
    await expectProblem(await planner.post('/api/consultations', { ...base, layer: planLayer, starts_at: tomorrow, ends_at: tomorrow }), 422)
    await expectProblem(await planner.post('/api/consultations', { ...base, layer: planLayer, starts_at: iso(0), ends_at: iso(181 * DAY) }), 422)
    await expectProblem(await resident.post('/api/consultations', { ...base, layer: planLayer, starts_at: iso(0), ends_at: iso(DAY) }), 403)
  })

  it('is listed publicly with its status from the clock', async () => {
    const upcoming = await openConsultation({ starts_at: iso(2 * DAY), ends_at: iso(9 * DAY) })
    const res = await app.request('/api/consultations?city=kyiv')
    expect(res.status).toBe(200)
    const list = (await res.json()) as Array<{ id: number; status: string; layer: string; extent_bbox: number[] }>
    expect(list.find((c) => c.id === upcoming.id)).toMatchObject({ status: 'upcoming', layer: planLayer })
    expect((await (await app.request(`/api/consultations/${upcoming.id}`)).json()) as object).toMatchObject({ id: upcoming.id, status: 'upcoming' })
    await expectProblem(await app.request('/api/consultations/999999999'), 404)
  })
})

describe('commenting', () => {
  it('takes comments only within the window, naming it', async () => {
    const c = await openConsultation()
    await sql`UPDATE consultations SET starts_at = now() + interval '1 day', ends_at = now() + interval '5 days' WHERE id = ${c.id}`.execute(database.db)
    const early = await expectProblem(await resident.post(`/api/consultations/${c.id}/comments`, { text: 'Зарано', geometry: INSIDE }), 409)
    expect(early.detail).toMatch(/opens/)
    await sql`UPDATE consultations SET starts_at = now() - interval '5 days', ends_at = now() - interval '1 day' WHERE id = ${c.id}`.execute(database.db)
    const late = await expectProblem(await resident.post(`/api/consultations/${c.id}/comments`, { text: 'Запізно', geometry: INSIDE }), 409)
    expect(late.detail).toMatch(/closed/)
    await sql`UPDATE consultations SET ends_at = now() + interval '1 day' WHERE id = ${c.id}`.execute(database.db)
    expect((await resident.post(`/api/consultations/${c.id}/comments`, { text: 'Вчасно', geometry: INSIDE })).status).toBe(201)
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM consultation_comments WHERE consultation_id = ${c.id}`.execute(database.db)
    expect(rows[0]!.n).toBe(1)
  })

  it("takes a point or an area inside the plan's extent and refuses one outside", async () => {
    const c = await openConsultation()
    const outside = await expectProblem(await resident.post(`/api/consultations/${c.id}/comments`, { text: 'Далеко', geometry: OUTSIDE }), 422)
    expect(outside.detail).toMatch(/outside the plan's area/)
    const area = { type: 'Polygon', coordinates: [[[30.5205, 50.4505], [30.5215, 50.4505], [30.5215, 50.4515], [30.5205, 50.4515], [30.5205, 50.4505]]] }
    const res = await resident.post(`/api/consultations/${c.id}/comments`, { text: 'Тут сквер', geometry: area })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { geometry: { type: string } }).geometry.type).toBe('Polygon')
    const half = { type: 'Polygon', coordinates: [[[30.52, 50.45], [30.7, 50.45], [30.7, 50.46], [30.52, 50.46], [30.52, 50.45]]] }
    await expectProblem(await resident.post(`/api/consultations/${c.id}/comments`, { text: 'Завеликий', geometry: half }), 422)
  })

  it('keeps the revision and the place of a commented feature, and mails a unique receipt', async () => {
    const c = await openConsultation()
    const [featureId] = await featureIds(planLayer)
    const res = await resident.post(`/api/consultations/${c.id}/comments`, { text: 'Про цю ділянку', feature_id: featureId })
    expect(res.status).toBe(201)
    const comment = (await res.json()) as { id: number; receipt: string; layer_revision: number; feature_id: number; geometry: { type: string; coordinates: number[] } }
    expect(comment).toMatchObject({ feature_id: featureId, layer_revision: 3, geometry: { type: 'Point' } })
    expect(comment.receipt).toMatch(/^KYIV-K-\d{4}-\d{6}$/)
    const { rows } = await sql<{ inside: boolean }>`
      SELECT ST_Intersects(c.geom, f.geom) AS inside FROM consultation_comments c, features f WHERE c.id = ${comment.id} AND f.id = ${featureId!}`.execute(database.db)
    expect(rows[0]!.inside).toBe(true)
    const mail = await lastMail(database.db, RESIDENT_EMAIL)
    expect(mail).toMatchObject({ kind: 'consultation-receipt' })
    expect(mail!.body).toContain(comment.receipt)
    // It links the consultation's page, where the answer will appear.
    expect(mail!.body).toMatch(new RegExp(`https?://[^/\\s]+/planning/consultations/${c.id}\\b`))
    const second = (await (await resident.post(`/api/consultations/${c.id}/comments`, { text: 'Ще одне', geometry: INSIDE })).json()) as { receipt: string }
    expect(second.receipt).not.toBe(comment.receipt)
    const dupes = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT receipt FROM consultation_comments GROUP BY receipt HAVING count(*) > 1) d`.execute(database.db)
    expect(dupes.rows[0]!.n).toBe(0)
  })

  it('refuses anonymous comments and hostile input without a 500', async () => {
    const c = await openConsultation()
    const anonymous = await app.request(`/api/consultations/${c.id}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
      body: JSON.stringify({ text: 'Анонім', geometry: INSIDE }),
    })
    await expectProblem(anonymous, 401)
    const [foreign] = await featureIds(otherLayer)
    const hostile: Array<[unknown, number]> = [
      [{ text: 'a\0b', geometry: INSIDE }, 400],
      [{ text: 'я'.repeat(5000), geometry: INSIDE }, 400],
      [{ text: '', geometry: INSIDE }, 400],
      [{ text: 'Без місця' }, 400],
      [{ text: 'Обидва', geometry: INSIDE, feature_id: foreign }, 400],
      [{ text: 'Колекція', geometry: { type: 'GeometryCollection', geometries: [INSIDE] } }, 400],
      [{ text: 'Поза світом', geometry: { type: 'Point', coordinates: [200, 95] } }, 400],
      [{ text: 'Незамкнене', geometry: { type: 'Polygon', coordinates: [[[30.52, 50.45], [30.521, 50.45], [30.521, 50.451], [30.52, 50.4515]]] } }, 422],
      [{ text: 'Вісімка', geometry: { type: 'Polygon', coordinates: [[[30.5205, 50.4505], [30.5215, 50.4515], [30.5215, 50.4505], [30.5205, 50.4515], [30.5205, 50.4505]]] } }, 422],
      [{ text: 'Чужий обʼєкт', feature_id: foreign }, 422],
      [{ text: 'Немає', feature_id: 987654321 }, 422],
    ]
    for (const [body, status] of hostile) {
      const res = await resident.post(`/api/consultations/${c.id}/comments`, body)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status)
    }
    await expectProblem(await resident.post('/api/consultations/999999999/comments', { text: 'Куди?', geometry: INSIDE }), 404)
  })
})

describe('answers, moderation and the protocol', () => {
  let consultation: number
  const comments: Record<string, { id: number; receipt: string }> = {}

  beforeAll(async () => {
    consultation = (await openConsultation()).id
    for (const [name, x] of [['accepted', 30.5201], ['partly', 30.5203], ['rejected', 30.5205], ['open', 30.5207], ['hidden', 30.5209]] as const) {
      const res = await resident.post(`/api/consultations/${consultation}/comments`, { text: name === 'open' ? '=HYPERLINK("http://example.org")' : `Коментар ${name}, "лапки"; ще рядок`, geometry: { type: 'Point', coordinates: [x, 50.4505] } })
      comments[name] = (await res.json()) as { id: number; receipt: string }
    }
  })

  const answer = (who: SignedIn, name: string, body: unknown) => who.post(`/api/consultations/${consultation}/comments/${comments[name]!.id}/answer`, body)

  it('lets a planner answer, shown apart from the text; a resident may not', async () => {
    await expectProblem(await answer(resident, 'accepted', { outcome: 'accepted', text: 'Так' }), 403)
    await expectProblem(await answer(planner, 'rejected', { outcome: 'rejected', text: '  ' }), 422)
    await expectProblem(await answer(planner, 'partly', { outcome: 'partly' }), 422)
    await expectProblem(await answer(planner, 'accepted', { outcome: 'maybe', text: 'x' }), 400)
    expect((await answer(planner, 'accepted', { outcome: 'rejected', text: 'Спершу ні' })).status).toBe(200)
    const res = await answer(planner, 'accepted', { outcome: 'accepted', text: 'Враховано в редакції 4' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ text: expect.stringContaining('Коментар accepted'), answer: { outcome: 'accepted', text: 'Враховано в редакції 4' } })
    expect((await answer(planner, 'partly', { outcome: 'partly', text: 'Частково: висоту зменшено' })).status).toBe(200)
    expect((await answer(planner, 'rejected', { outcome: 'rejected', text: 'Суперечить ДБН' })).status).toBe(200)
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'consultation' AND object_id = ${String(consultation)} AND action = 'answer'`.execute(database.db)
    expect(rows[0]!.n).toBe(4)

    const list = (await (await app.request(`/api/consultations/${consultation}/comments`)).json()) as Array<Record<string, unknown>>
    const accepted = list.find((c) => c.id === comments.accepted!.id)!
    expect(accepted.answer).toMatchObject({ outcome: 'accepted', text: 'Враховано в редакції 4' })
    expect(list.find((c) => c.id === comments.open!.id)!.answer).toBeNull()
    for (const c of list) expect(Object.keys(c).sort()).toEqual(['answer', 'created_at', 'feature_id', 'geometry', 'id', 'layer_revision', 'photo', 'receipt', 'text'])
    expect(JSON.stringify(list)).not.toContain(RESIDENT_EMAIL)
  })

  it('lets a moderator hide a comment with a reason, telling the author; a resident may not', async () => {
    await expectProblem(await resident.post(`/api/consultations/${consultation}/comments/${comments.hidden!.id}/hide`, { reason: 'Не подобається' }), 403)
    await expectProblem(await moderator.post(`/api/consultations/${consultation}/comments/${comments.hidden!.id}/hide`, { reason: '' }), 400)
    const res = await moderator.post(`/api/consultations/${consultation}/comments/${comments.hidden!.id}/hide`, { reason: 'Образи на адресу сусідів' })
    expect(res.status).toBe(204)
    const list = (await (await app.request(`/api/consultations/${consultation}/comments`)).json()) as Array<{ id: number }>
    expect(list.map((c) => c.id)).not.toContain(comments.hidden!.id)
    const mail = await lastMail(database.db, RESIDENT_EMAIL)
    expect(mail).toMatchObject({ kind: 'consultation-comment-hidden' })
    expect(mail!.body).toContain('Образи на адресу сусідів')
    expect(mail!.body).toContain(comments.hidden!.receipt)
    const { rows } = await sql<{ hidden: boolean }>`SELECT hidden_at IS NOT NULL AS hidden FROM consultation_comments WHERE id = ${comments.hidden!.id}`.execute(database.db)
    expect(rows[0]!.hidden).toBe(true)
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'consultation' AND object_id = ${String(consultation)} AND action = 'hide'`.execute(database.db)
    expect(audit.rows[0]!.n).toBe(1)
  })

  /** The protocol's counts as the database has them. */
  async function countsInDatabase() {
    const { rows } = await sql<{ comments: number; accepted: number; partly: number; rejected: number; unanswered: number; hidden: number }>`
      SELECT count(*) FILTER (WHERE hidden_at IS NULL)::int AS comments,
             count(*) FILTER (WHERE hidden_at IS NULL AND answer_outcome = 'accepted')::int AS accepted,
             count(*) FILTER (WHERE hidden_at IS NULL AND answer_outcome = 'partly')::int AS partly,
             count(*) FILTER (WHERE hidden_at IS NULL AND answer_outcome = 'rejected')::int AS rejected,
             count(*) FILTER (WHERE hidden_at IS NULL AND answer_outcome IS NULL)::int AS unanswered,
             count(*) FILTER (WHERE hidden_at IS NOT NULL)::int AS hidden
        FROM consultation_comments WHERE consultation_id = ${consultation}`.execute(database.db)
    return rows[0]!
  }

  it('publishes a GeoJSON protocol whose counts equal the database', async () => {
    const db = await countsInDatabase()
    expect(db).toEqual({ comments: 4, accepted: 1, partly: 1, rejected: 1, unanswered: 1, hidden: 1 })
    const res = await app.request(`/api/consultations/${consultation}/protocol.geojson`)
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { metadata: { counts: object; hidden: Array<Record<string, unknown>> }; features: Array<{ properties: Record<string, unknown> }> }
    expect(doc.metadata.counts).toEqual(db)
    expect(doc.features).toHaveLength(db.comments)
    expect(doc.metadata.hidden).toEqual([{ receipt: comments.hidden!.receipt, reason: 'Образи на адресу сусідів', hidden_at: expect.any(String) }])
    expect(doc.features.filter((f) => f.properties.outcome === 'partly')).toHaveLength(db.partly)
    expect(JSON.stringify(doc)).not.toContain('Коментар hidden')
  })

  it('publishes a formula-safe CSV protocol with a BOM, one row per comment', async () => {
    const db = await countsInDatabase()
    const res = await app.request(`/api/consultations/${consultation}/protocol.csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/csv/)
    const bytes = await bodyBytes(res)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.slice(3))
    const lines = text.trim().split('\r\n')
    const rows = lines.filter((l) => /^"?KYIV-K-/.test(l))
    expect(rows).toHaveLength(db.comments + db.hidden)
    expect(rows.filter((l) => l.includes(',hidden,'))).toHaveLength(db.hidden)
    expect(text).toContain(`accepted,${db.accepted}`)
    expect(text).toContain(`unanswered,${db.unanswered}`)
    expect(text).not.toContain('Коментар hidden')
    for (const l of rows) expect(l).not.toMatch(/(^|,)=/)
    expect(text).toContain(`"'=HYPERLINK(""http://example.org"")"`)
  })

  it('publishes a printable PDF protocol', async () => {
    const db = await countsInDatabase()
    const res = await app.request(`/api/consultations/${consultation}/protocol.pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/pdf')
    const pdf = Buffer.from(await bodyBytes(res))
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const raw = pdf.toString('latin1')
    expect(raw.match(/\/Type \/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1)
    expect(raw).toContain(`accepted=${db.accepted} partly=${db.partly} rejected=${db.rejected} unanswered=${db.unanswered} hidden=${db.hidden}`)
  })

  it('answers 404 for the protocol of a consultation on a layer that is no longer public', async () => {
    await sql`UPDATE layers SET status = 'draft' WHERE id = ${planLayer}`.execute(database.db)
    try {
      await expectProblem(await app.request(`/api/consultations/${consultation}/protocol.csv`), 404)
      await expectProblem(await app.request(`/api/consultations/${consultation}`), 404)
    } finally {
      await sql`UPDATE layers SET status = 'consultation' WHERE id = ${planLayer}`.execute(database.db)
    }
  })
})

describe('a photo with a comment', () => {
  const photoForm = (bytes: Buffer, type = 'image/jpeg') => {
    const form = new FormData()
    form.set('photo', new File([new Uint8Array(bytes)], 'IMG_0001.jpg', { type }))
    return form
  }

  it('is added once by the author, stripped of its metadata, and goes with a hidden comment', async () => {
    const c = await openConsultation()
    const comment = (await (await resident.post(`/api/consultations/${c.id}/comments`, { text: 'Ось як тут зараз', geometry: INSIDE })).json()) as { id: number; receipt: string; photo: null }
    expect(comment.photo).toBeNull()
    const path = `/api/consultations/${c.id}/comments/${comment.id}/photo`
    // Only its author adds one.
    await expectProblem(await planner.request(path, { method: 'POST', body: photoForm(await jpegWithGps()) }), 403)
    await expectProblem(await resident.request(path, { method: 'POST', body: photoForm(Buffer.from('%PDF-1.4 not a photo'), 'image/jpeg') }), 422)
    const added = await resident.request(path, { method: 'POST', body: photoForm(await jpegWithGps(1200, 900)) })
    expect(added.status).toBe(200)
    const withPhoto = (await added.json()) as { photo: { url: string; thumb: string } }
    expect(withPhoto.photo.url).toMatch(new RegExp(`/api/consultations/${c.id}/comments/${comment.id}/photo$`))
    await expectProblem(await resident.request(path, { method: 'POST', body: photoForm(await jpegWithGps()) }), 409)

    const listed = (await (await app.request(`/api/consultations/${c.id}/comments`)).json()) as Array<{ id: number; photo: { thumb: string } | null }>
    const thumbUrl = listed.find((k) => k.id === comment.id)!.photo!.thumb
    for (const url of [withPhoto.photo.url, thumbUrl]) {
      const res = await app.request(new URL(url).pathname + new URL(url).search)
      expect(res.status).toBe(200)
      expect(res.headers.get('Content-Type')).toBe('image/jpeg')
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata()
      expect([meta.exif, meta.format]).toEqual([undefined, 'jpeg'])
    }

    expect((await moderator.post(`/api/consultations/${c.id}/comments/${comment.id}/hide`, { reason: 'Фото з обличчями' })).status).toBe(204)
    await expectProblem(await app.request(path), 404)
  })

  it('refuses what is not a photo upload, and a size that is not one, without a 500', async () => {
    const c = await openConsultation()
    const comment = (await (await resident.post(`/api/consultations/${c.id}/comments`, { text: 'Без фото', geometry: INSIDE })).json()) as { id: number }
    const path = `/api/consultations/${c.id}/comments/${comment.id}/photo`
    await expectProblem(await resident.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"photo":"x"}' }), 415)
    const empty = new FormData()
    empty.set('note', 'no photo here')
    await expectProblem(await resident.request(path, { method: 'POST', body: empty }), 400)
    await expectProblem(await resident.request(path, { method: 'POST', body: photoForm(Buffer.alloc(MAX_PHOTO_BYTES + 1, 0xff)) }), 422)
    await expectProblem(await app.request(`${path}?size=huge`), 400)
    await expectProblem(await app.request(path), 404)
    await expectProblem(await resident.request(`/api/consultations/${c.id}/comments/99999999/photo`, { method: 'POST', body: photoForm(await jpegWithGps()) }), 404)
    // Nothing was attached by any of them.
    const listed = (await (await app.request(`/api/consultations/${c.id}/comments`)).json()) as Array<{ id: number; photo: unknown }>
    expect(listed.find((k) => k.id === comment.id)!.photo).toBeNull()
  })
})
