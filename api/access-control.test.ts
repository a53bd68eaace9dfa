/**
 * Object-level access: knowing or guessing an appeal's number, a photo id or another appeal's
 * link gives nobody what they are not entitled to. Route-level access is the permission matrix.
 */
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/index.ts'
import { openTestDatabase } from '../db/testing.ts'
import { appealBody } from './appeals/testing.ts'
import { signInAs, type SignedIn } from './auth/testing.ts'
import type { App } from './index.ts'
import { expectProblem, makeApp, TEST_OPEN311_KEY } from './test-helpers.ts'

let database: Database
let app: App
let resident: SignedIn
let executor: SignedIn
let privateAppeal: { number: string; tracking_url: string }
let otherAppeal: { number: string; tracking_url: string }

async function file(overrides: Record<string, unknown>): Promise<{ number: string; tracking_url: string }> {
  const form = new FormData()
  for (const [k, v] of Object.entries(appealBody(overrides))) form.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v))
  form.append('photos', new File([await sharp({ create: { width: 64, height: 64, channels: 3, background: '#123456' } }).png().toBuffer()], 'p.png', { type: 'image/png' }))
  const res = await app.request('/api/appeals', { method: 'POST', body: form, headers: { 'X-Forwarded-For': `idor-${randomUUID()}` } })
  expect(res.status).toBe(201)
  return (await res.json()) as { number: string; tracking_url: string }
}

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  privateAppeal = await file({ public: false, 'contact.email': 'private-author@example.org', 'contact.phone': '+380 50 000 11 22' })
  otherAppeal = await file({})
  ;[resident, executor] = await Promise.all([signInAs(app, 'resident'), signInAs(app, 'executor')])
})

afterAll(async () => {
  await database.close()
})

const token = (url: string) => url.split('/').at(-1)!

describe('a private appeal', () => {
  it('is not readable by number, photo, list or Open311, signed out or as a resident', async () => {
    const { number } = privateAppeal
    for (const request of [(p: string) => Promise.resolve(app.request(p)), (p: string) => resident.get(p)]) {
      await expectProblem(await request(`/api/appeals/${number}`), 404)
      await expectProblem(await request(`/api/appeals/${number}/photos/1.jpg`), 404)
      const list = (await (await request(`/api/appeals?city=kyiv&limit=500`)).json()) as { items?: Array<{ number: string }>; features?: unknown[] }
      expect(JSON.stringify(list)).not.toContain(number)
      expect((await request(`/open311/v2/requests/${number}.json`)).status).toBe(404)
    }
  })

  it('is not reachable from another appeal\'s tracking link, a made-up one, or a tampered one', async () => {
    const other = (await (await app.request(`/api/appeals/track/${token(otherAppeal.tracking_url)}`)).json()) as { number: string }
    expect(other.number).toBe(otherAppeal.number)
    const own = token(privateAppeal.tracking_url)
    const tampered = own.slice(0, -1) + (own.endsWith('A') ? 'B' : 'A')
    for (const guess of [tampered, 'A'.repeat(43), randomUUID().replace(/-/g, '').padEnd(43, '0')]) {
      const res = await app.request(`/api/appeals/track/${guess}`)
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('private-author@example.org')
      await expectProblem(await app.request(`/api/appeals/track/${guess}/confirm`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }), 404)
    }
    // Only its own link shows the author their contact data.
    const mine = (await (await app.request(`/api/appeals/track/${own}`)).json()) as { contact: { email: string } }
    expect(mine.contact.email).toBe('private-author@example.org')
  })

  it('is open to staff of its organisation only through the back office', async () => {
    const { number } = privateAppeal
    const staffView = (await (await executor.get(`/api/office/appeals/${number}`)).json()) as { is_public: boolean; photos: Array<{ url: string }> }
    expect(staffView.is_public).toBe(false)
    const photo = await executor.get(new URL(staffView.photos[0]!.url).pathname)
    expect(photo.status).toBe(200)
    expect(photo.headers.get('Cache-Control')).toBe('private, no-store')
    await expectProblem(await resident.get(new URL(staffView.photos[0]!.url).pathname), 403)
    await expectProblem(await app.request(new URL(staffView.photos[0]!.url).pathname), 401)
  })

  it('keeps its Open311 token lookup to the number only', async () => {
    const res = await app.request(`/open311/v2/requests.json?api_key=${TEST_OPEN311_KEY}&service_request_id=${privateAppeal.number}`)
    expect(await res.text()).not.toContain('private-author@example.org')
  })
})
