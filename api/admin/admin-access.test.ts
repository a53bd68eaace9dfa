import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import { anonymous, signIn, type Client } from './admin-test-helpers.ts'

let database: Database
let app: TestApp['app']
let moderator: Client
let manager: Client

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  moderator = await signIn(app, 'moderator@demo.local', 'demo-moderator')
  manager = await signIn(app, 'manager@demo.local', 'demo-manager')
})
afterAll(async () => {
  await database.close()
})

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

// Every endpoint, with a body that would be valid or at least parse: the permission check
// must answer before any input or object is looked at.
const ENDPOINTS: Array<[Method, string, unknown?]> = [
  ['GET', '/api/admin/users'],
  ['GET', '/api/admin/users/1'],
  ['POST', '/api/admin/users', { email: 'x@example.org', name: 'X', roles: [{ role: 'moderator' }] }],
  ['PATCH', '/api/admin/users/1', { name: 'X' }],
  ['DELETE', '/api/admin/users/1'],
  ['GET', '/api/admin/organisations'],
  ['GET', '/api/admin/organisations/kyiv-roads'],
  ['POST', '/api/admin/organisations', { id: 'x', city: 'kyiv', kind: 'service', responsibility: 'roads', name: { uk: 'X', en: 'X' } }],
  ['PATCH', '/api/admin/organisations/kyiv-roads', { email: null }],
  ['DELETE', '/api/admin/organisations/kyiv-roads'],
  ['GET', '/api/admin/categories'],
  ['POST', '/api/admin/categories', { id: 'x' }],
  ['PATCH', '/api/admin/categories/pothole', { active: false }],
  ['GET', '/api/admin/routing-rules'],
  ['GET', '/api/admin/routing-rules/preview?city=kyiv&category=pothole&lon=30.52&lat=50.45'],
  ['POST', '/api/admin/routing-rules', { city: 'kyiv', category: 'pothole', district: null, organisation: 'kyiv-roads' }],
  ['PATCH', '/api/admin/routing-rules/1', { organisation: 'kyiv-roads' }],
  ['DELETE', '/api/admin/routing-rules/1'],
  ['GET', '/api/admin/security-events'],
]

function call(client: Client, [method, path, body]: [Method, string, unknown?]): Promise<Response> {
  return method === 'GET' ? client.get(path) : client.send(method, path, body)
}

describe('the administration API', () => {
  it.each(ENDPOINTS.map((e) => [`${e[0]} ${e[1]}`, e] as const))('asks an anonymous caller of %s to sign in', async (_, endpoint) => {
    const body = await expectProblem(await call(anonymous(app), endpoint), 401)
    expect(body.type).toBe('/problems/unauthorized')
  })

  it.each(ENDPOINTS.map((e) => [`${e[0]} ${e[1]}`, e] as const))('refuses %s to a moderator', async (_, endpoint) => {
    const body = await expectProblem(await call(moderator, endpoint), 403)
    expect(body.type).toBe('/problems/forbidden')
  })

  it('refuses a manager too, whatever organisation they head', async () => {
    for (const endpoint of ENDPOINTS) await expectProblem(await call(manager, endpoint), 403)
  })

  it('checks the permission before the input: an anonymous hostile request still gets 401', async () => {
    await expectProblem(await anonymous(app).send('POST', '/api/admin/users', '{"email": "x"'), 401)
    await expectProblem(await anonymous(app).get("/api/admin/users/1'%20OR%201=1"), 401)
  })

  it('lets the refused callers change nothing', async () => {
    const { rows } = await sql<{ active: boolean; organisation: number }>`
      SELECT (SELECT active FROM appeal_categories WHERE id = 'pothole') AS active,
             (SELECT count(*)::int FROM organisations WHERE id = 'kyiv-roads') AS organisation`.execute(database.db)
    expect(rows[0]).toEqual({ active: true, organisation: 1 })
  })
})
