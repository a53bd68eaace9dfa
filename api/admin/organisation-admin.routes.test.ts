import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { appealBody, postJson } from '../appeals/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import { auditCount, auditRows, demoAdminId, signInAsAdmin, uniqueTag, type Client } from './admin-test-helpers.ts'

let database: Database
let app: TestApp['app']
let admin: Client
let actor: string
const ADDRESS = `admin-organisations-${randomUUID()}`
const TAG = uniqueTag()
const appeals: string[] = []

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  admin = await signInAsAdmin(app)
  actor = `user:${await demoAdminId(database.db)}`
})
afterAll(async () => {
  await sql`DELETE FROM appeals WHERE number = ANY(${appeals}::text[])`.execute(database.db)
  await sql`DELETE FROM users WHERE starts_with(email, ${TAG})`.execute(database.db)
  await sql`DELETE FROM routing_rules WHERE starts_with(category_id, ${TAG})`.execute(database.db)
  await sql`DELETE FROM appeal_categories WHERE starts_with(id, ${TAG})`.execute(database.db)
  await sql`DELETE FROM organisations WHERE starts_with(id, ${TAG})`.execute(database.db)
  await database.close()
})

let serial = 0
const organisationId = () => `${TAG}-org-${++serial}`

function organisationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: organisationId(), city: 'kyiv', kind: 'enterprise', responsibility: 'lighting', name: { uk: 'КП «Тестсвітло»', en: 'Test Lighting' }, email: 'Office@Example.org', ...overrides }
}

async function createOrganisation(overrides: Record<string, unknown> = {}): Promise<{ id: string } & Record<string, unknown>> {
  const res = await admin.send('POST', '/api/admin/organisations', organisationBody(overrides))
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string } & Record<string, unknown>
}

const organisationsOfThisFile = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM organisations WHERE starts_with(id, ${TAG})`.execute(database.db)).rows[0]!.n

describe('reading organisations', () => {
  it('lists a city’s organisations with their staff and open appeals counted', async () => {
    const res = await admin.get('/api/admin/organisations?city=kyiv')
    expect(res.status).toBe(200)
    const list = (await res.json()) as { total: number; items: Array<Record<string, unknown>> }
    expect(list.total).toBe(list.items.length)
    expect(list.items.every((o) => o.city === 'kyiv')).toBe(true)
    const { rows } = await sql<{ open: number }>`
      SELECT count(*)::int AS open FROM appeals WHERE organisation_id = 'kyiv-roads'
         AND status IN ('new', 'registered', 'assigned', 'in_progress', 'extended')`.execute(database.db)
    expect(list.items.find((o) => o.id === 'kyiv-roads')).toEqual({
      id: 'kyiv-roads',
      city: 'kyiv',
      kind: 'department',
      responsibility: 'roads',
      name: { uk: 'Департамент транспортної інфраструктури', en: 'Transport Infrastructure Department' },
      email: null,
      created_at: expect.any(String),
      member_count: expect.any(Number),
      open_appeal_count: rows[0]!.open,
    })
  })

  it('shows one organisation with its members and their roles', async () => {
    const res = await admin.get('/api/admin/organisations/kyiv-roads')
    expect(res.status).toBe(200)
    const organisation = (await res.json()) as { member_count: number; members: Array<Record<string, unknown>> }
    expect(organisation.members).toEqual(
      expect.arrayContaining([
        { id: expect.any(Number), name: 'Виконавець (демо)', email: 'executor@demo.local', role: 'executor' },
        { id: expect.any(Number), name: 'Керівник (демо)', email: 'manager@demo.local', role: 'manager' },
      ]),
    )
    expect(organisation.member_count).toBe(new Set(organisation.members.map((m) => m.id)).size)
  })

  it('answers an unknown organisation with a 404 problem and a bad slug with a 400', async () => {
    await expectProblem(await admin.get(`/api/admin/organisations/${TAG}-none`), 404)
    const bad = await expectProblem(await admin.get('/api/admin/organisations/Bad%20Slug'), 400)
    expect(bad.errors).toEqual([{ field: 'param.id', message: expect.any(String) }])
  })
})

describe('creating and changing organisations', () => {
  it('creates an organisation and audits every attribute', async () => {
    const id = organisationId()
    const res = await admin.send('POST', '/api/admin/organisations', organisationBody({ id }))
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({
      id,
      city: 'kyiv',
      kind: 'enterprise',
      responsibility: 'lighting',
      name: { uk: 'КП «Тестсвітло»', en: 'Test Lighting' },
      email: 'office@example.org',
      created_at: expect.any(String),
      member_count: 0,
      open_appeal_count: 0,
    })
    expect(await auditRows(database.db, 'organisation', id)).toEqual([
      {
        actor,
        action: 'create',
        changes: { city: [null, 'kyiv'], kind: [null, 'enterprise'], responsibility: [null, 'lighting'], name: [null, { uk: 'КП «Тестсвітло»', en: 'Test Lighting' }], email: [null, 'office@example.org'] },
      },
    ])
  })

  it('changes the name and clears the e-mail, auditing each before and after', async () => {
    const organisation = await createOrganisation()
    const res = await admin.send('PATCH', `/api/admin/organisations/${organisation.id}`, { name: { uk: 'КП «Нове світло»', en: 'New Lighting' }, email: null })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ...organisation, name: { uk: 'КП «Нове світло»', en: 'New Lighting' }, email: null })
    expect((await auditRows(database.db, 'organisation', organisation.id))[1]).toEqual({
      actor,
      action: 'update',
      changes: { name: [{ uk: 'КП «Тестсвітло»', en: 'Test Lighting' }, { uk: 'КП «Нове світло»', en: 'New Lighting' }], email: ['office@example.org', null] },
    })
  })

  it('refuses an id that is taken with a 409 problem', async () => {
    await expectProblem(await admin.send('POST', '/api/admin/organisations', organisationBody({ id: 'kyiv-roads' })), 409)
  })

  it('refuses to move an organisation to another city', async () => {
    const organisation = await createOrganisation()
    const body = await expectProblem(await admin.send('PATCH', `/api/admin/organisations/${organisation.id}`, { city: 'kharkiv' }), 400)
    expect(body.errors).toEqual([{ field: 'body', message: expect.stringContaining('city') }])
    expect(await auditRows(database.db, 'organisation', organisation.id)).toHaveLength(1)
  })
})

describe('refusing bad organisation input', () => {
  const cases: Array<[string, Record<string, unknown>, number, string[]]> = [
    ['an id that is not a slug', { id: 'Bad Slug!' }, 400, ['body.id']],
    ['an SQL-looking id', { id: "x'; DROP TABLE organisations; --" }, 400, ['body.id']],
    ['a 10k-character name', { name: { uk: 'я'.repeat(10_000), en: 'Test' } }, 400, ['body.name.uk']],
    ['a name without English', { name: { uk: 'Тест' } }, 400, ['body.name.en']],
    ['a name as a string', { name: 'Тест' }, 400, ['body.name']],
    ['an unknown kind', { kind: 'ministry' }, 400, ['body.kind']],
    ['a malformed e-mail', { email: 'office at example' }, 400, ['body.email']],
    ['an unknown city', { city: 'atlantis' }, 422, ['body.city']],
    ['an unknown field', { city_id: 'kyiv' }, 400, ['body']],
  ]

  it.each(cases)('answers %s with a problem naming the field, and writes nothing', async (_, override, status, fields) => {
    const before = [await organisationsOfThisFile(), await auditCount(database.db, TAG)]
    const body = await expectProblem(await admin.send('POST', '/api/admin/organisations', organisationBody(override)), status)
    expect((body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(fields)
    expect([await organisationsOfThisFile(), await auditCount(database.db, TAG)]).toEqual(before)
  })
})

describe('deleting organisations', () => {
  it('deletes an organisation with no open appeals, rules or staff, and audits what it was', async () => {
    const organisation = await createOrganisation()
    expect((await admin.send('DELETE', `/api/admin/organisations/${organisation.id}`)).status).toBe(204)
    await expectProblem(await admin.get(`/api/admin/organisations/${organisation.id}`), 404)
    expect((await auditRows(database.db, 'organisation', organisation.id)).at(-1)).toEqual({
      actor,
      action: 'delete',
      changes: { city: ['kyiv', null], kind: ['enterprise', null], responsibility: ['lighting', null], name: [{ uk: 'КП «Тестсвітло»', en: 'Test Lighting' }, null], email: ['office@example.org', null] },
    })
  })

  it('refuses while the organisation has open appeals', async () => {
    const organisation = await createOrganisation()
    const filed = (await (await postJson(app, '/api/appeals', appealBody(), { 'X-Forwarded-For': ADDRESS })).json()) as { number: string }
    appeals.push(filed.number)
    await sql`UPDATE appeals SET organisation_id = ${organisation.id} WHERE number = ${filed.number}`.execute(database.db)
    const body = await expectProblem(await admin.send('DELETE', `/api/admin/organisations/${organisation.id}`), 409)
    expect(body.detail).toMatch(/1 open appeals/)
    expect(await auditRows(database.db, 'organisation', organisation.id)).toHaveLength(1)
  })

  it('refuses while a routing rule names the organisation', async () => {
    const organisation = await createOrganisation()
    const category = `${TAG}-cat`
    const created = await admin.send('POST', '/api/admin/categories', { id: category, group: 'other', name: { uk: 'Тест', en: 'Test' }, term_days: 30, duplicate_radius_m: 50, responsibility: 'general', questions: [], active: false })
    expect(created.status).toBe(201)
    const rule = await admin.send('POST', '/api/admin/routing-rules', { city: 'kyiv', category, district: null, organisation: organisation.id })
    expect(rule.status).toBe(201)
    const body = await expectProblem(await admin.send('DELETE', `/api/admin/organisations/${organisation.id}`), 409)
    expect(body.detail).toMatch(/routing rules/)
  })

  it('refuses while the organisation has staff', async () => {
    const organisation = await createOrganisation()
    const user = await admin.send('POST', '/api/admin/users', { email: `${TAG}@admin-test.local`, name: 'Виконавиця', roles: [{ role: 'executor', organisation: organisation.id }] })
    expect(user.status).toBe(201)
    const body = await expectProblem(await admin.send('DELETE', `/api/admin/organisations/${organisation.id}`), 409)
    expect(body.detail).toMatch(/1 staff members/)
    expect(((await (await admin.get(`/api/admin/organisations/${organisation.id}`)).json()) as { members: unknown[] }).members).toHaveLength(1)
  })
})
