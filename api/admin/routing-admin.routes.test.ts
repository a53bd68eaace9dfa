import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import { auditRows, demoAdminId, signInAsAdmin, uniqueTag, type Client } from './admin-test-helpers.ts'

let database: Database
let app: TestApp['app']
let admin: Client
let actor: string
const TAG = uniqueTag()

interface District {
  id: number
  name: string
  city_id: string
  lon: number
  lat: number
}
let kyivDistricts: District[]
let foreignDistrict: District

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  admin = await signInAsAdmin(app)
  actor = `user:${await demoAdminId(database.db)}`
  const { rows } = await sql<District>`
    SELECT id, name, city_id, ST_X(p) AS lon, ST_Y(p) AS lat
      FROM (SELECT id, name, city_id, ST_PointOnSurface(geom) AS p FROM districts) d ORDER BY city_id <> 'kyiv', id`.execute(database.db)
  kyivDistricts = rows.filter((d) => d.city_id === 'kyiv')
  foreignDistrict = rows.find((d) => d.city_id !== 'kyiv')!
})
afterAll(async () => {
  await sql`DELETE FROM routing_rules WHERE starts_with(category_id, ${TAG})`.execute(database.db)
  await sql`DELETE FROM appeal_categories WHERE starts_with(id, ${TAG})`.execute(database.db)
  await database.close()
})

let serial = 0
/**
 * A fresh inactive category of this file (answered by `general`, so by kyiv-general without a
 * rule): its rules collide with no other test's.
 */
async function testCategory(): Promise<string> {
  const id = `${TAG}-cat-${++serial}`
  const res = await admin.send('POST', '/api/admin/categories', { id, group: 'other', name: { uk: 'Тест', en: 'Test' }, term_days: 30, duplicate_radius_m: 50, responsibility: 'general', questions: [], active: false })
  expect(res.status).toBe(201)
  return id
}

async function createRule(body: Record<string, unknown>): Promise<{ id: number } & Record<string, unknown>> {
  const res = await admin.send('POST', '/api/admin/routing-rules', { city: 'kyiv', district: null, organisation: 'kyiv-roads', ...body })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: number } & Record<string, unknown>
}

const rulesOfThisFile = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM routing_rules WHERE starts_with(category_id, ${TAG})`.execute(database.db)).rows[0]!.n

describe('routing rules', () => {
  it('has districts to route by in the demo data', () => {
    expect(kyivDistricts.length).toBeGreaterThanOrEqual(2)
    expect(foreignDistrict).toBeDefined()
  })

  it('creates a city-wide and a district rule, lists them and audits each', async () => {
    const category = await testCategory()
    const district = kyivDistricts[0]!
    const cityWide = await createRule({ category })
    expect(cityWide).toEqual({ id: expect.any(Number), city: 'kyiv', category, district: null, district_name: null, organisation: 'kyiv-roads' })
    const local = await createRule({ category, district: district.id, organisation: 'kyiv-lighting' })
    expect(local).toEqual({ id: expect.any(Number), city: 'kyiv', category, district: district.id, district_name: district.name, organisation: 'kyiv-lighting' })
    const list = (await (await admin.get('/api/admin/routing-rules?city=kyiv')).json()) as { total: number; items: Array<{ city: string; category: string }> }
    expect(list.items.filter((r) => r.category === category)).toEqual([cityWide, local])
    expect(list.items.every((r) => r.city === 'kyiv')).toBe(true)
    expect(await auditRows(database.db, 'routing-rule', local.id)).toEqual([
      { actor, action: 'create', changes: { city: [null, 'kyiv'], category: [null, category], district: [null, district.id], organisation: [null, 'kyiv-lighting'] } },
    ])
  })

  it('refuses a second rule for the same category and district with a 409 problem', async () => {
    const category = await testCategory()
    await createRule({ category })
    const before = await rulesOfThisFile()
    await expectProblem(await admin.send('POST', '/api/admin/routing-rules', { city: 'kyiv', category, district: null, organisation: 'kyiv-waste' }), 409)
    expect(await rulesOfThisFile()).toBe(before)
  })

  it('gives a rule another organisation of the city, auditing before and after', async () => {
    const rule = await createRule({ category: await testCategory() })
    const res = await admin.send('PATCH', `/api/admin/routing-rules/${rule.id}`, { organisation: 'kyiv-waste' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ...rule, organisation: 'kyiv-waste' })
    expect((await auditRows(database.db, 'routing-rule', rule.id))[1]).toEqual({ actor, action: 'update', changes: { organisation: ['kyiv-roads', 'kyiv-waste'] } })
  })

  it('refuses an organisation of another city for a rule', async () => {
    const rule = await createRule({ category: await testCategory() })
    const body = await expectProblem(await admin.send('PATCH', `/api/admin/routing-rules/${rule.id}`, { organisation: `${foreignDistrict.city_id}-roads` }), 422)
    expect(body.errors).toEqual([{ field: 'body.organisation', message: expect.stringContaining('not "kyiv"') }])
    expect(await auditRows(database.db, 'routing-rule', rule.id)).toHaveLength(1)
  })

  it('deletes a rule and audits what it was', async () => {
    const category = await testCategory()
    const rule = await createRule({ category })
    expect((await admin.send('DELETE', `/api/admin/routing-rules/${rule.id}`)).status).toBe(204)
    await expectProblem(await admin.send('DELETE', `/api/admin/routing-rules/${rule.id}`), 404)
    expect((await auditRows(database.db, 'routing-rule', rule.id)).at(-1)).toEqual({
      actor,
      action: 'delete',
      // A city-wide rule's district is null before and after, so the trail leaves it out.
      changes: { city: ['kyiv', null], category: [category, null], organisation: ['kyiv-roads', null] },
    })
  })
})

describe('refusing bad routing input', () => {
  let category: string
  beforeAll(async () => {
    category = await testCategory()
  })

  const cases: Array<[string, () => Record<string, unknown>, number, string[]]> = [
    ['a district of another city', () => ({ district: foreignDistrict.id }), 422, ['body.district']],
    ['a district that does not exist', () => ({ district: 2_000_000_000 }), 422, ['body.district']],
    ['an organisation of another city', () => ({ organisation: `${foreignDistrict.city_id}-roads` }), 422, ['body.organisation']],
    ['an unknown category', () => ({ category: `${TAG}-none` }), 422, ['body.category']],
    ['an unknown city', () => ({ city: 'atlantis' }), 422, ['body.city', 'body.organisation']],
    ['a district given as text', () => ({ district: '1' }), 400, ['body.district']],
    ['a negative district', () => ({ district: -1 }), 400, ['body.district']],
    ['an SQL-looking organisation', () => ({ organisation: "kyiv-roads' OR 1=1 --" }), 400, ['body.organisation']],
    ['a category of the wrong type', () => ({ category: ['pothole'] }), 400, ['body.category']],
    ['an unknown field', () => ({ priority: 1 }), 400, ['body']],
  ]

  it.each(cases)('answers %s with a problem naming the field, and writes nothing', async (_, override, status, fields) => {
    const before = await rulesOfThisFile()
    const body = await expectProblem(await admin.send('POST', '/api/admin/routing-rules', { city: 'kyiv', category, district: null, organisation: 'kyiv-roads', ...override() }), status)
    expect((body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(fields)
    expect(await rulesOfThisFile()).toBe(before)
  })
})

describe('previewing routing', () => {
  const preview = async (category: string, d: { lon: number; lat: number }) => {
    const res = await admin.get(`/api/admin/routing-rules/preview?city=kyiv&category=${category}&lon=${d.lon}&lat=${d.lat}`)
    expect(res.status).toBe(200)
    return (await res.json()) as { district: { id: number } | null; organisation: { id: string } | null }
  }

  it('falls back to the organisation answering for the category, then follows city and district rules', async () => {
    const [inside, elsewhere] = [kyivDistricts[0]!, kyivDistricts[1]!]
    const category = await testCategory()
    expect(await preview(category, inside)).toEqual({
      city: 'kyiv',
      category,
      district: { id: inside.id, name: inside.name },
      organisation: { id: 'kyiv-general', name: { uk: 'Центр надання адміністративних послуг', en: 'Administrative Services Centre' } },
    })
    await createRule({ category, organisation: 'kyiv-roads' })
    await createRule({ category, district: inside.id, organisation: 'kyiv-lighting' })
    expect((await preview(category, inside)).organisation?.id).toBe('kyiv-lighting')
    expect(await preview(category, elsewhere)).toMatchObject({ district: { id: elsewhere.id }, organisation: { id: 'kyiv-roads' } })
  })

  it('finds no district for a point outside every district', async () => {
    const category = await testCategory()
    expect(await preview(category, { lon: 0, lat: 0 })).toMatchObject({ district: null, organisation: { id: 'kyiv-general' } })
  })

  it('refuses a point off the globe and an unknown city or category', async () => {
    const bad = await expectProblem(await admin.get('/api/admin/routing-rules/preview?city=kyiv&category=pothole&lon=30.5&lat=100'), 400)
    expect(bad.errors).toEqual([{ field: 'query.lat', message: expect.any(String) }])
    const unknown = await expectProblem(await admin.get(`/api/admin/routing-rules/preview?city=atlantis&category=${TAG}-none&lon=30.5&lat=50.4`), 422)
    expect((unknown.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['query.city', 'query.category'])
  })
})
