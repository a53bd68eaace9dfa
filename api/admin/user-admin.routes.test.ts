import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { appealBody, postJson } from '../appeals/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import { auditRows, demoAdminId, signIn, signInAsAdmin, uniqueTag, type Client } from './admin-test-helpers.ts'

let database: Database
let app: TestApp['app']
let admin: Client
const ADDRESS = `admin-users-${randomUUID()}`
const TAG = uniqueTag()
const PASSWORD = `correct horse ${randomUUID()}`

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  admin = await signInAsAdmin(app)
})
afterAll(async () => {
  await sql`DELETE FROM users WHERE starts_with(email, ${TAG})`.execute(database.db)
  await database.close()
})

let serial = 0
/** An e-mail of this file's own, different at each call. */
const email = () => `${TAG}-${++serial}@admin-test.local`

async function createUser(body: Record<string, unknown>): Promise<Record<string, unknown> & { id: number; email: string }> {
  const res = await admin.send('POST', '/api/admin/users', { email: email(), name: 'Тестова працівниця', roles: [{ role: 'moderator' }], ...body })
  expect(res.status).toBe(201)
  return (await res.json()) as Record<string, unknown> & { id: number; email: string }
}

const usersOfThisFile = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM users WHERE starts_with(email, ${TAG})`.execute(database.db)).rows[0]!.n

describe('creating users', () => {
  it('creates a confirmed staff account without a password, and audits it without personal data', async () => {
    const address = email()
    const res = await admin.send('POST', '/api/admin/users', { email: address.toUpperCase(), name: '  Олена Коваль ', roles: [{ role: 'executor', organisation: 'kyiv-roads' }] })
    expect(res.status).toBe(201)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    const user = (await res.json()) as { id: number }
    expect(user).toEqual({
      id: expect.any(Number),
      email: address,
      name: 'Олена Коваль',
      roles: [{ role: 'executor', organisation: 'kyiv-roads' }],
      email_confirmed: true,
      has_password: false,
      created_at: expect.any(String),
      last_sign_in_at: null,
    })
    expect(await auditRows(database.db, 'user', user.id)).toEqual([
      {
        actor: `user:${await demoAdminId(database.db)}`,
        action: 'create',
        changes: { email: [null, 'set'], name: [null, 'set'], roles: [null, [{ role: 'executor', organisation: 'kyiv-roads' }]], email_confirmed: [null, true] },
      },
    ])
  })

  it('creates an account with a password that signs in, recording only that a password is set', async () => {
    const user = await createUser({ password: PASSWORD })
    expect(user.has_password).toBe(true)
    const session = await signIn(app, user.email, PASSWORD)
    expect(await (await session.get('/api/auth/me')).json()).toMatchObject({ id: user.id, roles: ['moderator'] })
    const audit = await auditRows(database.db, 'user', user.id)
    expect(audit[0]!.changes.password).toEqual([null, 'set'])
    const stored = (await sql<{ password_hash: string }>`SELECT password_hash FROM users WHERE id = ${user.id}`.execute(database.db)).rows[0]!
    expect(JSON.stringify(audit)).not.toContain(stored.password_hash.split('$')[5]!)
    expect(JSON.stringify(audit)).not.toContain(PASSWORD)
  })

  it('refuses an e-mail that already has an account with a 409 problem', async () => {
    const user = await createUser({})
    const body = await expectProblem(await admin.send('POST', '/api/admin/users', { email: user.email, name: 'Інша', roles: [{ role: 'planner' }] }), 409)
    expect(body.type).toBe('/problems/conflict')
  })

  it('stores an SQL-looking name as plain text', async () => {
    const name = "Robert'); DROP TABLE users; --"
    const user = await createUser({ name })
    expect(user.name).toBe(name)
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM users WHERE id = ${user.id} AND name = ${name}`.execute(database.db)).rows[0]!.n).toBe(1)
  })
})

describe('refusing bad user input', () => {
  const long = 'я'.repeat(10_000)
  const cases: Array<[string, Record<string, unknown>, number, string[]]> = [
    ['a malformed e-mail', { email: 'not-an-email' }, 400, ['body.email']],
    ['a 10k-character name', { name: long }, 400, ['body.name']],
    ['a name with control characters', { name: 'a\u001bb' }, 400, ['body.name']],
    ['a name of the wrong type', { name: 42 }, 400, ['body.name']],
    ['an unknown role', { roles: [{ role: 'superuser' }] }, 400, ['body.roles.0.role']],
    ['roles given as a string', { roles: 'admin' }, 400, ['body.roles']],
    ['no roles', { roles: [] }, 400, ['body.roles']],
    ['a role given twice', { roles: [{ role: 'planner' }, { role: 'planner' }] }, 400, ['body.roles.1.role']],
    ['an organisation for a resident', { roles: [{ role: 'resident', organisation: 'kyiv-roads' }] }, 400, ['body.roles.0.organisation']],
    ['an executor and a manager of two organisations', { roles: [{ role: 'executor', organisation: 'kyiv-roads' }, { role: 'manager', organisation: 'kyiv-waste' }] }, 400, ['body.roles.1.organisation']],
    ['an executor without an organisation', { roles: [{ role: 'executor' }] }, 400, ['body.roles.0.organisation']],
    ['an SQL-looking organisation', { roles: [{ role: 'manager', organisation: "kyiv-roads' OR '1'='1" }] }, 400, ['body.roles.0.organisation']],
    ['an organisation that does not exist', { roles: [{ role: 'manager', organisation: 'no-such-organisation' }] }, 422, ['body.roles.0.organisation']],
    ['a short password', { password: 'short' }, 400, ['body.password']],
    ['a demo password', { password: 'demo-resident' }, 400, ['body.password']],
    ['an unknown field', { is_admin: true }, 400, ['body']],
  ]

  it.each(cases)('answers %s with a problem naming the field, and writes nothing', async (_, override, status, fields) => {
    const before = await usersOfThisFile()
    const body = await expectProblem(await admin.send('POST', '/api/admin/users', { email: email(), name: 'Працівник', roles: [{ role: 'moderator' }], ...override }), status)
    expect((body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(fields)
    expect(await usersOfThisFile()).toBe(before)
  })

  it('answers malformed JSON with a 400 problem', async () => {
    const before = await usersOfThisFile()
    await expectProblem(await admin.send('POST', '/api/admin/users', '{"email": '), 400)
    expect(await usersOfThisFile()).toBe(before)
  })

  it('refuses a bad id, an empty change and an unknown user', async () => {
    const user = await createUser({})
    const badId = await expectProblem(await admin.send('PATCH', '/api/admin/users/1%20OR%201=1', { name: 'X' }), 400)
    expect(badId.errors).toEqual([{ field: 'param.id', message: expect.any(String) }])
    const empty = await expectProblem(await admin.send('PATCH', `/api/admin/users/${user.id}`, {}), 400)
    expect(empty.errors).toEqual([{ field: 'body', message: expect.any(String) }])
    await expectProblem(await admin.send('PATCH', '/api/admin/users/999999999999', { name: 'X' }), 404)
    await expectProblem(await admin.send('DELETE', '/api/admin/users/999999999999'), 404)
    expect(await auditRows(database.db, 'user', user.id)).toHaveLength(1)
  })

  it('refuses bad list filters', async () => {
    const body = await expectProblem(await admin.get('/api/admin/users?role=root&limit=100000&page=-1'), 400)
    expect((body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['query.limit', 'query.page', 'query.role'])
  })
})

describe('listing users', () => {
  it('filters by text, role and organisation, pages, and shows the last sign-in', async () => {
    const executor = await createUser({ roles: [{ role: 'executor', organisation: 'kyiv-roads' }], password: PASSWORD })
    await createUser({ roles: [{ role: 'planner' }] })
    await signIn(app, executor.email, PASSWORD)
    const byTag = (await (await admin.get(`/api/admin/users?q=${TAG.toUpperCase()}&limit=200`)).json()) as { total: number; items: Array<{ id: number }> }
    expect(byTag.total).toBeGreaterThanOrEqual(2)
    const executors = await admin.get(`/api/admin/users?q=${TAG}&role=executor&organisation=kyiv-roads&limit=200`)
    expect(executors.status).toBe(200)
    const list = (await executors.json()) as { total: number; items: Array<Record<string, unknown>> }
    expect(list.items.map((u) => u.id)).toContain(executor.id)
    expect(list.items.find((u) => u.id === executor.id)).toEqual({ ...executor, last_sign_in_at: expect.any(String) })
    const page = (await (await admin.get(`/api/admin/users?q=${TAG}&page=2&limit=1`)).json()) as { total: number; items: unknown[] }
    expect(page).toEqual({ total: byTag.total, items: [expect.objectContaining({ id: byTag.items[1]!.id })] })
  })

  it('matches search text literally, wildcards and quotes included', async () => {
    const res = await admin.get(`/api/admin/users?q=${encodeURIComponent("%' OR '1'='1")}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ total: 0, items: [] })
  })
})

describe('changing users', () => {
  it('renames and replaces the roles, auditing the roles before and after', async () => {
    const user = await createUser({ roles: [{ role: 'moderator' }] })
    const res = await admin.send('PATCH', `/api/admin/users/${user.id}`, { name: 'Нове імʼя', roles: [{ role: 'manager', organisation: 'kyiv-roads' }, { role: 'planner' }] })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ...user, name: 'Нове імʼя', roles: [{ role: 'manager', organisation: 'kyiv-roads' }, { role: 'planner', organisation: null }] })
    expect((await auditRows(database.db, 'user', user.id))[1]).toEqual({
      actor: `user:${await demoAdminId(database.db)}`,
      action: 'update',
      changes: { name: ['set', 'changed'], roles: [[{ role: 'moderator', organisation: null }], [{ role: 'manager', organisation: 'kyiv-roads' }, { role: 'planner', organisation: null }]] },
    })
  })

  it('sets a new password and ends the sessions the user had', async () => {
    const user = await createUser({ password: PASSWORD })
    const session = await signIn(app, user.email, PASSWORD)
    const next = `${PASSWORD} renewed`
    expect((await admin.send('PATCH', `/api/admin/users/${user.id}`, { password: next })).status).toBe(200)
    await expectProblem(await session.get('/api/auth/me'), 401)
    expect((await (await signIn(app, user.email, next)).get('/api/auth/me')).status).toBe(200)
    const audit = await auditRows(database.db, 'user', user.id)
    expect(audit[1]!.changes).toEqual({ password: ['set', 'changed'] })
    expect(JSON.stringify(audit)).not.toContain(next)
  })

  it('refuses to take the administrator role from the last administrator', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM user_roles WHERE role = 'admin'`.execute(database.db)
    expect(rows[0]!.n).toBe(1)
    const id = await demoAdminId(database.db)
    const body = await expectProblem(await admin.send('PATCH', `/api/admin/users/${id}`, { roles: [{ role: 'moderator' }] }), 409)
    expect(body.detail).toMatch(/last administrator/)
    expect((await (await admin.get('/api/auth/me')).json()) as { roles: string[] }).toMatchObject({ roles: ['admin'] })
  })
})

describe('deleting users', () => {
  it('deletes a user, anonymises their appeals and audits both without the contact data', async () => {
    const user = await createUser({ roles: [{ role: 'resident' }] })
    const filed = await postJson(app, '/api/appeals', appealBody({ contact: { name: 'Олена Коваль', email: user.email, phone: '+380 67 123 45 67' }, show_name: true }), { 'X-Forwarded-For': ADDRESS })
    const { number } = (await filed.json()) as { number: string }
    await sql`UPDATE appeals SET account_id = ${user.id} WHERE number = ${number}`.execute(database.db)

    expect((await admin.send('DELETE', `/api/admin/users/${user.id}`)).status).toBe(204)
    expect((await admin.get(`/api/admin/users/${user.id}`)).status).toBe(404)
    const appeal = (await sql`SELECT contact_name, contact_email, contact_phone, account_id, show_name FROM appeals WHERE number = ${number}`.execute(database.db)).rows[0]
    expect(appeal).toEqual({ contact_name: null, contact_email: null, contact_phone: null, account_id: null, show_name: false })
    const actor = `user:${await demoAdminId(database.db)}`
    expect((await auditRows(database.db, 'appeal', number)).at(-1)).toEqual({ actor, action: 'anonymise', changes: { contact: ['set', null], account: [`user:${user.id}`, null] } })
    const audit = await auditRows(database.db, 'user', user.id)
    expect(audit.at(-1)).toEqual({ actor, action: 'delete', changes: { email: ['set', null], name: ['set', null], roles: [[{ role: 'resident', organisation: null }], null], email_confirmed: [true, null] } })
    expect(JSON.stringify(audit)).not.toContain(user.email)
    await sql`DELETE FROM appeals WHERE number = ${number}`.execute(database.db)
  })

  it('deletes another administrator while one remains', async () => {
    const other = await createUser({ roles: [{ role: 'admin' }] })
    expect((await admin.send('DELETE', `/api/admin/users/${other.id}`)).status).toBe(204)
    expect((await sql`SELECT 1 FROM users WHERE id = ${other.id}`.execute(database.db)).rows).toHaveLength(0)
  })

  it('refuses to delete the signed-in administrator', async () => {
    const id = await demoAdminId(database.db)
    const body = await expectProblem(await admin.send('DELETE', `/api/admin/users/${id}`), 409)
    expect(body.type).toBe('/problems/conflict')
    expect((await admin.get('/api/auth/me')).status).toBe(200)
  })
})
