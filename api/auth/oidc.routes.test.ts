import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import Provider from 'oidc-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { TileService } from '../../tiles/index.ts'
import { createApp } from '../index.ts'
import { expectProblem, testAppDeps } from '../testing.ts'
import { freshAddress, freshEmail, lastMail, linkToken, sessionToken, withSession } from './auth-test-helpers.ts'
import { createOidcProvider } from './oidc-provider.ts'

const CLIENT = { client_id: 'hromada-test', client_secret: `secret-${randomUUID()}` }
const CALLBACK = 'http://localhost/api/auth/oidc/callback'

/** The people the test provider knows, by the login typed into its sign-in form. */
const people = new Map<string, { email?: string; email_verified?: boolean; name?: string }>()

let database: Database
let issuerServer: Server
let issuer: string
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  database = await openTestDatabase()
  issuerServer = createServer()
  await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [CALLBACK], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: [randomUUID()] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const person = people.get(sub)
      return person && { accountId: sub, claims: () => ({ sub, ...person }) }
    },
  })
  issuerServer.on('request', provider.callback())
  const tiles = await TileService.create(database.db)
  app = createApp({
    ...testAppDeps(database, tiles, { trustProxy: true }),
    identity: { oidc: createOidcProvider({ issuer, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, name: 'id.test' }) },
  })
})
afterAll(async () => {
  await new Promise((resolve) => issuerServer.close(resolve))
  await database.close()
})

/** A browser's cookies for the test provider: name → value. */
type CookieJar = Map<string, string>

function keepCookies(jar: CookieJar, res: Response): void {
  for (const cookie of res.headers.getSetCookie()) {
    const [pair] = cookie.split(';')
    const at = pair!.indexOf('=')
    jar.set(pair!.slice(0, at), pair!.slice(at + 1))
  }
}
const cookieHeader = (jar: CookieJar) => [...jar].filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`).join('; ')

/**
 * Plays the browser at the provider: follows its redirects and fills in its sign-in and consent
 * forms over real HTTP, until it sends the browser back to us. Returns that callback URL.
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar: CookieJar = new Map()
  let url = new URL(authorizationUrl)
  for (let step = 0; step < 12; step++) {
    if (url.href.startsWith(CALLBACK)) return url
    let res = await fetch(url, { redirect: 'manual', headers: { Cookie: cookieHeader(jar) } })
    keepCookies(jar, res)
    if (res.status === 200) {
      const html = await res.text()
      const action = /<form[^>]* action="([^"]+)"/.exec(html)?.[1]
      const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1]
      if (!action || !prompt) throw new Error(`no form at ${url}: ${html.slice(0, 500)}`)
      const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt })
      res = await fetch(new URL(action, url), { method: 'POST', redirect: 'manual', headers: { Cookie: cookieHeader(jar), 'Content-Type': 'application/x-www-form-urlencoded' }, body: form })
      keepCookies(jar, res)
    }
    const location = res.headers.get('Location')
    if (!location) throw new Error(`the provider answered ${res.status} at ${url}: ${await res.text()}`)
    url = new URL(location, url)
  }
  throw new Error('the provider never sent the browser back')
}

/** Starts a sign-in at our app: the provider's URL and our state cookie. */
async function start(next?: string): Promise<{ location: string; cookie: string }> {
  const res = await app.request(`/api/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ''}`)
  expect(res.status).toBe(302)
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hromada_oidc='))!
  expect(cookie).toMatch(/HttpOnly/i)
  return { location: res.headers.get('Location')!, cookie: cookie.split(';')[0]! }
}

function callback(url: URL, cookie: string) {
  return app.request(`/api/auth/oidc/callback${url.search}`, { headers: { Cookie: cookie } })
}

function person(claims: { email?: string; email_verified?: boolean; name?: string }): string {
  const login = randomUUID()
  people.set(login, claims)
  return login
}

describe('signing in through OpenID Connect', () => {
  it('lists the provider for the sign-in page', async () => {
    expect(await (await app.request('/api/auth/providers')).json()).toEqual([
      { id: 'password', label: 'password', kind: 'form' },
      { id: 'oidc', label: 'id.test', kind: 'redirect', startUrl: '/api/auth/oidc/start' },
    ])
  })

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const { location } = await start()
    const url = new URL(location)
    expect(url.origin).toBe(issuer)
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT.client_id,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    })
  })

  it('creates a resident for a new person and signs them in', async () => {
    const email = freshEmail('oidc')
    const login = person({ email, email_verified: true, name: 'Тарас Шевченко' })
    const { location, cookie } = await start('/appeals/KYIV-2026-000001')
    const res = await callback(await signInAtProvider(location, login), cookie)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/appeals/KYIV-2026-000001')
    const me = await app.request('/api/auth/me', { headers: withSession(sessionToken(res)) })
    expect(await me.json()).toEqual({ id: expect.any(Number), email, name: 'Тарас Шевченко', roles: ['resident'], organisation: null, permissions: ['account'] })
    const account = await app.request('/api/account', { headers: withSession(sessionToken(res)) })
    expect(await account.json()).toMatchObject({ email, email_confirmed: true, providers: ['oidc'] })
  })

  it('records the sign-in in the security event log, with no token', async () => {
    const login = person({ email: freshEmail('oidc'), email_verified: true, name: 'Security' })
    const { location, cookie } = await start()
    const returned = await signInAtProvider(location, login)
    const res = await callback(returned, cookie)
    const me = (await (await app.request('/api/auth/me', { headers: withSession(sessionToken(res)) })).json()) as { id: number }
    const { rows } = await sql<{ kind: string; details: unknown; whole: string }>`
      SELECT kind, details, e::text AS whole FROM security_events e WHERE account_id = ${me.id}`.execute(database.db)
    expect(rows.map((r) => [r.kind, r.details])).toEqual([['sign-in', { method: 'oidc' }]])
    for (const secret of [sessionToken(res), returned.searchParams.get('code')!, returned.searchParams.get('state')!]) expect(rows[0]!.whole).not.toContain(secret)
  })

  it('signs the same person into the same account next time, and goes to /account by default', async () => {
    const login = person({ email: freshEmail('oidc'), email_verified: true, name: 'Леся' })
    const first = await start()
    const one = await callback(await signInAtProvider(first.location, login), first.cookie)
    const second = await start()
    const two = await callback(await signInAtProvider(second.location, login), second.cookie)
    expect(two.headers.get('Location')).toBe('/account')
    const ids = await Promise.all([one, two].map(async (r) => ((await (await app.request('/api/auth/me', { headers: withSession(sessionToken(r)) })).json()) as { id: number }).id))
    expect(ids[0]).toBe(ids[1])
  })

  it('links an account with the address the provider vouches for, dropping a password nobody confirmed', async () => {
    const email = freshEmail('oidc')
    const register = await app.request('/api/account/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': freshAddress() },
      body: JSON.stringify({ email, password: 'set by someone else', name: 'Хтось' }),
    })
    expect(register.status).toBe(202)
    const login = person({ email: email.toUpperCase(), email_verified: true })
    const { location, cookie } = await start()
    const res = await callback(await signInAtProvider(location, login), cookie)
    expect(res.status).toBe(302)
    const me = (await (await app.request('/api/account', { headers: withSession(sessionToken(res)) })).json()) as { email: string; providers: string[] }
    expect(me).toMatchObject({ email, providers: ['oidc'], email_confirmed: true })
    // The confirmation link mailed at sign-up no longer opens a way in with that password.
    await app.request('/api/account/confirm', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: linkToken((await lastMail(database.db, email))!.body, 'confirm') }) })
    const password = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': freshAddress() }, body: JSON.stringify({ email, password: 'set by someone else' }) })
    await expectProblem(password, 401)
  })

  it('does not link an existing account by an address the provider does not vouch for', async () => {
    const login = person({ email: 'resident@demo.local', email_verified: false })
    const { location, cookie } = await start()
    await expectProblem(await callback(await signInAtProvider(location, login), cookie), 409)
    const { rows } = await sql`SELECT 1 FROM user_identities i JOIN users u ON u.id = i.user_id WHERE u.email = 'resident@demo.local'`.execute(database.db)
    expect(rows).toEqual([])
  })

  it('refuses a person without an e-mail address', async () => {
    const { location, cookie } = await start()
    await expectProblem(await callback(await signInAtProvider(location, person({ name: 'Без пошти' })), cookie), 403)
  })

  it('refuses a callback with a wrong state and signs nobody in', async () => {
    const { location, cookie } = await start()
    const back = await signInAtProvider(location, person({ email: freshEmail('oidc'), email_verified: true }))
    const forged = new URL(back)
    forged.searchParams.set('state', 'forged-state')
    const res = await callback(forged, cookie)
    await expectProblem(res, 403)
    expect(res.headers.getSetCookie().some((c) => c.startsWith('hromada_session='))).toBe(false)
  })

  it('refuses a callback in a browser that did not start the sign-in, and a replayed one', async () => {
    const { location, cookie } = await start()
    const back = await signInAtProvider(location, person({ email: freshEmail('oidc'), email_verified: true }))
    await expectProblem(await callback(back, 'hromada_oidc=someone-else'), 403)
    await expectProblem(await app.request(`/api/auth/oidc/callback${back.search}`), 403)
    // The refused tries did not use it up: the browser that started it gets in, once.
    expect((await callback(back, cookie)).status).toBe(302)
    await expectProblem(await callback(back, cookie), 403)
  })

  it('refuses a forged code and malformed callbacks', async () => {
    const { location, cookie } = await start()
    const back = await signInAtProvider(location, person({ email: freshEmail('oidc'), email_verified: true }))
    const forged = new URL(back)
    forged.searchParams.set('code', 'forged-code')
    await expectProblem(await callback(forged, cookie), 403)
    await expectProblem(await app.request('/api/auth/oidc/callback'), 400)
    await expectProblem(await app.request(`/api/auth/oidc/callback?state=${'s'.repeat(5000)}`), 400)
  })

  it.each(['//evil.example/path', 'https://evil.example', '/\\evil.example', 'relative'])('refuses to go anywhere but this site after sign-in: %s', async (next) => {
    await expectProblem(await app.request(`/api/auth/oidc/start?next=${encodeURIComponent(next)}`), 400)
  })
})
