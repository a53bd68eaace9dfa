import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
const ELSEWHERE = { Origin: 'https://another-site.example' }

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

describe('cross-origin reads', () => {
  it.each([
    '/tiles/kyiv-metro-stations.json',
    '/styles/kyiv.json',
    '/api/layers?city=kyiv',
    '/api/layers/kyiv-metro-stations/features?limit=1',
    '/api/layers/kyiv-metro-stations/export.csv',
    '/api/cities',
    '/api/openapi.json',
    '/api/appeals?city=kyiv',
    '/api/stats/appeals?city=kyiv',
    '/open311/v2/services.json',
    '/open311/v2/requests.json',
  ])('%s is open to every origin, without credentials', async (path) => {
    const res = await app.request(path, { headers: ELSEWHERE })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull()
  })

  it('answers the preflight of a public read', async () => {
    const res = await app.request('/api/layers/kyiv-metro-stations/features', { method: 'OPTIONS', headers: { ...ELSEWHERE, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' } })
    expect(res.status).toBe(204)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('GET, HEAD')
    expect(res.headers.get('Access-Control-Allow-Headers')).toMatch(/If-None-Match/)
  })

  it.each(['/api/auth/me', '/api/account', '/api/office/appeals', '/api/admin/users', '/api/audit', '/api/stats/internal', '/api/appeals/track/' + 'a'.repeat(43)])(
    '%s never allows another origin, not even in a preflight',
    async (path) => {
      const res = await app.request(path, { headers: ELSEWHERE })
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
      const preflight = await app.request(path, { method: 'OPTIONS', headers: { ...ELSEWHERE, 'Access-Control-Request-Method': 'GET' } })
      expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull()
    },
  )

  it('does not open a write to other origins', async () => {
    const preflight = await app.request('/api/appeals', { method: 'OPTIONS', headers: { ...ELSEWHERE, 'Access-Control-Request-Method': 'POST' } })
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })
})
