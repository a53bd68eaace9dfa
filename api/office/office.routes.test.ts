import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { appealBody, postJson } from '../appeals/testing.ts'
import { signInAs, type SignedIn } from '../auth/testing.ts'
import type { App } from '../index.ts'
import { expectProblem, makeApp } from '../testing.ts'

let database: Database
let app: App
let moderator: SignedIn
let executor: SignedIn
let manager: SignedIn
let resident: SignedIn

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  ;[moderator, executor, manager, resident] = await Promise.all([signInAs(app, 'moderator'), signInAs(app, 'executor'), signInAs(app, 'manager'), signInAs(app, 'resident')])
})

afterAll(async () => {
  await database.close()
})

/** Files an appeal as a resident would; pothole appeals in Kyiv go to kyiv-roads. */
async function fileAppeal(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await postJson(app, '/api/appeals', appealBody({ contact: { email: 'author@example.org', name: 'Олена Автор' }, ...overrides }), { 'X-Forwarded-For': `filer-${randomUUID()}` })
  expect(res.status).toBe(201)
  return ((await res.json()) as { number: string }).number
}

async function detail(client: SignedIn, number: string) {
  const res = await client.get(`/api/office/appeals/${number}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, any>
}

async function audit(number: string) {
  const { rows } = await sql<{ actor: string; action: string; changes: Record<string, [unknown, unknown]> }>`
    SELECT actor, action, changes FROM audit_log WHERE object_type = 'appeal' AND object_id = ${number} ORDER BY id`.execute(database.db)
  return rows
}

async function mailTo(number: string) {
  const { rows } = await sql<{ kind: string; body: string }>`SELECT kind, body FROM outbox WHERE to_address = 'author@example.org' AND subject LIKE ${`%${number}%`} ORDER BY id`.execute(database.db)
  return rows
}

describe('the whole path of an appeal through the back office', () => {
  it('goes from triage to resolution, each step on the public timeline and in the audit trail', async () => {
    const number = await fileAppeal()
    const triage = await moderator.get(`/api/office/appeals?queue=triage&city=kyiv&q=${number}`)
    expect(((await triage.json()) as { items: Array<{ number: string }> }).items.map((a) => a.number)).toEqual([number])

    let res = await moderator.post(`/api/office/appeals/${number}/register`)
    expect(res.status).toBe(200)
    expect((await res.json()).status).toBe('registered')
    res = await moderator.post(`/api/office/appeals/${number}/route`, { organisation: 'kyiv-roads' })
    expect((await res.json()).status).toBe('assigned')

    // The executor's queue holds it, by due date; the executor takes it.
    const queue = (await (await executor.get(`/api/office/appeals?queue=organisation&q=${number}`)).json()) as { items: Array<{ number: string; executor: unknown }> }
    expect(queue.items).toEqual([expect.objectContaining({ number, executor: null })])
    res = await executor.post(`/api/office/appeals/${number}/take`)
    const taken = await res.json()
    expect(taken.status).toBe('in_progress')
    expect(taken.executor.name).toBe('Виконавець (демо)')

    // An extension within 45 days, with a reason; the author is told.
    const created = new Date(taken.created_at)
    const dueDay = new Date(created.getTime() + 40 * 86_400_000).toISOString().slice(0, 10)
    res = await executor.post(`/api/office/appeals/${number}/extend`, { due_at: dueDay, reason: 'Потрібна заявка на асфальт' })
    expect(res.status).toBe(200)
    const extended = await res.json()
    expect(extended.status).toBe('extended')
    expect(new Date(extended.due_at).getTime() - created.getTime()).toBeLessThanOrEqual(45 * 86_400_000)

    res = await executor.post(`/api/office/appeals/${number}/notes`, { body: 'Бригада №3, четвер' })
    expect((await res.json()).notes.map((n: { body: string }) => n.body)).toEqual(['Бригада №3, четвер'])

    const form = new FormData()
    form.append('photos', new File([await sharp({ create: { width: 400, height: 300, channels: 3, background: '#445566' } }).png().toBuffer()], 'done.png', { type: 'image/png' }))
    res = await executor.request(`/api/office/appeals/${number}/work-photos`, { method: 'POST', body: form })
    expect(res.status).toBe(200)
    expect((await res.json()).photos.filter((p: { stage: string }) => p.stage === 'work')).toHaveLength(1)

    res = await executor.post(`/api/office/appeals/${number}/status`, { status: 'resolved', response: 'Яму залатано' })
    expect((await res.json()).status).toBe('resolved')

    const page = (await (await app.request(`/api/appeals/${number}`)).json()) as { timeline: Array<{ kind: string; status: string; response: string | null }>; photos: Array<{ stage: string }> }
    expect(page.timeline.map((e) => e.kind)).toEqual(['created', 'status', 'routed', 'taken', 'extended', 'work-photos', 'status'])
    expect(page.timeline.at(-1)).toMatchObject({ status: 'resolved', response: 'Яму залатано' })
    expect(page.photos.map((p) => p.stage)).toContain('work')
    expect(JSON.stringify(page)).not.toContain('Бригада №3')

    const trail = await audit(number)
    expect(trail.map((r) => r.action)).toEqual(['create', 'register', 'assign', 'start', 'extend', 'note', 'work-photos', 'resolve'])
    expect(trail.find((r) => r.action === 'start')!.changes).toMatchObject({ status: ['assigned', 'in_progress'], executor_id: [null, expect.any(Number)] })
    expect(trail.find((r) => r.action === 'extend')!.changes.due_at![1]).toBe(extended.due_at)
    expect(trail.every((r) => r.actor === 'resident' || /^user:\d+$/.test(r.actor))).toBe(true)
    expect(JSON.stringify(trail)).not.toContain('author@example.org')

    expect((await mailTo(number)).map((m) => m.kind)).toEqual(['appeal-receipt', 'appeal-registered', 'appeal-assigned', 'appeal-in_progress', 'appeal-extended', 'appeal-resolved'])
    const staffView = await detail(manager, number)
    expect(staffView.contact).toEqual({ name: 'Олена Автор', email: 'author@example.org', phone: null })
    expect(staffView.audit).toHaveLength(8)
    expect(staffView.allowed_actions).toEqual(['work-photos', 'notes'])
  })
})

describe('triage', () => {
  it('re-categorises, merges a duplicate and rejects with a reason', async () => {
    const [first, second, third] = [await fileAppeal(), await fileAppeal(), await fileAppeal()]
    let res = await moderator.post(`/api/office/appeals/${first}/recategorise`, { category: 'road-marking' })
    expect(res.status).toBe(200)
    expect((await res.json()).category.id).toBe('road-marking')
    res = await moderator.post(`/api/office/appeals/${second}/merge`, { duplicate_of: first })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'duplicate', duplicate_of: first })
    res = await moderator.post(`/api/office/appeals/${third}/reject`, { reason: 'Не належить до компетенції міста', response: 'Зверніться до власника будинку' })
    expect(await res.json()).toMatchObject({ status: 'rejected', rejection_reason: 'Не належить до компетенції міста' })
    expect((await audit(first)).at(-1)).toMatchObject({ action: 'recategorise', changes: { category_id: ['pothole', 'road-marking'] } })
    // A merged or rejected appeal leaves the public map.
    const { rows } = await sql<{ feature_id: number | null }>`SELECT feature_id FROM appeals WHERE number IN (${second}, ${third})`.execute(database.db)
    expect(rows.map((r) => r.feature_id)).toEqual([null, null])
  })

  it('gives a redacted photo new URLs, takes the old ones away and names only the new ones', async () => {
    const photo = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#ffffff' } }).png().toBuffer()
    const form = new FormData()
    for (const [k, v] of Object.entries(appealBody())) form.append(k, String(v))
    form.append('photos', new File([photo], 'p.png', { type: 'image/png' }))
    const filed = await app.request('/api/appeals', { method: 'POST', body: form, headers: { 'X-Forwarded-For': `filer-${randomUUID()}` } })
    const { number } = (await filed.json()) as { number: string }
    type Page = { photos: Array<{ id: number; url: string; thumbnail_url: string }> }
    const publicPage = async () => (await (await app.request(`/api/appeals/${number}`)).json()) as Page
    const [before] = (await publicPage()).photos
    const path = (url: string) => new URL(url).pathname
    const original = await app.request(path(before!.url))
    expect(original.status).toBe(200)
    const originalBytes = Buffer.from(await original.arrayBuffer())

    const res = await moderator.post(`/api/office/appeals/${number}/redact`, { photos: [{ id: before!.id, regions: [{ x: 0, y: 0, width: 0.5, height: 1 }] }], reason: 'Обличчя на фото' })
    expect(res.status).toBe(200)

    const page = await publicPage()
    const [after] = page.photos
    expect(after!.id).toBe(before!.id)
    expect(after!.url).not.toBe(before!.url)
    expect(after!.thumbnail_url).not.toBe(before!.thumbnail_url)
    const text = JSON.stringify(page)
    expect(text).not.toContain(path(before!.url))
    expect(text).not.toContain(path(before!.thumbnail_url))
    await expectProblem(await app.request(path(before!.url)), 404)
    await expectProblem(await app.request(path(before!.thumbnail_url)), 404)
    const redacted = await app.request(path(after!.url))
    expect(redacted.status).toBe(200)
    expect(redacted.headers.get('ETag')).toMatch(/^"[0-9a-f]{64}"$/)
    expect(redacted.headers.get('ETag')).not.toBe(original.headers.get('ETag'))
    expect(Buffer.from(await redacted.arrayBuffer()).equals(originalBytes)).toBe(false)
  })

  it('redacts personal data from the text and blacks out a photo region, keeping the text out of the trail', async () => {
    const photo = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#ffffff' } }).png().toBuffer()
    const form = new FormData()
    for (const [k, v] of Object.entries(appealBody({ description: 'Яма. Мій телефон +380 67 123 45 67' }))) form.append(k, String(v))
    form.append('photos', new File([photo], 'p.png', { type: 'image/png' }))
    const filed = await app.request('/api/appeals', { method: 'POST', body: form, headers: { 'X-Forwarded-For': `filer-${randomUUID()}` } })
    const { number } = (await filed.json()) as { number: string }
    const before = await detail(moderator, number)
    const photoId = before.photos[0].id as number

    const res = await moderator.post(`/api/office/appeals/${number}/redact`, {
      description: 'Яма. [телефон приховано]',
      photos: [{ id: photoId, regions: [{ x: 0, y: 0, width: 0.5, height: 1 }] }],
      reason: 'Номер телефону в тексті',
    })
    expect(res.status).toBe(200)
    const publicPage = (await (await app.request(`/api/appeals/${number}`)).json()) as { description: string; timeline: Array<{ kind: string }> }
    expect(publicPage.description).toBe('Яма. [телефон приховано]')
    expect(publicPage.timeline.map((e) => e.kind)).toContain('redacted')
    const image = await app.request(`/api/appeals/${number}/photos/${photoId}.jpg`)
    const { data, info } = await sharp(Buffer.from(await image.arrayBuffer())).raw().toBuffer({ resolveWithObject: true })
    const pixel = (x: number) => data[(Math.floor(info.height / 2) * info.width + x) * info.channels]!
    expect(pixel(10)).toBeLessThan(20)
    expect(pixel(info.width - 10)).toBeGreaterThan(235)
    const trail = JSON.stringify(await audit(number))
    expect(trail).not.toContain('123 45 67')
    expect(trail).toContain('Номер телефону в тексті')
  })

  it('refuses bad triage input with field errors and changes nothing', async () => {
    const number = await fileAppeal()
    for (const [path, body, field] of [
      ['route', { organisation: 'no-such-org' }, 'body.organisation'],
      ['route', { organisation: "x'; DROP TABLE appeals; --" }, 'body.organisation'],
      ['recategorise', { category: 'nope' }, 'body.category'],
      ['merge', { duplicate_of: 'KYIV-1999-000001' }, 'body.duplicate_of'],
      ['merge', { duplicate_of: number }, 'body.duplicate_of'],
      ['reject', { reason: '' }, 'body.reason'],
      ['reject', { reason: 'x'.repeat(2001) }, 'body.reason'],
      ['redact', { reason: 'r' }, 'body.description'],
      ['redact', { reason: 'r', photos: [{ id: 1, regions: [{ x: 0.8, y: 0, width: 0.5, height: 0.5 }] }] }, 'body.photos.0.regions.0'],
      ['register', { extra: true }, 'body'],
    ] as const) {
      const problem = await expectProblem(await moderator.post(`/api/office/appeals/${number}/${path}`, body), 400)
      expect(JSON.stringify(problem.errors), `${path} ${JSON.stringify(body)}`).toContain(field)
    }
    await expectProblem(await moderator.post('/api/office/appeals/KYIV-1999-000001/register'), 404)
    await expectProblem(await moderator.post('/api/office/appeals/not-a-number/register'), 400)
    const notJson = await moderator.request(`/api/office/appeals/${number}/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' })
    await expectProblem(notJson, 400)
    expect((await detail(moderator, number)).status).toBe('new')
    expect((await audit(number)).map((r) => r.action)).toEqual(['create'])
  })
})

describe('work rules', () => {
  it('refuses an extension past 45 days in all, a second extension, and resolving without a response', async () => {
    const number = await fileAppeal()
    await moderator.post(`/api/office/appeals/${number}/route`, { organisation: 'kyiv-roads' })
    const taken = await (await executor.post(`/api/office/appeals/${number}/take`)).json()
    const created = new Date(taken.created_at).getTime()
    const tooLate = new Date(created + 47 * 86_400_000).toISOString().slice(0, 10)
    expect((await expectProblem(await executor.post(`/api/office/appeals/${number}/extend`, { due_at: tooLate, reason: 'довго' }), 409)).detail).toMatch(/45 days/)
    const lastDay = new Date(created + 45 * 86_400_000).toISOString().slice(0, 10)
    expect((await executor.post(`/api/office/appeals/${number}/extend`, { due_at: lastDay, reason: 'довго' })).status).toBe(200)
    await expectProblem(await executor.post(`/api/office/appeals/${number}/extend`, { due_at: lastDay, reason: 'ще' }), 409)
    await expectProblem(await executor.post(`/api/office/appeals/${number}/extend`, { due_at: '2026-02-30', reason: 'x' }), 400)
    await expectProblem(await executor.post(`/api/office/appeals/${number}/status`, { status: 'resolved' }), 400)
    await expectProblem(await executor.post(`/api/office/appeals/${number}/status`, { status: 'rejected', response: 'x' }), 400)
  })

  it('checks work photos by content', async () => {
    const number = await fileAppeal()
    await moderator.post(`/api/office/appeals/${number}/route`, { organisation: 'kyiv-roads' })
    await executor.post(`/api/office/appeals/${number}/take`)
    const form = new FormData()
    form.append('photos', new File([Buffer.from('<svg onload=alert(1)>')], 'x.jpg', { type: 'image/jpeg' }))
    const problem = await expectProblem(await executor.request(`/api/office/appeals/${number}/work-photos`, { method: 'POST', body: form }), 400)
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'body.photos.0' })])
    await expectProblem(await executor.post(`/api/office/appeals/${number}/work-photos`, {}), 415)
    const empty = new FormData()
    empty.append('note', 'no photo')
    await expectProblem(await executor.request(`/api/office/appeals/${number}/work-photos`, { method: 'POST', body: empty }), 400)
    expect((await detail(executor, number)).photos).toHaveLength(0)
  })
})

describe('organisations keep to their own appeals', () => {
  it('an executor and a head cannot see or act on another organisation\'s appeal', async () => {
    const number = await fileAppeal({ category: 'street-light' })
    await moderator.post(`/api/office/appeals/${number}/route`, { organisation: 'kyiv-lighting' })
    for (const client of [executor, manager]) {
      await expectProblem(await client.get(`/api/office/appeals/${number}`), 403)
      await expectProblem(await client.post(`/api/office/appeals/${number}/take`), 403)
      await expectProblem(await client.post(`/api/office/appeals/${number}/status`, { status: 'in_progress' }), 403)
      await expectProblem(await client.post(`/api/office/appeals/${number}/notes`, { body: 'x' }), 403)
      await expectProblem(await client.get(`/api/office/appeals/${number}/photos/1.jpg`), 403)
      const list = (await (await client.get(`/api/office/appeals?queue=all&q=${number}`)).json()) as { total: number }
      expect(list.total).toBe(0)
    }
    await expectProblem(await manager.post(`/api/office/appeals/${number}/reassign`, { organisation: 'kyiv-roads' }), 403)
    expect((await detail(moderator, number)).organisation.id).toBe('kyiv-lighting')
    expect((await audit(number)).map((r) => r.action)).toEqual(['create', 'assign'])
  })

  it('a head reassigns within the organisation and lists its staff only', async () => {
    const number = await fileAppeal()
    await moderator.post(`/api/office/appeals/${number}/route`, { organisation: 'kyiv-roads' })
    const staff = (await (await manager.get('/api/office/staff')).json()) as { items: Array<{ id: number; roles: string[] }> }
    const executorId = staff.items.find((s) => s.roles.includes('executor'))!.id
    let res = await manager.post(`/api/office/appeals/${number}/reassign`, { executor: executorId })
    expect((await res.json()).executor.id).toBe(executorId)
    res = await manager.post(`/api/office/appeals/${number}/reassign`, { executor: 999_999_999 })
    await expectProblem(res, 400)
    await expectProblem(await manager.get('/api/office/staff?organisation=kyiv-lighting'), 403)
    // Moved to another organisation, the appeal leaves the head's reach and its executor.
    res = await manager.post(`/api/office/appeals/${number}/reassign`, { organisation: 'kyiv-lighting' })
    expect(await res.json()).toMatchObject({ organisation: { id: 'kyiv-lighting' }, executor: null, moved_out: true })
    await expectProblem(await manager.get(`/api/office/appeals/${number}`), 403)
    expect((await detail(moderator, number)).executor).toBeNull()
  })

  it('residents and the signed-out get no back office', async () => {
    await expectProblem(await resident.get('/api/office/appeals'), 403)
    await expectProblem(await app.request('/api/office/appeals'), 401)
    await expectProblem(await resident.get('/api/audit'), 403)
  })

  it('refuses hostile list queries', async () => {
    for (const query of ['queue=everything', 'page=0', 'limit=100000', 'status=done', `q=${'x'.repeat(201)}`, 'city=Kyiv;--']) {
      await expectProblem(await moderator.get(`/api/office/appeals?${query}`), 400)
    }
    const like = (await (await moderator.get(`/api/office/appeals?q=${encodeURIComponent("%'_\\")}`)).json()) as { total: number }
    expect(like.total).toBe(0)
  })
})

describe('the audit trail', () => {
  it('is searchable by object and actor for staff', async () => {
    const number = await fileAppeal()
    await moderator.post(`/api/office/appeals/${number}/register`)
    const res = await manager.get(`/api/audit?object_type=appeal&object_id=${number}`)
    const body = (await res.json()) as { total: number; items: Array<{ action: string; actor_name: string | null }> }
    expect(body.total).toBe(2)
    expect(body.items[0]).toMatchObject({ action: 'register', actor_name: 'Фахівець зі звернень (демо)' })
    await expectProblem(await manager.get('/api/audit?object_type=secrets'), 400)
    await expectProblem(await manager.get("/api/audit?actor=' OR 1=1"), 400)
  })
})
