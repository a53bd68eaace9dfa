import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import { appealBody, postJson } from './appeal-test-helpers.ts'

let database: Database
let app: TestApp['app']
beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

async function mailTo(email: string) {
  return (await sql<{ kind: string; body: string; headers: Record<string, string> }>`SELECT kind, body, headers FROM outbox WHERE to_address = ${email} ORDER BY id`.execute(database.db)).rows
}

function linkIn(body: string, path: string): string {
  const url = body.split(/\s+/).find((w) => w.includes(path))!
  return new URL(url).pathname + new URL(url).search
}

describe('alerts about new appeals', () => {
  it('are confirmed by a link, sent for appeals in the circle, and stopped in one click', async () => {
    const email = `alerts-${Date.now()}@example.com`
    const centre = { lat: 50.4391, lon: 30.4876 }
    const res = await postJson(app, '/api/appeal-subscriptions', { email, city: 'kyiv', ...centre, radius_m: 300, locale: 'en' })
    expect(res.status).toBe(202)
    const [confirmation] = await mailTo(email)
    expect(confirmation!.kind).toBe('subscription-confirm')
    expect(confirmation!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')

    // Not confirmed yet: no alert.
    await postJson(app, '/api/appeals', appealBody({ ...centre }))
    expect(await mailTo(email)).toHaveLength(1)

    const confirmed = await app.request(linkIn(confirmation!.body, '/confirm?token='))
    expect(confirmed.status).toBe(200)
    expect(await confirmed.text()).toContain('Subscription confirmed')

    const inside = (await (await postJson(app, '/api/appeals', appealBody({ lat: centre.lat + 0.001, lon: centre.lon }))).json()) as { number: string }
    await postJson(app, '/api/appeals', appealBody({ lat: centre.lat + 0.01, lon: centre.lon }))
    const alerts = (await mailTo(email)).filter((m) => m.kind === 'appeal-alert')
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.body).toContain(inside.number)

    const unsubscribe = await app.request(linkIn(alerts[0]!.body, '/unsubscribe?token='), { method: 'POST' })
    expect(unsubscribe.status).toBe(200)
    await postJson(app, '/api/appeals', appealBody({ lat: centre.lat + 0.001, lon: centre.lon }))
    expect((await mailTo(email)).filter((m) => m.kind === 'appeal-alert')).toHaveLength(1)
  })

  it('by district too, and never for private appeals', async () => {
    const email = `district-${Date.now()}@example.com`
    const district = (await sql<{ id: number }>`SELECT id FROM districts WHERE city_id = 'kyiv' AND name = 'Шевченківський район'`.execute(database.db)).rows[0]!.id
    expect((await postJson(app, '/api/appeal-subscriptions', { email, city: 'kyiv', district })).status).toBe(202)
    await sql`UPDATE appeal_subscriptions SET confirmed_at = now() WHERE email = ${email}`.execute(database.db)
    await postJson(app, '/api/appeals', appealBody({ public: false }))
    expect((await mailTo(email)).filter((m) => m.kind === 'appeal-alert')).toHaveLength(0)
    await postJson(app, '/api/appeals', appealBody())
    expect((await mailTo(email)).filter((m) => m.kind === 'appeal-alert')).toHaveLength(1)
  })

  it.each([
    ['both a district and a circle', { district: 1, lat: 50.45, lon: 30.52, radius_m: 100 }],
    ['neither', {}],
    ['a radius too large', { lat: 50.45, lon: 30.52, radius_m: 50_000 }],
    ['a point outside the city', { lat: 49.84, lon: 24.03, radius_m: 500 }],
    ['a district of another city', { district: 999_999 }],
  ])('refuses %s', async (_, area) => {
    await expectProblem(await postJson(app, '/api/appeal-subscriptions', { email: 'x@example.com', city: 'kyiv', ...area }), 400)
  })

  it('refuses malformed tokens', async () => {
    await expectProblem(await app.request('/api/appeal-subscriptions/confirm?token=%27%20OR%201%3D1'), 400)
    expect((await app.request(`/api/appeal-subscriptions/confirm?token=${'x'.repeat(43)}`)).status).toBe(404)
  })
})
