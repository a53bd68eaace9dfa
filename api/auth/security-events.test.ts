import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { signInAsAdmin, type Client } from '../admin/testing.ts'
import { expectProblem, inOneRateWindow, makeApp, type TestApp } from '../testing.ts'
import { freshAddress, freshEmail, lastMail, linkToken, sessionToken, withSession } from './auth-test-helpers.ts'
import { LOGIN_RATE } from './auth.routes.ts'
import { signInAs } from './sign-in-test-helpers.ts'
import { pruneSecurityEvents } from './security-event.queries.ts'

let database: Database
let app: TestApp['app']
let admin: Client

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  admin = await signInAsAdmin(app)
})
afterAll(async () => {
  await database.close()
})

const PASSWORD = 'a long enough passphrase'
const USER_AGENT = `Test browser/1.0 ${'x'.repeat(300)}`

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': freshAddress(), 'User-Agent': USER_AGENT, ...headers },
    body: JSON.stringify(body),
  })
}

/** A confirmed staff account made by the administrator, with a password. */
async function staffAccount(): Promise<{ id: number; email: string }> {
  const email = freshEmail('sec')
  const res = await admin.send('POST', '/api/admin/users', { email, name: 'Security Test', password: PASSWORD, roles: [{ role: 'planner' }] })
  expect(res.status).toBe(201)
  return { id: ((await res.json()) as { id: number }).id, email }
}

interface EventRow {
  kind: string
  account_id: number | null
  email_hash: string | null
  client_address: string | null
  user_agent: string | null
  details: Record<string, unknown>
  whole: string
}

/** The events of an account, or of a client address, oldest first, each with its whole row as text. */
async function events(where: { account?: number; address?: string }): Promise<EventRow[]> {
  const { rows } = await sql<EventRow>`
    SELECT kind, account_id, email_hash, client_address, user_agent, details, e::text AS whole FROM security_events e
     WHERE (${where.account ?? null}::bigint IS NULL OR account_id = ${where.account ?? null})
       AND (${where.address ?? null}::text IS NULL OR client_address = ${where.address ?? null})
     ORDER BY id`.execute(database.db)
  return rows
}

describe('the security event log', () => {
  it('records a password sign-in with the client address and the user agent cut short', async () => {
    const account = await staffAccount()
    const address = freshAddress()
    expect((await post('/api/auth/login', { email: account.email, password: PASSWORD }, { 'X-Forwarded-For': address })).status).toBe(200)
    const [event] = await events({ address })
    expect(event).toMatchObject({ kind: 'sign-in', account_id: account.id, email_hash: null, client_address: address, details: { method: 'password' } })
    expect(event!.user_agent).toBe(USER_AGENT.slice(0, 200))
  })

  it('records failed sign-ins: a wrong password by account, an unknown e-mail by a keyed hash only', async () => {
    const account = await staffAccount()
    const address = freshAddress()
    const unknown = freshEmail('nobody')
    await expectProblem(await post('/api/auth/login', { email: account.email, password: 'not the password' }, { 'X-Forwarded-For': address }), 401)
    await expectProblem(await post('/api/auth/login', { email: unknown, password: 'guess one' }, { 'X-Forwarded-For': address }), 401)
    await expectProblem(await post('/api/auth/login', { email: unknown, password: 'guess two' }, { 'X-Forwarded-For': address }), 401)
    const [wrong, first, second] = await events({ address })
    expect(wrong).toMatchObject({ kind: 'sign-in-failed', account_id: account.id, email_hash: null, details: { method: 'password', reason: 'wrong-credentials' } })
    expect(first).toMatchObject({ kind: 'sign-in-failed', account_id: null, email_hash: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) })
    // The same address gives the same hash, so that repeated tries on it can be told apart.
    expect(second!.email_hash).toBe(first!.email_hash)
    for (const row of [wrong, first, second]) {
      for (const secret of [account.email, unknown, 'not the password', 'guess one', 'guess two']) expect(row!.whole).not.toContain(secret)
    }
  })

  it('records a sign-in refused for an unconfirmed address against its account', async () => {
    const email = freshEmail('unconfirmed')
    expect((await post('/api/account/register', { email, password: PASSWORD, name: 'Not Yet' })).status).toBe(202)
    const address = freshAddress()
    await expectProblem(await post('/api/auth/login', { email, password: PASSWORD }, { 'X-Forwarded-For': address }), 403)
    const { rows } = await sql<{ id: number }>`SELECT id FROM users WHERE email = ${email}`.execute(database.db)
    expect(await events({ address })).toMatchObject([{ kind: 'sign-in-failed', account_id: rows[0]!.id, email_hash: null, details: { method: 'password', reason: 'email-unconfirmed' } }])
  })

  it('records a lock-out once per window, however often the client comes back', async () => {
    const account = await staffAccount()
    // Within one rate window, from a fresh address each time the run is repeated.
    const address = await inOneRateWindow(database.db, LOGIN_RATE.windowSeconds, async () => {
      const from = freshAddress()
      const attempt = () => post('/api/auth/login', { email: account.email, password: 'wrong' }, { 'X-Forwarded-For': from })
      for (let i = 0; i < LOGIN_RATE.limit; i++) await expectProblem(await attempt(), 401)
      await expectProblem(await attempt(), 429)
      await expectProblem(await attempt(), 429)
      return from
    })
    const kinds = (await events({ address })).map((e) => e.kind)
    expect(kinds).toEqual([...Array(LOGIN_RATE.limit).fill('sign-in-failed'), 'sign-in-limited'])
    expect((await events({ address })).at(-1)).toMatchObject({ account_id: account.id, details: { limit: 'address-and-email' } })
  })

  it("records an administrator's change of roles, with the roles before and after", async () => {
    const account = await staffAccount()
    const res = await admin.send('PATCH', `/api/admin/users/${account.id}`, { roles: [{ role: 'manager', organisation: 'kyiv-roads' }] })
    expect(res.status).toBe(200)
    const changes = (await events({ account: account.id })).filter((e) => e.kind === 'role-change').map((e) => e.details)
    expect(changes).toEqual([
      { by: expect.stringMatching(/^user:\d+$/), before: [], after: [{ role: 'planner', organisation: null }] },
      { by: expect.stringMatching(/^user:\d+$/), before: [{ role: 'planner', organisation: null }], after: [{ role: 'manager', organisation: 'kyiv-roads' }] },
    ])
  })

  it('records a password reset asked for and completed, and a password change, with no password or token', async () => {
    const account = await staffAccount()
    expect((await post('/api/account/password-reset', { email: account.email })).status).toBe(202)
    const token = linkToken((await lastMail(database.db, account.email))!.body, 'reset')
    const reset = 'a reset passphrase here'
    expect((await post('/api/account/password-reset/complete', { token, password: reset })).status).toBe(204)
    const signedIn = await post('/api/auth/login', { email: account.email, password: reset })
    const changed = 'a changed passphrase now'
    const change = await app.request('/api/account/password', {
      method: 'POST',
      headers: { ...withSession(sessionToken(signedIn)), Origin: 'http://localhost', 'Content-Type': 'application/json' },
      body: JSON.stringify({ current_password: reset, new_password: changed }),
    })
    expect(change.status).toBe(204)
    const rows = (await events({ account: account.id })).filter((e) => e.kind.startsWith('password'))
    expect(rows.map((e) => [e.kind, e.details])).toEqual([
      ['password-reset-requested', {}],
      ['password-reset-completed', {}],
      ['password-change', { by: 'owner' }],
    ])
    const all = (await events({ account: account.id })).map((e) => e.whole).join('\n')
    for (const secret of [PASSWORD, reset, changed, token, sessionToken(signedIn), account.email]) expect(all).not.toContain(secret)
  })

  it('records a reset asked for an unknown address by its keyed hash', async () => {
    const address = freshAddress()
    const email = freshEmail('unknown')
    expect((await post('/api/account/password-reset', { email }, { 'X-Forwarded-For': address })).status).toBe(202)
    const [event] = await events({ address })
    expect(event).toMatchObject({ kind: 'password-reset-requested', account_id: null, email_hash: expect.any(String) })
    expect(event!.whole).not.toContain(email)
  })
})

describe('reading the security event log', () => {
  it('lists events to an administrator, newest first, filtered by kind and account', async () => {
    const account = await staffAccount()
    await post('/api/auth/login', { email: account.email, password: PASSWORD })
    const res = await admin.get(`/api/admin/security-events?kind=sign-in&account=${account.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    const body = (await res.json()) as { total: number; items: Array<Record<string, unknown>> }
    expect(body).toEqual({
      total: 1,
      items: [
        {
          id: expect.any(Number),
          occurred_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          kind: 'sign-in',
          account_id: account.id,
          email_hash: null,
          client_address: expect.stringMatching(/^client-/),
          user_agent: USER_AGENT.slice(0, 200),
          details: { method: 'password' },
        },
      ],
    })
    const later = await admin.get(`/api/admin/security-events?account=${account.id}&from=2999-01-01T00:00:00Z`)
    expect(await later.json()).toEqual({ total: 0, items: [] })
    await expectProblem(await admin.get('/api/admin/security-events?kind=coffee'), 400)
  })

  it.each(['moderator', 'manager', 'resident'] as const)('refuses a %s with 403', async (role) => {
    const user = await signInAs(app, role)
    await expectProblem(await user.get('/api/admin/security-events'), 403)
  })
})

describe('the security event table', () => {
  it('refuses to change or delete a row, or to be emptied', async () => {
    const account = await staffAccount()
    const refused = (statement: Promise<unknown>) => statement.then(() => 'done', (err: Error) => err.message)
    expect(await refused(sql`UPDATE security_events SET kind = 'sign-in' WHERE account_id = ${account.id}`.execute(database.db))).toMatch(/append-only/)
    expect(await refused(sql`DELETE FROM security_events WHERE account_id = ${account.id}`.execute(database.db))).toMatch(/append-only/)
    expect(await refused(sql`TRUNCATE security_events`.execute(database.db))).toMatch(/append-only/)
    expect((await events({ account: account.id })).length).toBe(1)
  })

  it('lets rows older than the retention period go, and only those', async () => {
    const address = freshAddress()
    await sql`INSERT INTO security_events (occurred_at, kind, client_address) VALUES
              (now() - interval '181 days', 'sign-in-failed', ${address}), (now() - interval '179 days', 'sign-in-failed', ${address})`.execute(database.db)
    expect(await pruneSecurityEvents(database.db)).toBeGreaterThanOrEqual(1)
    expect((await events({ address })).length).toBe(1)
  })
})
