import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { signInAs, type SignedIn } from '../auth/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import { jsonFault, MAX_BODY_BYTES, urlFault } from './request-guard.ts'

let database: Database
let app: TestApp['app']
let admin: SignedIn

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  admin = await signInAs(app, 'admin')
})
afterAll(async () => {
  await database.close()
})

const postJson = (path: string, body: string, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `guard-${Math.random()}`, ...headers }, body })

describe('URLs with NUL bytes or bytes that are not UTF-8', () => {
  it.each([
    '/open311/v2/requests/a%00b.json',
    '/api/audit?object_id=%00',
    '/api/office/appeals?q=%00',
    '/api/admin/users?q=%00',
    '/api/appeals?city=kyiv%00',
    '/api/layers/kyiv%C3%28',
    '/api/addresses?city=kyiv&q=%FF%FE',
    '/api/layers?city=%E0%A4',
  ])('%s is a 400, never a 500', async (path) => {
    const res = await admin.get(path)
    expect(res.status).toBe(400)
    expect(res.headers.get('Content-Type')).toMatch(path.startsWith('/open311') ? /json/ : /^application\/problem\+json/)
  })

  it('reads well-formed Ukrainian text in a query', () => {
    expect(urlFault('/api/addresses?city=kyiv&q=%D1%85%D1%80%D0%B5%D1%89%D0%B0%D1%82%D0%B8%D0%BA+22')).toBeUndefined()
    expect(urlFault('/api/addresses?q=a%2Bb&x')).toBeUndefined()
  })
})

describe('JSON bodies', () => {
  it('refuses a 10,000-level nest with 400, before any route parses it', async () => {
    const nest = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
    const body = await expectProblem(await postJson('/api/appeals', `{"category":"roads","answers":${nest}}`), 400)
    expect(body.detail).toMatch(/deeper than 32/)
  })

  it('refuses NUL in a string, escaped or raw', async () => {
    await expectProblem(await postJson('/api/auth/login', JSON.stringify({ email: 'a\u0000b@example.com', password: 'x' })), 400)
    await expectProblem(await postJson('/api/appeals', '{"description":"a\u0000b"}'), 400)
  })

  it('refuses a body that is not UTF-8', async () => {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) })
    await expectProblem(res, 400)
  })

  it('keeps escaped backslashes and quotes apart from NUL', () => {
    expect(jsonFault(String.raw`{"a":"\\u0000 is how NUL is written","b":"[{"}`)).toBeUndefined()
    expect(jsonFault(String.raw`{"a":"\\\u0000"}`)).toMatch(/NUL/)
    expect(jsonFault('[[[1]]]', 2)).toMatch(/deeper than 2/)
  })
})

describe('body limits', () => {
  it('refuses a sign-in body over 1 MB with 413 by its length', async () => {
    const big = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(MAX_BODY_BYTES) })
    await expectProblem(await postJson('/api/auth/login', big), 413)
  })

  it('refuses a chunked body over 1 MB with 413 while reading it', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === 0) controller.enqueue(new TextEncoder().encode('{"email":"'))
        else if (sent > 40) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit)
    await expectProblem(res, 413)
    expect(sent).toBeLessThan(40)
  })

  it('refuses NUL in a form field', async () => {
    const form = new URLSearchParams({ service_code: 'roads', description: 'a\u0000b', lat: '50.45', long: '30.52' })
    const res = await app.request('/open311/v2/requests.json', { method: 'POST', body: form })
    expect(res.status).toBe(400)
  })
})
