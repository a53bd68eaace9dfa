import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { appealBody, postJson, postMultipart } from '../appeals/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
// District 215 is left alone by the deputy-editing tests that run meanwhile.
let station: { lon: number; lat: number }

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  const { rows } = await sql<{ lon: number; lat: number }>`
    SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM features
     WHERE layer_id = 'kyiv-polling-stations' AND (properties->>'tvo')::int = 215 ORDER BY id LIMIT 1`.execute(database.db)
  station = rows[0]!
})
afterAll(async () => {
  await database.close()
})

async function publicAppeal(number: string): Promise<Record<string, unknown>> {
  return (await (await app.request(`/api/appeals/${number}`)).json()) as Record<string, unknown>
}

const DEPUTY_215 = { name: 'Депутат ТВО №215 (демо)', district: { number: 215, name: 'ТВО №215' } }

describe('an appeal addressed to the deputy of its district', () => {
  it('stores the deputy of the district holding its point and shows them on the public page', async () => {
    const res = await postJson(app, '/api/appeals', appealBody({ ...station, to_deputy: true }))
    expect(res.status).toBe(201)
    const { number } = (await res.json()) as { number: string }
    expect((await publicAppeal(number)).deputy).toEqual(DEPUTY_215)
    const { rows } = await sql<{ district_number: number; changes: Record<string, unknown> }>`
      SELECT d.district_number, l.changes FROM appeals a JOIN deputies d ON d.id = a.deputy_id
        JOIN audit_log l ON l.object_type = 'appeal' AND l.object_id = a.number AND l.action = 'create'
       WHERE a.number = ${number}`.execute(database.db)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.district_number).toBe(215)
    expect(rows[0]!.changes.deputy).toEqual([null, expect.any(Number)])
  })

  it('takes `to_deputy` from the web form (multipart) too', async () => {
    const fields = { city: 'kyiv', category: 'pothole', lon: String(station.lon), lat: String(station.lat), description: 'Яма біля дільниці', to_deputy: 'true' }
    const res = await postMultipart(app, fields, [])
    expect(res.status).toBe(201)
    expect((await publicAppeal(((await res.json()) as { number: string }).number)).deputy).toEqual(DEPUTY_215)
  })

  it('mails the deputy: a public appeal with its text and page, a private one with its number only, never the contact', async () => {
    const inbox = `deputy-215-${randomUUID()}@example.org`
    const before = (await sql<{ email: string | null }>`SELECT email FROM deputies WHERE district_number = 215`.execute(database.db)).rows[0]!.email
    await sql`UPDATE deputies SET email = ${inbox} WHERE district_number = 215`.execute(database.db)
    try {
      const contact = { email: 'resident-215@example.org', phone: '+380 67 000 00 15' }
      const open = (await (await postJson(app, '/api/appeals', appealBody({ ...station, to_deputy: true, contact, description: 'Яма — видно всім' }))).json()) as { number: string }
      const closed = (await (await postJson(app, '/api/appeals', appealBody({ ...station, to_deputy: true, contact, public: false, description: 'Яма — лише місту' }))).json()) as { number: string }
      const { rows } = await sql<{ subject: string; body: string }>`SELECT subject, body FROM outbox WHERE to_address = ${inbox} ORDER BY id`.execute(database.db)
      expect(rows.map((r) => r.subject)).toEqual([`Звернення ${open.number} адресовано вам`, `Звернення ${closed.number} адресовано вам`])
      expect(rows[0]!.body).toContain('видно всім')
      expect(rows[0]!.body).toContain(`/appeals/${open.number}`)
      expect(rows[1]!.body).not.toContain('лише місту')
      expect(rows[1]!.body).not.toContain('/appeals/')
      for (const row of rows) expect(row.body).not.toMatch(/resident-215|000 00 15/)
    } finally {
      await sql`UPDATE deputies SET email = ${before} WHERE district_number = 215`.execute(database.db)
    }
  })

  it('addresses no deputy unless asked', async () => {
    const res = await postJson(app, '/api/appeals', appealBody({ ...station }))
    expect((await publicAppeal(((await res.json()) as { number: string }).number)).deputy).toBeNull()
  })

  it('refuses with a 400 problem where no electoral district is', async () => {
    const res = await postJson(app, '/api/appeals', appealBody({ city: 'kharkiv', lon: 36.2304, lat: 49.9935, to_deputy: true }))
    const problem = await expectProblem(res, 400)
    expect(problem.errors).toEqual([{ field: 'body.to_deputy', message: 'no electoral district here' }])
  })

  it.each(['yes', 1, null, 'true'])('refuses `to_deputy: %j` in JSON with a 400 problem', async (value) => {
    const problem = await expectProblem(await postJson(app, '/api/appeals', appealBody({ ...station, to_deputy: value })), 400)
    expect((problem.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['body.to_deputy'])
  })
})
