import { randomBytes, randomInt } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { digest } from './tokens.ts'
import { appealBody, postJson } from '../appeals/testing.ts'
import { expectProblem, inOneRateWindow, makeApp, type TestApp } from '../testing.ts'
import { freshAddress, freshEmail, lastMail, linkToken, mailKinds, seedProviderOnlyResident, sessionToken, withSession } from './auth-test-helpers.ts'

let database: Database
let app: TestApp['app']

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
})
afterAll(async () => {
  await database.close()
})

const PASSWORD = 'a long enough passphrase'

function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': freshAddress(), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}
const post = (path: string, body: unknown, headers?: Record<string, string>) => send('POST', path, body, headers)
const login = (email: string, password: string) => post('/api/auth/login', { email, password })
const me = (token: string) => app.request('/api/auth/me', { headers: withSession(token) })

/** Registers and confirms an account; returns its e-mail and a session. */
async function confirmedResident(name = 'Оксана Тест'): Promise<{ email: string; token: string; id: number }> {
  const email = freshEmail()
  expect((await post('/api/account/register', { email, password: PASSWORD, name })).status).toBe(202)
  const confirm = await post('/api/account/confirm', { token: linkToken((await lastMail(database.db, email))!.body, 'confirm') })
  expect(confirm.status).toBe(204)
  const res = await login(email, PASSWORD)
  expect(res.status).toBe(200)
  const { id } = (await res.json()) as { id: number }
  return { email, token: sessionToken(res), id }
}

describe('registration', () => {
  it('creates an unconfirmed resident and mails a single-use confirmation link', async () => {
    const email = freshEmail()
    const res = await post('/api/account/register', { email: `  ${email.toUpperCase()} `, password: PASSWORD, name: ' Оксана ' })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ status: 'confirmation-sent' })
    const mail = (await lastMail(database.db, email))!
    expect(mail.kind).toBe('account-confirm')
    expect(mail.body).toContain('http://localhost/account/confirm/')
    const token = linkToken(mail.body, 'confirm')
    const { rows } = await sql<{ name: string; confirmed: boolean; roles: string[]; expires_in_h: number }>`
      SELECT u.name, u.email_confirmed_at IS NOT NULL AS confirmed, array_agg(r.role) AS roles,
             round(extract(epoch FROM max(t.expires_at) - now()) / 3600)::int AS expires_in_h
        FROM users u JOIN user_roles r ON r.user_id = u.id JOIN account_tokens t ON t.user_id = u.id
       WHERE u.email = ${email} AND t.token_hash = ${digest(token)} GROUP BY u.id`.execute(database.db)
    expect(rows).toEqual([{ name: 'Оксана', confirmed: false, roles: ['resident'], expires_in_h: 48 }])
    const raw = await sql`SELECT 1 FROM account_tokens WHERE encode(token_hash, 'escape') LIKE ${`%${token}%`}`.execute(database.db)
    expect(raw.rows).toEqual([])
  })

  it('refuses to sign in an unconfirmed account with a 403 problem, and signs it in once confirmed', async () => {
    const email = freshEmail()
    await post('/api/account/register', { email, password: PASSWORD, name: 'Петро' })
    const refused = await expectProblem(await login(email, PASSWORD), 403)
    expect(refused.detail).toMatch(/confirm your e-mail/i)
    const token = linkToken((await lastMail(database.db, email))!.body, 'confirm')
    expect((await post('/api/account/confirm', { token })).status).toBe(204)
    const res = await login(email, PASSWORD)
    expect(res.status).toBe(200)
    expect(await (await me(sessionToken(res))).json()).toEqual({ id: expect.any(Number), email, name: 'Петро', roles: ['resident'], organisation: null, permissions: ['account'] })
  })

  it('still refuses a wrong password of an unconfirmed account with 401, not telling it exists', async () => {
    const email = freshEmail()
    await post('/api/account/register', { email, password: PASSWORD, name: 'Петро' })
    await expectProblem(await login(email, 'not the password at all'), 401)
  })

  it('answers an already registered address the same way and mails its owner a note instead', async () => {
    const { email } = await confirmedResident()
    const again = await post('/api/account/register', { email, password: 'another long passphrase', name: 'Someone Else' })
    expect(again.status).toBe(202)
    expect(await again.json()).toEqual({ status: 'confirmation-sent' })
    expect(await mailKinds(database.db, email)).toEqual(['account-confirm', 'account-exists'])
    const note = (await lastMail(database.db, email))!
    expect(note.body).toContain('http://localhost/account/forgot')
    expect(note.body).not.toMatch(/account\/(confirm|reset)\//)
    expect((await login(email, 'another long passphrase')).status).toBe(401)
    const { rows } = await sql`SELECT 1 FROM users WHERE email = ${email}`.execute(database.db)
    expect(rows).toHaveLength(1)
  })

  it('explains a password that breaks the policy, field by field', async () => {
    const email = freshEmail()
    const res = await post('/api/account/register', { email, password: 'short', name: 'X' })
    expect(await expectProblem(res, 400)).toEqual({
      type: '/problems/invalid-input',
      title: 'The request has invalid input',
      status: 400,
      detail: 'Invalid json: body.password',
      instance: '/api/account/register',
      errors: [{ field: 'body.password', message: 'must be at least 10 characters' }],
    })
    for (const password of ['x'.repeat(1025), 'demo-resident', 'demo-moderator', email.toUpperCase(), ` ${email} `]) {
      const problem = await expectProblem(await post('/api/account/register', { email, password, name: 'X' }), 400)
      expect(problem.errors).toEqual([{ field: 'body.password', message: expect.any(String) }])
    }
    expect(await mailKinds(database.db, email)).toEqual([])
  })

  it.each([
    ['a malformed e-mail', { email: 'not-an-email', password: PASSWORD, name: 'X' }, 'body.email'],
    ['a huge e-mail', { email: `${'a'.repeat(300)}@example.com`, password: PASSWORD, name: 'X' }, 'body.email'],
    ['an e-mail of the wrong type', { email: 42, password: PASSWORD, name: 'X' }, 'body.email'],
    ['a password of the wrong type', { email: 'a@example.com', password: ['x'], name: 'X' }, 'body.password'],
    ['a missing name', { email: 'a@example.com', password: PASSWORD }, 'body.name'],
    ['a blank name', { email: 'a@example.com', password: PASSWORD, name: '   ' }, 'body.name'],
    ['a huge name', { email: 'a@example.com', password: PASSWORD, name: 'я'.repeat(201) }, 'body.name'],
    ['a name with control characters', { email: 'a@example.com', password: PASSWORD, name: 'Bob\u0007\u001b[31m' }, 'body.name'],
    ['an unknown locale', { email: 'a@example.com', password: PASSWORD, name: 'X', locale: 'ru' }, 'body.locale'],
    ['an unknown field', { email: 'a@example.com', password: PASSWORD, name: 'X', role: 'admin' }, 'body'],
  ])('refuses %s with a field error', async (_, body, field) => {
    const problem = await expectProblem(await post('/api/account/register', body), 400)
    expect((problem.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field)
  })

  it('refuses a body that is not JSON', async () => {
    await expectProblem(await post('/api/account/register', '{"email":'), 400)
    await expectProblem(await post('/api/account/register', 'null'), 400)
  })

  it('limits sign-ups per client address', async () => {
    const statuses = await inOneRateWindow(database.db, 300, async () => {
      const from = { 'X-Forwarded-For': freshAddress() }
      const seen: number[] = []
      // Malformed bodies are refused before the count; these are valid, each for a new address.
      for (let i = 0; i < 11; i++) seen.push((await post('/api/account/register', { email: freshEmail('limit'), password: PASSWORD, name: 'X' }, from)).status)
      return seen
    })
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202))
    expect(statuses[10]).toBe(429)
  })
})

describe('confirming an address', () => {
  it.each([
    ['a garbage token', 'abc', 400],
    ['a token of the wrong type', 12345, 400],
    ['a huge token', 'a'.repeat(100_000), 400],
    ['an unknown token', randomBytes(32).toString('base64url'), 400],
  ])('refuses %s', async (_, token, status) => {
    const problem = await expectProblem(await post('/api/account/confirm', { token }), status)
    expect(problem.errors).toEqual([{ field: 'body.token', message: expect.any(String) }])
  })

  it('works once: a used link is refused', async () => {
    const email = freshEmail()
    await post('/api/account/register', { email, password: PASSWORD, name: 'X' })
    const token = linkToken((await lastMail(database.db, email))!.body, 'confirm')
    expect((await post('/api/account/confirm', { token })).status).toBe(204)
    await expectProblem(await post('/api/account/confirm', { token }), 400)
  })

  it('refuses an expired link and leaves the address unconfirmed', async () => {
    const email = freshEmail()
    await post('/api/account/register', { email, password: PASSWORD, name: 'X' })
    const token = linkToken((await lastMail(database.db, email))!.body, 'confirm')
    await sql`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = ${digest(token)}`.execute(database.db)
    await expectProblem(await post('/api/account/confirm', { token }), 400)
    await expectProblem(await login(email, PASSWORD), 403)
  })
})

describe('password reset', () => {
  it('answers 202 for an unknown address and mails nothing', async () => {
    const email = freshEmail('nobody')
    const res = await post('/api/account/password-reset', { email })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ status: 'reset-sent' })
    expect(await mailKinds(database.db, email)).toEqual([])
  })

  it('sets the new password, confirms the address and ends every session', async () => {
    const { email, token: session } = await confirmedResident()
    const res = await post('/api/account/password-reset', { email, locale: 'en' })
    expect(res.status).toBe(202)
    const mail = (await lastMail(database.db, email))!
    expect(mail).toMatchObject({ kind: 'account-reset', subject: 'Set a new password' })
    const token = linkToken(mail.body, 'reset')
    expect((await post('/api/account/password-reset/complete', { token, password: 'a brand new passphrase' })).status).toBe(204)
    await expectProblem(await me(session), 401)
    await expectProblem(await login(email, PASSWORD), 401)
    expect((await login(email, 'a brand new passphrase')).status).toBe(200)
    await expectProblem(await post('/api/account/password-reset/complete', { token, password: 'yet another passphrase' }), 400)
  })

  it('lets an unconfirmed account in: the reset mail proves the address', async () => {
    const email = freshEmail()
    await post('/api/account/register', { email, password: PASSWORD, name: 'X' })
    await post('/api/account/password-reset', { email })
    const token = linkToken((await lastMail(database.db, email))!.body, 'reset')
    expect((await post('/api/account/password-reset/complete', { token, password: 'a brand new passphrase' })).status).toBe(204)
    expect((await login(email, 'a brand new passphrase')).status).toBe(200)
  })

  it('refuses an expired link, a confirmation link, and a new password that breaks the policy, keeping the link', async () => {
    const email = freshEmail()
    await post('/api/account/register', { email, password: PASSWORD, name: 'X' })
    const confirmToken = linkToken((await lastMail(database.db, email))!.body, 'confirm')
    await expectProblem(await post('/api/account/password-reset/complete', { token: confirmToken, password: 'a brand new passphrase' }), 400)
    await post('/api/account/password-reset', { email })
    const token = linkToken((await lastMail(database.db, email))!.body, 'reset')
    const sameAsEmail = await expectProblem(await post('/api/account/password-reset/complete', { token, password: email }), 400)
    expect(sameAsEmail.errors).toEqual([{ field: 'body.password', message: 'must not be the e-mail address' }])
    await expectProblem(await post('/api/account/password-reset/complete', { token, password: 'demo-admin' }), 400)
    await expectProblem(await post('/api/account/password-reset/complete', { token, password: { $ne: '' } }), 400)
    const expiresInMinutes = (await sql<{ m: number }>`SELECT round(extract(epoch FROM expires_at - now()) / 60)::int AS m FROM account_tokens WHERE token_hash = ${digest(token)}`.execute(database.db)).rows[0]!.m
    expect(expiresInMinutes).toBe(60)
    await sql`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = ${digest(token)}`.execute(database.db)
    await expectProblem(await post('/api/account/password-reset/complete', { token, password: 'a brand new passphrase' }), 400)
  })

  it('keeps only the newest link working', async () => {
    const { email } = await confirmedResident()
    await post('/api/account/password-reset', { email })
    const first = linkToken((await lastMail(database.db, email))!.body, 'reset')
    await post('/api/account/password-reset', { email })
    const second = linkToken((await lastMail(database.db, email))!.body, 'reset')
    await expectProblem(await post('/api/account/password-reset/complete', { token: first, password: 'a brand new passphrase' }), 400)
    expect((await post('/api/account/password-reset/complete', { token: second, password: 'a brand new passphrase' })).status).toBe(204)
  })

  it('limits the mail one address gets, whoever asks', async () => {
    const { email } = await confirmedResident()
    const statuses: number[] = []
    // One mail went out already (the confirmation); four more fit into the hour.
    for (let i = 0; i < 6; i++) statuses.push((await post('/api/account/password-reset', { email })).status)
    expect(statuses).toEqual([202, 202, 202, 202, 429, 429])
  })

  it.each([
    ['a malformed e-mail', { email: 'nope' }],
    ['a huge e-mail', { email: `${'b'.repeat(5000)}@example.com` }],
    ['an e-mail of the wrong type', { email: ['a@example.com'] }],
    ['a missing e-mail', {}],
  ])('refuses %s', async (_, body) => {
    await expectProblem(await post('/api/account/password-reset', body), 400)
  })
})

describe('the account page API', () => {
  it('needs a signed-in user before it reads any input', async () => {
    await expectProblem(await app.request('/api/account'), 401)
    await expectProblem(await send('PATCH', '/api/account', { name: 42 }), 401)
    await expectProblem(await post('/api/account/password', 'garbage'), 401)
    await expectProblem(await send('DELETE', '/api/account', {}), 401)
  })

  it('shows the profile, the ways to sign in and own appeals', async () => {
    const { email, token, id } = await confirmedResident('Марія')
    const number = await seedAppeal(id)
    const res = await app.request('/api/account', { headers: withSession(token) })
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    expect(await res.json()).toEqual({
      id,
      email,
      name: 'Марія',
      roles: ['resident'],
      organisation: null,
      email_confirmed: true,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      providers: ['password'],
      appeals: [{ number, status: 'new', category: { uk: expect.any(String), en: expect.any(String) }, created_at: expect.stringMatching(/^\d{4}-/) }],
    })
  })

  it('lists an appeal filed while signed in, and none filed signed out', async () => {
    const { token } = await confirmedResident()
    const file = (headers: Record<string, string>) =>
      postJson(app, '/api/appeals', appealBody(), { 'X-Forwarded-For': freshAddress(), Origin: 'http://localhost', ...headers })
    const mine = (await (await file(withSession(token))).json()) as { number: string }
    const anonymous = (await (await file({})).json()) as { number: string }
    const { appeals } = (await (await app.request('/api/account', { headers: withSession(token) })).json()) as { appeals: Array<{ number: string }> }
    expect(appeals.map((a) => a.number)).toEqual([mine.number])
    expect(appeals.map((a) => a.number)).not.toContain(anonymous.number)
  })

  it('renames the account and refuses hostile names', async () => {
    const { token } = await confirmedResident()
    const res = await send('PATCH', '/api/account', { name: '  Нове імʼя ' }, withSession(token))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ name: 'Нове імʼя' })
    for (const name of ['', 'x'.repeat(201), 'a\u0007b', 7, null]) await expectProblem(await send('PATCH', '/api/account', { name }, withSession(token)), 400)
    await expectProblem(await send('PATCH', '/api/account', { name: 'ok', email: 'other@example.com' }, withSession(token)), 400)
  })

  it('changes the password with the current one and ends the other sessions only', async () => {
    const { email, token } = await confirmedResident()
    const other = sessionToken(await login(email, PASSWORD))
    const wrong = await expectProblem(await post('/api/account/password', { current_password: 'wrong wrong wrong', new_password: 'a brand new passphrase' }, withSession(token)), 403)
    expect(wrong.errors).toEqual([{ field: 'body.current_password', message: 'is wrong' }])
    const same = await expectProblem(await post('/api/account/password', { current_password: PASSWORD, new_password: email }, withSession(token)), 400)
    expect(same.errors).toEqual([{ field: 'body.new_password', message: 'must not be the e-mail address' }])
    await expectProblem(await post('/api/account/password', { current_password: PASSWORD, new_password: 'short' }, withSession(token)), 400)
    expect((await post('/api/account/password', { current_password: PASSWORD, new_password: 'a brand new passphrase' }, withSession(token))).status).toBe(204)
    expect((await me(token)).status).toBe(200)
    await expectProblem(await me(other), 401)
    expect((await login(email, 'a brand new passphrase')).status).toBe(200)
  })
})

describe('deleting an account', () => {
  it('erases the personal data, anonymises own appeals and keeps their support', async () => {
    const { email, token, id } = await confirmedResident('Видалений Користувач')
    const number = await seedAppeal(id)
    await sql`INSERT INTO appeal_supporters (appeal_id, supporter_hash) SELECT id, ${randomBytes(32)} FROM appeals WHERE number = ${number}`.execute(database.db)
    await post('/api/account/password-reset', { email })
    await expectProblem(await send('DELETE', '/api/account', { password: 'wrong wrong wrong' }, withSession(token)), 403)
    const res = await send('DELETE', '/api/account', { password: PASSWORD }, withSession(token))
    expect(res.status).toBe(204)
    expect(res.headers.get('Set-Cookie')).toMatch(/hromada_session=;.*Max-Age=0/)
    const left = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM users WHERE id = ${id}) + (SELECT count(*) FROM sessions WHERE user_id = ${id})
           + (SELECT count(*) FROM account_tokens WHERE user_id = ${id}) + (SELECT count(*) FROM user_roles WHERE user_id = ${id})
           + (SELECT count(*) FROM user_identities WHERE user_id = ${id}) AS n`.execute(database.db)
    expect(left.rows[0]!.n).toBe(0)
    const appeal = await sql`SELECT contact_name, contact_email, contact_phone, account_id, show_name, supporter_count FROM appeals WHERE number = ${number}`.execute(database.db)
    expect(appeal.rows).toEqual([{ contact_name: null, contact_email: null, contact_phone: null, account_id: null, show_name: false, supporter_count: 1 }])
    const audit = await sql<{ action: string; changes: unknown }>`SELECT action, changes FROM audit_log WHERE object_type = 'user' AND object_id = ${String(id)} ORDER BY id`.execute(database.db)
    expect(audit.rows.at(-1)).toEqual({ action: 'delete', changes: { deleted: [false, true] } })
    const trail = JSON.stringify((await sql`SELECT * FROM audit_log WHERE (object_type = 'user' AND object_id = ${String(id)}) OR (object_type = 'appeal' AND object_id = ${number})`.execute(database.db)).rows)
    expect(trail).not.toContain(email)
    expect(trail).not.toContain('Видалений')
    await expectProblem(await me(token), 401)
    await expectProblem(await login(email, PASSWORD), 401)
  })

  it('asks an account without a password for an explicit confirmation', async () => {
    const email = freshEmail()
    const { id, token } = await seedProviderOnlyResident(database.db, email)
    const problem = await expectProblem(await send('DELETE', '/api/account', { password: 'anything at all' }, withSession(token)), 400)
    expect(problem.errors).toEqual([{ field: 'body.confirm', message: 'must be true for an account without a password' }])
    await expectProblem(await send('DELETE', '/api/account', { confirm: 'yes' }, withSession(token)), 400)
    expect((await send('DELETE', '/api/account', { confirm: true }, withSession(token))).status).toBe(204)
    expect((await sql`SELECT 1 FROM user_identities WHERE user_id = ${id}`.execute(database.db)).rows).toEqual([])
  })

  it('leaves staff accounts to an administrator', async () => {
    const token = sessionToken(await login('moderator@demo.local', 'demo-moderator'))
    await expectProblem(await send('DELETE', '/api/account', { password: 'demo-moderator' }, withSession(token)), 403)
    expect((await me(token)).status).toBe(200)
  })

  it('refuses a deletion sent from another site', async () => {
    const { token } = await confirmedResident()
    await expectProblem(await send('DELETE', '/api/account', { password: PASSWORD }, { ...withSession(token), Origin: 'https://evil.example' }), 403)
    expect((await me(token)).status).toBe(200)
  })
})

describe('the ways to sign in', () => {
  it('lists e-mail and password only when no provider is configured', async () => {
    const res = await app.request('/api/auth/providers')
    expect(await res.json()).toEqual([{ id: 'password', label: 'password', kind: 'form' }])
    await expectProblem(await app.request('/api/auth/oidc/start'), 404)
  })
})

/** An appeal of the account with its contact details, hidden from the public map. */
async function seedAppeal(accountId: number): Promise<string> {
  // Shaped like a real number (a city code no city has), so every API that lists it keeps its contract.
  const number = `TEST-2026-${String(randomInt(1_000_000)).padStart(6, '0')}`
  await sql`
    INSERT INTO appeals (number, city_id, category_id, description, geom, is_public, show_name, contact_name, contact_email, contact_phone,
                         account_id, tracking_token_hash, due_at)
    SELECT ${number}, 'kyiv', id, 'Яма на дорозі', ST_SetSRID(ST_MakePoint(30.52, 50.45), 4326), false, true, 'Видалений Користувач',
           'contact@example.com', '+380501234567', ${accountId}, ${randomBytes(32)}, now() + interval '30 days'
      FROM appeal_categories ORDER BY id LIMIT 1`.execute(database.db)
  return number
}
