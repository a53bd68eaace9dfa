import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { hashPassword } from '../auth/index.ts'
import { signIn, signInAs } from '../auth/testing.ts'
import { createApp, type App } from '../index.ts'
import { checkedAgainstContract } from '../openapi/index.ts'
import { dropTestLayers, expectProblem, testAppDeps, uniqueLayerId } from '../testing.ts'
import { TileService } from '../../tiles/index.ts'

let database: Database
let app: App
let planner: Record<string, string>
let publisher: Record<string, string>
let colleague: Record<string, string>
let outsider: Record<string, string>
const layers: string[] = []
const run = randomUUID().slice(0, 8)
const PUBLISHER_EMAIL = 'publisher@demo.local'

/** A publisher account of an organisation, signed in. */
async function publisherOf(organisation: string, who: string): Promise<Record<string, string>> {
  const email = `${who}-${run}@example.org`
  const password = `pw-${run}-long-enough`
  const { rows } = await sql<{ id: number }>`
    INSERT INTO users (email, name, password_hash, email_confirmed_at) VALUES (${email}, ${`${who} ${run}`}, ${await hashPassword(password)}, now()) RETURNING id::int AS id`.execute(database.db)
  await sql`INSERT INTO user_roles (user_id, role, organisation_id) VALUES (${rows[0]!.id}, 'publisher', ${organisation})`.execute(database.db)
  return { Cookie: (await signIn(app, email, password)).cookie }
}

beforeAll(async () => {
  database = await openTestDatabase()
  const tiles = await TileService.create(database.db)
  const deps = { ...testAppDeps(database, tiles, { trustProxy: true }), planning: { uploadDir: mkdtempSync(join(tmpdir(), 'hromada-review-test-')), maxUploadBytes: 2 * 1024 * 1024 } }
  app = checkedAgainstContract(createApp(deps))
  planner = { Cookie: (await signInAs(app, 'planner')).cookie }
  publisher = { Cookie: (await signInAs(app, 'publisher')).cookie }
  colleague = await publisherOf('kyiv-transport', 'colleague')
  outsider = await publisherOf('kyiv-roads', 'outsider')
})
afterAll(async () => {
  await dropTestLayers(database.db, ...layers)
  await database.close()
})

const ORIGIN = { Origin: 'http://localhost' }

function send(method: 'POST' | 'PATCH', path: string, body: unknown, who: Record<string, string>) {
  return app.request(path, { method, headers: { ...who, ...ORIGIN, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
}

/** A layer made of a one-stop GeoJSON by `who`; returns the answer of `POST /api/layers`. */
async function makeLayer(who: Record<string, string>, id: string, extra: Record<string, unknown> = {}): Promise<Response> {
  const form = new FormData()
  const stop = { type: 'Feature', properties: { name: 'Зупинка «Майдан»' }, geometry: { type: 'Point', coordinates: [30.5243, 50.4501] } }
  form.set('file', new Blob([JSON.stringify({ type: 'FeatureCollection', features: [stop] })]), 'stops.geojson')
  const uploaded = await app.request('/api/layer-uploads', { method: 'POST', headers: { ...who, ...ORIGIN }, body: form })
  expect(uploaded.status).toBe(201)
  const { id: upload } = (await uploaded.json()) as { id: string }
  layers.push(id)
  return send('POST', '/api/layers', { upload, city: 'kyiv', id, title: { uk: 'Зупинки', en: 'Stops' }, theme: 'transport', ...extra }, who)
}

interface Managed {
  status: string
  organisation: string | null
  review: { status: string; requested_by: string | null; requested_at: string } | null
}

async function mailsTo(email: string, kind: string): Promise<string[]> {
  const { rows } = await sql<{ body: string }>`SELECT body FROM outbox WHERE to_address = ${email} AND kind = ${kind} ORDER BY id`.execute(database.db)
  return rows.map((r) => r.body)
}

async function trail(id: string): Promise<Array<{ action: string; changes: Record<string, unknown> }>> {
  return (await sql<{ action: string; changes: Record<string, unknown> }>`SELECT action, changes FROM audit_log WHERE object_type = 'layer' AND object_id = ${id} ORDER BY id`.execute(database.db)).rows
}

describe("a publisher's layer", () => {
  it('belongs to their organisation, and asked to go public it stays a draft until a second person of it approves', async () => {
    const id = uniqueLayerId('kyiv-transport-stops')
    const created = await makeLayer(publisher, id, { status: 'consultation' })
    expect(created.status).toBe(201)
    const layer = (await created.json()) as Managed
    expect(layer).toMatchObject({ status: 'draft', organisation: 'kyiv-transport', review: { status: 'consultation', requested_by: expect.stringContaining('Публікаторка') } })
    await expectProblem(await app.request(`/api/layers/${id}`), 404)

    // The one who asked cannot approve it.
    await expectProblem(await send('POST', `/api/layers/${id}/review`, { decision: 'approve' }, publisher), 403)
    // Nor can a publisher of another organisation.
    await expectProblem(await send('POST', `/api/layers/${id}/review`, { decision: 'approve' }, outsider), 403)
    const approved = await send('POST', `/api/layers/${id}/review`, { decision: 'approve' }, colleague)
    expect(approved.status).toBe(200)
    expect((await approved.json()) as Managed).toMatchObject({ status: 'consultation', review: null })
    expect((await app.request(`/api/layers/${id}`)).status).toBe(200)
    await expectProblem(await send('POST', `/api/layers/${id}/review`, { decision: 'approve' }, colleague), 409)

    expect((await trail(id)).map((r) => [r.action, r.changes['review'] ?? r.changes['decision']])).toEqual([
      ['create', [null, 'consultation']],
      ['review', [null, 'approve']],
    ])
    // The demo publisher's mailbox holds earlier runs' mail too: this layer's is among it, once.
    expect((await mailsTo(PUBLISHER_EMAIL, 'layer-review-approved')).filter((m) => m.includes(`/planning/cabinet/layers/${id}`))).toHaveLength(1)
  })

  it('is rejected only with a reason, which the publisher is told, and stays unpublished', async () => {
    const id = uniqueLayerId('kyiv-transport-routes')
    expect((await makeLayer(publisher, id)).status).toBe(201)
    const asked = await send('PATCH', `/api/layers/${id}`, { status: 'approved' }, publisher)
    expect(asked.status).toBe(200)
    expect((await asked.json()) as Managed).toMatchObject({ status: 'draft', review: { status: 'approved' } })

    await expectProblem(await send('POST', `/api/layers/${id}/review`, { decision: 'reject' }, planner), 422)
    const rejected = await send('POST', `/api/layers/${id}/review`, { decision: 'reject', reason: 'Бракує джерела даних і ліцензії' }, planner)
    expect(rejected.status).toBe(200)
    expect((await rejected.json()) as Managed).toMatchObject({ status: 'draft', review: null })
    await expectProblem(await app.request(`/api/layers/${id}`), 404)
    const mails = await mailsTo(PUBLISHER_EMAIL, 'layer-review-rejected')
    expect(mails.some((m) => m.includes('Бракує джерела даних і ліцензії'))).toBe(true)
    expect((await trail(id)).at(-1)).toMatchObject({ action: 'review', changes: { decision: [null, 'reject'], reason: [null, 'Бракує джерела даних і ліцензії'] } })
  })

  it('is the only kind a publisher changes: another organisation\'s layers are refused or not there', async () => {
    const theirs = uniqueLayerId('kyiv-planning-zones')
    expect((await makeLayer(planner, theirs, { status: 'approved' })).status).toBe(201)
    await expectProblem(await send('PATCH', `/api/layers/${theirs}`, { title: { uk: 'Чуже', en: 'Not mine' } }, publisher), 403)
    await expectProblem(await send('POST', `/api/layers/${theirs}/versions`, { upload: randomUUID(), mode: 'append' }, publisher), 403)
    await expectProblem(await app.request(`/api/planning/layers/${theirs}`, { headers: publisher }), 404)
    const listed = (await (await app.request('/api/planning/layers?city=kyiv', { headers: publisher })).json()) as Array<{ id: string; organisation: string | null }>
    expect(listed.map((l) => l.id)).not.toContain(theirs)
    expect(listed.every((l) => l.organisation === 'kyiv-transport')).toBe(true)
    // Nor may a publisher make a layer for another organisation.
    await expectProblem(await makeLayer(publisher, uniqueLayerId('kyiv-foreign'), { organisation: 'kyiv-roads' }), 403)
    // Planners publish directly, as before.
    expect(((await (await app.request(`/api/planning/layers/${theirs}`, { headers: planner })).json()) as Managed).status).toBe('approved')
  })

  it('refuses a review body that is not one, naming the field', async () => {
    const id = uniqueLayerId('kyiv-transport-hostile')
    expect((await makeLayer(publisher, id, { status: 'approved' })).status).toBe(201)
    for (const [body, field] of [
      [{ decision: 'maybe' }, 'body.decision'],
      [{ decision: 'reject', reason: 'x'.repeat(1001) }, 'body.reason'],
      [{ decision: 'approve', status: 'approved' }, 'body'],
      // NUL is refused by the request guard before the route reads the body.
      [{ decision: 'approve', reason: 'ok\u0000' }, 'body'],
    ] as const) {
      const problem = await expectProblem(await send('POST', `/api/layers/${id}/review`, body, planner), 400)
      expect(JSON.stringify(problem.errors), JSON.stringify(body)).toContain(field)
    }
    // Nothing was decided by any of them.
    expect(((await (await app.request(`/api/planning/layers/${id}`, { headers: planner })).json()) as Managed).review).toMatchObject({ status: 'approved' })
  })
})
