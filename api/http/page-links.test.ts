/**
 * The one paging style: every paged list of the API answers `Link: <…>; rel="next"` while more
 * follow and `rel="prev"` after the first page, and following `next` walks the whole list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { signInAs, type SignedIn } from '../auth/testing.ts'
import { makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
let admin: SignedIn

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  admin = await signInAs(app, 'admin')
})
afterAll(() => database.close())

/** The `Link` header's URLs by relation. */
function linkHeader(res: Response): Record<string, string> {
  return Object.fromEntries([...(res.headers.get('Link') ?? '').matchAll(/<([^>]+)>;\s*rel="([^"]+)"/g)].map((m) => [m[2]!, m[1]!]))
}

type Get = (path: string) => Promise<Response>
const anonymous: Get = async (path) => app.request(`http://localhost${path}`)
const asAdmin: Get = (path) => admin.request(path)

// Each paged list with a first request small enough to have a second page in the demo data.
const LISTS: Array<[string, string, Get, 'offset' | 'page']> = [
  ['layer features', '/api/layers/kyiv-metro-stations/features?limit=20', anonymous, 'offset'],
  ['public appeals', '/api/appeals?city=kyiv&limit=20', anonymous, 'offset'],
  ['public appeals as GeoJSON', '/api/appeals?city=kyiv&limit=20&format=geojson', anonymous, 'offset'],
  ['property register', '/api/property?city=kyiv&limit=20', anonymous, 'offset'],
  ['Open311 requests', '/open311/v2/requests.json?jurisdiction_id=kyiv&page_size=20', anonymous, 'page'],
  ['office appeals', '/api/office/appeals?limit=20', asAdmin, 'page'],
  ['audit trail', '/api/audit?limit=20', asAdmin, 'page'],
  ['users', '/api/admin/users?limit=2', asAdmin, 'page'],
]

describe('Link headers on every paged list', () => {
  for (const [name, first, get, position] of LISTS) {
    it(`${name}: next on the first page, prev and next on the second, the same query kept`, async () => {
      const one = await get(first)
      expect(one.status).toBe(200)
      const links = linkHeader(one)
      expect(links.next, name).toBeDefined()
      expect(links.prev, name).toBeUndefined()
      const next = new URL(links.next!)
      for (const [key, value] of new URL(first, 'http://localhost').searchParams) expect(next.searchParams.get(key), key).toBe(value)
      expect(next.searchParams.get(position)).toBe(position === 'page' ? '2' : '20')
      const two = await get(`${next.pathname}${next.search}`)
      expect(two.status).toBe(200)
      const back = new URL(linkHeader(two).prev!)
      expect(back.searchParams.get(position)).toBe(position === 'page' ? '1' : '0')
    })
  }

  it('ends the chain: the last page has prev and no next', async () => {
    const one = await anonymous('/api/appeals?city=kyiv&limit=500')
    const { total } = (await one.json()) as { total: number }
    const last = await anonymous(`/api/appeals?city=kyiv&limit=500&offset=${Math.floor((total - 1) / 500) * 500}`)
    expect(linkHeader(last).next).toBeUndefined()
    expect(linkHeader(last).prev).toBeDefined()
  })
})

describe('the OpenAPI documents', () => {
  it('declare the Link header on every paged list', async () => {
    for (const path of ['/api/openapi.json', '/ogc/api']) {
      const document = (await (await anonymous(path)).json()) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: Record<string, { headers?: Record<string, unknown> }> }>> }
      const paged = Object.entries(document.paths).flatMap(([p, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => op.parameters?.some((x) => x.in === 'query' && ['offset', 'page', 'cursor'].includes(x.name)))
          .map(([method, op]) => ({ at: `${method} ${p}`, op })),
      )
      expect(paged.length, path).toBeGreaterThan(0)
      for (const { at, op } of paged) expect(op.responses['200']!.headers?.Link, at).toBeDefined()
    }
  })
})
