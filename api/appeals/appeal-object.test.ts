import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import { signInAs } from '../auth/testing.ts'
import { appealBody, postJson, postMultipart } from './appeal-test-helpers.ts'

let database: Database
let app: TestApp['app']

const suffix = randomUUID().slice(0, 8)
const HOLDER = `kyiv-test-holder-${suffix}`
const RULED = `kyiv-test-ruled-${suffix}`
let parcel: { id: number; feature_id: number; district_id: number; holder: string | null; lon: number; lat: number; inside_lon: number; inside_lat: number }
let ruleId: number

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  const db = database.db
  for (const [id, name] of [[HOLDER, 'Тестовий балансоутримувач'], [RULED, 'Тестова служба за правилом']] as const) {
    await db.insertInto('organisations').values({ id, city_id: 'kyiv', kind: 'enterprise', responsibility: 'balance-holder', name: JSON.stringify({ uk: name, en: name }) }).execute()
  }
  // A parcel of the register with a district; the point given is 30 m off it, outside.
  const { rows } = await sql<typeof parcel>`
    SELECT id, feature_id, district_id, balance_holder_id AS holder,
           ST_X(ST_Project(ST_PointOnSurface(geom)::geography, 30 + sqrt(ST_Area(geom::geography)), radians(90))::geometry) AS lon,
           ST_Y(ST_PointOnSurface(geom)) AS lat,
           ST_X(ST_PointOnSurface(geom)) AS inside_lon, ST_Y(ST_PointOnSurface(geom)) AS inside_lat
      FROM property_objects
     WHERE city_id = 'kyiv' AND kind = 'land' AND feature_id IS NOT NULL AND district_id IS NOT NULL AND area_m2 BETWEEN 500 AND 3000
     ORDER BY id LIMIT 1`.execute(db)
  parcel = rows[0]!
  await db.updateTable('property_objects').set({ balance_holder_id: HOLDER }).where('id', '=', parcel.id).execute()
  // The category × district rule names another organisation.
  ruleId = (await db.insertInto('routing_rules').values({ city_id: 'kyiv', category_id: 'illegal-dump', district_id: parcel.district_id, organisation_id: RULED }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst())?.id ?? 0
})

afterAll(async () => {
  const db = database.db
  await db.updateTable('property_objects').set({ balance_holder_id: parcel.holder }).where('id', '=', parcel.id).execute()
  await db.deleteFrom('routing_rules').where('id', '=', ruleId).execute()
  await db.updateTable('appeals').set({ organisation_id: null }).where('organisation_id', 'in', [HOLDER, RULED]).execute()
  await db.deleteFrom('organisations').where('id', 'in', [HOLDER, RULED]).execute()
  await database.close()
})

const object = () => ({ layer: 'kyiv-property', feature_id: parcel.feature_id })

describe('an appeal about an object', () => {
  it('goes to the organisation that holds the object, not the one the category × district rule names, and sits on the object', async () => {
    expect(ruleId).toBeGreaterThan(0)
    const res = await postJson(app, '/api/appeals', appealBody({ category: 'illegal-dump', lon: parcel.lon, lat: parcel.lat, object: object() }))
    expect(res.status, await res.clone().text()).toBe(201)
    const { number } = (await res.json()) as { number: string }
    const { rows } = await sql<{ organisation_id: string; on_object: boolean; object_layer_version: number; version: number }>`
      SELECT a.organisation_id, ST_DWithin(a.geom::geography, p.geom::geography, 0.5) AS on_object, a.object_layer_version,
             (SELECT version FROM layers WHERE id = 'kyiv-property') AS version
        FROM appeals a, property_objects p WHERE a.number = ${number} AND p.id = ${parcel.id}`.execute(database.db)
    expect(rows[0]).toMatchObject({ organisation_id: HOLDER, on_object: true })
    expect(rows[0]!.object_layer_version).toBeLessThanOrEqual(rows[0]!.version)

    const page = (await (await app.request(`/api/appeals/${number}`)).json()) as { object: Record<string, unknown>; organisation: { id: string } }
    expect(page.organisation.id).toBe(HOLDER)
    expect(page.object).toMatchObject({ layer: 'kyiv-property', feature_id: parcel.feature_id, layer_title: { en: 'Communal property register — Kyiv' } })
    expect(page.object.label).toMatch(/\d{10}:\d{2}:\d{3}:\d{4}/)

    // The office shows the object beside the appeal.
    const moderator = await signInAs(app, 'moderator')
    const office = (await (await moderator.get(`/api/office/appeals/${number}`)).json()) as { object: { layer: string; feature_id: number } }
    expect(office.object).toMatchObject({ layer: 'kyiv-property', feature_id: parcel.feature_id })

    const detail = (await (await app.request(`/api/property/${parcel.id}`)).json()) as { appeals: Array<{ number: string; status: string }>; feature: { layer: string; id: number } }
    expect(detail.feature).toEqual({ layer: 'kyiv-property', id: parcel.feature_id })
    expect(detail.appeals.map((a) => a.number)).toContain(number)
    // and the public list finds the appeals about the object, and only those
    const about = (await (await app.request(`/api/appeals?object_layer=kyiv-property&object_feature=${parcel.feature_id}&limit=500`)).json()) as { total: number; appeals: Array<{ number: string; object: { feature_id: number } | null }> }
    expect(about.appeals.map((a) => a.number)).toContain(number)
    expect(about.appeals.every((a) => a.object?.feature_id === parcel.feature_id)).toBe(true)
  })

  it('without an object, the same place follows the rule', async () => {
    const res = await postJson(app, '/api/appeals', appealBody({ category: 'illegal-dump', lon: parcel.inside_lon, lat: parcel.inside_lat }))
    expect(res.status).toBe(201)
    const { number } = (await res.json()) as { number: string }
    const row = await database.db.selectFrom('appeals').select(['organisation_id', 'object_feature_id']).where('number', '=', number).executeTakeFirstOrThrow()
    expect(row).toEqual({ organisation_id: RULED, object_feature_id: null })
  })

  it('is taken as multipart too', async () => {
    const body = appealBody({ category: 'illegal-dump', lon: parcel.lon, lat: parcel.lat })
    const fields: Record<string, string> = { 'object[layer]': 'kyiv-property', 'object[feature_id]': String(parcel.feature_id) }
    for (const [k, v] of Object.entries(body)) if (typeof v !== 'object') fields[k] = String(v)
    const res = await postMultipart(app, fields, [])
    expect(res.status, await res.clone().text()).toBe(201)
    const { number } = (await res.json()) as { number: string }
    expect((await database.db.selectFrom('appeals').select('organisation_id').where('number', '=', number).executeTakeFirstOrThrow()).organisation_id).toBe(HOLDER)
  })

  it('is refused with a clear error for an object residents cannot report about, and nothing is written', async () => {
    const metro = await database.db.selectFrom('features').select('id').where('layer_id', '=', 'kyiv-metro-stations').limit(1).executeTakeFirstOrThrow()
    const kiosk = await database.db.selectFrom('street_structures').select('feature_id').where('city_id', '=', 'marhanets').limit(1).executeTakeFirstOrThrow()
    const marker = randomUUID()
    const cases: Array<[unknown, RegExp]> = [
      [{ layer: 'kyiv-metro-stations', feature_id: metro.id }, /does not take appeals/],
      [{ layer: 'kyiv-property', feature_id: 999_999_999 }, /no feature 999999999/],
      [{ layer: 'no-such-layer', feature_id: 1 }, /no feature 1 in a public layer/],
      [{ layer: 'marhanets-temporary-structures', feature_id: kiosk.feature_id }, /not in kyiv/],
      [{ layer: 'kyiv-property', feature_id: 'DROP TABLE' }, /feature_id/],
      [{ layer: 'kyiv-property', feature_id: -1 }, /feature_id/],
      [{ layer: 'Kyiv Property', feature_id: 1 }, /layer/],
      [{ layer: 'kyiv-property', feature_id: 1, extra: true }, /object/],
      ['kyiv-property', /object/],
    ]
    for (const [bad, message] of cases) {
      const res = await postJson(app, '/api/appeals', appealBody({ lon: parcel.lon, lat: parcel.lat, object: bad }, marker))
      const problem = await expectProblem(res, 400)
      const errors = JSON.stringify(problem.errors)
      expect(errors, JSON.stringify(bad)).toContain('body.object')
      expect(errors, JSON.stringify(bad)).toMatch(message)
    }
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM appeals WHERE description LIKE ${`%${marker}%`}`.execute(database.db)
    expect(rows[0]!.n).toBe(0)
  })
})
