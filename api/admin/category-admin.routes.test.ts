import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import { auditCount, auditRows, demoAdminId, signInAsAdmin, uniqueTag, type Client } from './admin-test-helpers.ts'

let database: Database
let app: TestApp['app']
let admin: Client
let actor: string
const TAG = uniqueTag()

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  admin = await signInAsAdmin(app)
  actor = `user:${await demoAdminId(database.db)}`
})
afterAll(async () => {
  await sql`DELETE FROM appeal_categories WHERE starts_with(id, ${TAG})`.execute(database.db)
  await database.close()
})

let serial = 0
const categoryId = () => `${TAG}-cat-${++serial}`

const SIZE_QUESTION = {
  id: 'size',
  type: 'select',
  label: { uk: 'Розмір', en: 'Size' },
  required: true,
  options: [
    { value: 'small', label: { uk: 'Мала', en: 'Small' } },
    { value: 'large', label: { uk: 'Велика', en: 'Large' } },
  ],
}

// Test categories stay inactive, so the public catalogue other tests read never shows them.
function categoryBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: categoryId(),
    group: 'roads',
    name: { uk: 'Тестова категорія', en: 'Test category' },
    term_days: 15,
    duplicate_radius_m: 100,
    responsibility: 'roads',
    questions: [SIZE_QUESTION, { id: 'note', type: 'text', label: { uk: 'Примітка', en: 'Note' }, required: false }],
    sort: 500,
    active: false,
    ...overrides,
  }
}

async function createCategory(overrides: Record<string, unknown> = {}): Promise<{ id: string } & Record<string, unknown>> {
  const res = await admin.send('POST', '/api/admin/categories', categoryBody(overrides))
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string } & Record<string, unknown>
}

const categoriesOfThisFile = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM appeal_categories WHERE starts_with(id, ${TAG})`.execute(database.db)).rows[0]!.n

describe('categories', () => {
  it('creates a category with typed questions and audits every attribute', async () => {
    const body = categoryBody()
    const res = await admin.send('POST', '/api/admin/categories', body)
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual(body)
    const { id: _, ...attributes } = body
    expect(await auditRows(database.db, 'category', body.id as string)).toEqual([
      { actor, action: 'create', changes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, [null, v]])) },
    ])
  })

  it('lists every category, inactive ones too, which the public catalogue leaves out', async () => {
    const category = await createCategory()
    const res = await admin.get('/api/admin/categories')
    expect(res.status).toBe(200)
    const list = (await res.json()) as { total: number; items: Array<Record<string, unknown>> }
    expect(list.total).toBe(list.items.length)
    expect(list.items).toContainEqual(category)
    expect(list.items.find((c) => c.id === 'pothole')).toMatchObject({ group: 'roads', term_days: 30, duplicate_radius_m: 50, responsibility: 'roads', active: true })
    const publicList = (await (await app.request('/api/appeal-categories?city=kyiv')).json()) as Array<{ id: string }>
    expect(publicList.map((c) => c.id)).not.toContain(category.id)
  })

  it('changes the term, radius and questions, auditing each before and after', async () => {
    const category = await createCategory()
    const questions = [{ id: 'pole_number', type: 'integer', label: { uk: 'Номер опори', en: 'Pole number' }, required: false }]
    const res = await admin.send('PATCH', `/api/admin/categories/${category.id}`, { term_days: 30, duplicate_radius_m: 2000, questions })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ...category, term_days: 30, duplicate_radius_m: 2000, questions })
    expect((await auditRows(database.db, 'category', category.id))[1]).toEqual({
      actor,
      action: 'update',
      changes: { term_days: [15, 30], duplicate_radius_m: [100, 2000], questions: [category.questions, questions] },
    })
  })

  it('writes no audit row for a change that repeats the current values', async () => {
    const category = await createCategory()
    const res = await admin.send('PATCH', `/api/admin/categories/${category.id}`, { active: false, sort: 500 })
    expect(res.status).toBe(200)
    expect(await auditRows(database.db, 'category', category.id)).toHaveLength(1)
  })

  it('refuses an id that is taken with a 409 problem, and an unknown category with a 404', async () => {
    await expectProblem(await admin.send('POST', '/api/admin/categories', categoryBody({ id: 'pothole' })), 409)
    await expectProblem(await admin.send('PATCH', `/api/admin/categories/${TAG}-none`, { sort: 1 }), 404)
  })

  it('has no DELETE: a category is retired by deactivating it', async () => {
    const category = await createCategory()
    expect((await admin.send('DELETE', `/api/admin/categories/${category.id}`)).status).toBe(404)
    expect(await categoriesOfThisFile()).toBeGreaterThan(0)
  })
})

describe('refusing bad category input', () => {
  const question = (q: Record<string, unknown>) => ({ questions: [{ ...SIZE_QUESTION, ...q }] })
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['an id that is not a slug', { id: 'Ямa' }, ['body.id']],
    ['an SQL-looking id', { id: "pothole'--" }, ['body.id']],
    ['a term other than 15 or 30', { term_days: 20 }, ['body.term_days']],
    ['a radius below 10 m', { duplicate_radius_m: 5 }, ['body.duplicate_radius_m']],
    ['a radius above 2 km', { duplicate_radius_m: 5000 }, ['body.duplicate_radius_m']],
    ['a radius given as text', { duplicate_radius_m: '50' }, ['body.duplicate_radius_m']],
    ['a 10k-character name', { name: { uk: 'я'.repeat(10_000), en: 'Test' } }, ['body.name.uk']],
    ['questions that are not a list', { questions: { size: 'select' } }, ['body.questions']],
    ['a question without a label', question({ label: undefined }), ['body.questions.0.label']],
    ['a question of an unknown type', question({ type: 'file', options: undefined }), ['body.questions.0.type']],
    ['a question with an unknown key', question({ script: '<script>' }), ['body.questions.0']],
    ['a question id that is not a code', question({ id: 'Size Of It' }), ['body.questions.0.id']],
    ['a select without options', question({ options: undefined }), ['body.questions.0.options']],
    ['a text question with options', question({ type: 'text' }), ['body.questions.0.options']],
    ['an option value given twice', question({ options: [SIZE_QUESTION.options[0], SIZE_QUESTION.options[0]] }), ['body.questions.0.options.1.value']],
    ['a question id given twice', { questions: [SIZE_QUESTION, SIZE_QUESTION] }, ['body.questions.1.id']],
    ['required as text', question({ required: 'yes' }), ['body.questions.0.required']],
    ['an unknown field', { deleted: true }, ['body']],
  ]

  it.each(cases)('answers %s with a 400 problem naming the field, and writes nothing', async (_, override, fields) => {
    const before = [await categoriesOfThisFile(), await auditCount(database.db, TAG)]
    const body = await expectProblem(await admin.send('POST', '/api/admin/categories', categoryBody(override)), 400)
    expect((body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(fields)
    expect([await categoriesOfThisFile(), await auditCount(database.db, TAG)]).toEqual(before)
  })

  it('refuses to change the id or the term to something the law does not allow', async () => {
    const category = await createCategory()
    const body = await expectProblem(await admin.send('PATCH', `/api/admin/categories/${category.id}`, { id: 'other', term_days: 45 }), 400)
    expect((body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['body', 'body.term_days'])
    expect(await auditRows(database.db, 'category', category.id)).toHaveLength(1)
  })
})
