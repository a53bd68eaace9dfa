import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { TileService } from '../../tiles/index.ts'
import { createApp } from '../index.ts'
import { expectProblem, inOneRateWindow, makeApp, testAppDeps, type TestApp } from '../testing.ts'
import { DEMO_ACCOUNTS } from '../demo/index.ts'
import { PERMISSION_NAMES } from '../contract/index.ts'
import { SESSION_COOKIE } from './session.ts'

let database: Database
let app: TestApp['app']

beforeAll(async () => {
  database = await openTestDatabase()
  // Behind a "proxy", so that each run signs in from addresses of its own and no other test's
  // rate-limit windows are touched.
  ;({ app } = await makeApp(database, { trustProxy: true }))
})

const runAddress = () => `client-${randomUUID()}`
const ADDRESS = runAddress()
afterAll(async () => {
  await database.close()
})

function login(body: unknown, headers: Record<string, string> = {}, client = app) {
  return client.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ADDRESS, ...headers }, body: JSON.stringify(body) })
}

function sessionCookie(res: Response): { value: string; attributes: string } {
  const header = res.headers.get('Set-Cookie') ?? ''
  const cookie = header.split(/,(?=\s*\w+=)/).find((c) => c.trim().startsWith(`${SESSION_COOKIE}=`))
  if (!cookie) throw new Error(`no session cookie in ${header}`)
  return { value: cookie.trim().split(';')[0]!.slice(SESSION_COOKIE.length + 1), attributes: cookie }
}

const cookieHeader = (value: string) => ({ Cookie: `${SESSION_COOKIE}=${value}` })

describe('signing in', () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.email, a] as const))('works for the demo account %s, with its role', async (_, account) => {
    const res = await login({ email: account.email, password: account.password })
    expect(res.status).toBe(200)
    const { value, attributes } = sessionCookie(res)
    expect(attributes).toMatch(/HttpOnly/i)
    expect(attributes).toMatch(/SameSite=Lax/i)
    const me = await app.request('/api/auth/me', { headers: cookieHeader(value) })
    expect(await me.json()).toMatchObject({ email: account.email, roles: [account.role], organisation: account.organisation ?? null })
  })

  it('refuses a wrong password and an unknown account alike', async () => {
    const wrong = await expectProblem(await login({ email: 'admin@demo.local', password: 'wrong' }), 401)
    const unknown = await expectProblem(await login({ email: 'nobody@demo.local', password: 'wrong' }), 401)
    expect(wrong.detail).toBe(unknown.detail)
    await expectProblem(await login({ email: 'not-an-email', password: 'x' }), 400)
    await expectProblem(await login({ email: 'admin@demo.local' }), 400)
  })

  it('gives a new session id at every sign-in and ends the old one', async () => {
    const first = sessionCookie(await login({ email: 'resident@demo.local', password: 'demo-resident' })).value
    const second = sessionCookie(await login({ email: 'resident@demo.local', password: 'demo-resident' }, cookieHeader(first))).value
    expect(second).not.toBe(first)
    expect((await app.request('/api/auth/me', { headers: cookieHeader(first) })).status).toBe(401)
    expect((await app.request('/api/auth/me', { headers: cookieHeader(second) })).status).toBe(200)
  })

  it('signs out: the session no longer works', async () => {
    const value = sessionCookie(await login({ email: 'planner@demo.local', password: 'demo-planner' })).value
    expect((await app.request('/api/auth/logout', { method: 'POST', headers: cookieHeader(value) })).status).toBe(204)
    await expectProblem(await app.request('/api/auth/me', { headers: cookieHeader(value) }), 401)
  })

  it('tells pages who is signed in, a visitor being null rather than an error', async () => {
    const value = sessionCookie(await login({ email: 'budget@demo.local', password: 'demo-budget' })).value
    const signedIn = await app.request('/api/auth/session', { headers: cookieHeader(value) })
    expect(signedIn.headers.get('Cache-Control')).toBe('private, no-store')
    expect(await signedIn.json()).toMatchObject({ user: { email: 'budget@demo.local', roles: ['budget_admin'], permissions: ['account', 'budgets:manage'] } })
    // The administrator holds every permission; the web app opens the office by these.
    const admin = sessionCookie(await login({ email: 'admin@demo.local', password: 'demo-admin' })).value
    const me = (await (await app.request('/api/auth/me', { headers: cookieHeader(admin) })).json()) as { permissions: string[] }
    expect(me.permissions).toEqual(expect.arrayContaining(['users:manage', 'appeals:triage', 'appeals:work', 'audit:read', 'security:read']))
    expect(me.permissions).toEqual(PERMISSION_NAMES)
    for (const headers of [{}, cookieHeader('A'.repeat(43)), cookieHeader('not a token')]) {
      const visitor = await app.request('/api/auth/session', { headers })
      expect(visitor.status).toBe(200)
      expect(await visitor.json()).toEqual({ user: null })
    }
  })

  it('refuses a signed-in change from another origin', async () => {
    const value = sessionCookie(await login({ email: 'budget@demo.local', password: 'demo-budget' })).value
    const cross = await app.request('/api/auth/logout', { method: 'POST', headers: { ...cookieHeader(value), Origin: 'https://evil.example' } })
    await expectProblem(cross, 403)
    expect((await app.request('/api/auth/me', { headers: cookieHeader(value) })).status).toBe(200)
    const same = await app.request('/api/auth/logout', { method: 'POST', headers: { ...cookieHeader(value), Origin: 'http://localhost' } })
    expect(same.status).toBe(204)
  })

  it('stores passwords only as slow salted hashes', async () => {
    const { rows } = await sql<{ email: string; password_hash: string }>`SELECT email, password_hash FROM users WHERE email LIKE '%@demo.local'`.execute(database.db)
    expect(rows).toHaveLength(DEMO_ACCOUNTS.length)
    const hashes = new Set<string>()
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
      expect(row.password_hash).not.toContain('demo-')
      hashes.add(row.password_hash.split('$')[4]!)
    }
    expect(hashes.size).toBe(rows.length)
  })

  it('refuses the published demo passwords outside demo mode', async () => {
    const { app: strict } = await makeProductionApp()
    await expectProblem(await login({ email: 'admin@demo.local', password: 'demo-admin' }, {}, strict), 403)
  })

  it('limits sign-in attempts per address and account', async () => {
    const statuses = await inOneRateWindow(database.db, 300, async () => {
      const from = { 'X-Forwarded-For': runAddress() }
      const seen: number[] = []
      for (let i = 0; i < 11; i++) seen.push((await login({ email: 'manager@demo.local', password: `guess-${i}` }, from)).status)
      return seen
    })
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(statuses[10]).toBe(429)
    // Another address is not held back.
    expect((await login({ email: 'manager@demo.local', password: 'demo-manager' })).status).toBe(200)
  })
})

async function makeProductionApp(): Promise<TestApp> {
  const tiles = await TileService.create(database.db)
  const deps = testAppDeps(database, tiles, { trustProxy: true })
  return { app: createApp({ ...deps, demoMode: false }), tiles }
}
