import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
const PAGE = '<!doctype html><title>Hromada Map</title>'

beforeAll(async () => {
  database = await openTestDatabase()
  const webRoot = mkdtempSync(join(tmpdir(), 'hromada-web-'))
  writeFileSync(join(webRoot, 'index.html'), PAGE)
  ;({ app } = await makeApp(database, {}, { webRoot }))
})
afterAll(async () => {
  await database.close()
})

describe('paths no route claims', () => {
  it.each(['/api/nonexistent', '/api', '/api/layers/kyiv-metro-stations/nope/deeper', '/tiles/foo', '/tiles/kyiv-metro-stations/1/2', '/styles/kyiv/extra', '/fonts', '/fonts/Noto%20Sans%20Regular', '/ogc/nothing-here', '/ogc/collections/kyiv-districts/items/1/extra'])(
    '%s is a 404 problem, not the web page',
    async (path) => {
      const body = await expectProblem(await app.request(path), 404)
      expect(body.type).toBe('/problems/not-found')
    },
  )

  it.each(['/open311/v2/foo', '/open311/v2/requests/1/2.json', '/open311'])('%s is a 404 in Open311 form', async (path) => {
    const res = await app.request(path)
    expect(res.status).toBe(404)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual([{ code: 404, description: expect.any(String) }])
  })

  it('serves the web page for the app pages, with 404 for a page that does not exist', async () => {
    for (const path of ['/', '/office/triage', '/appeals/KYIV-2026-000123', '/account']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(200)
      expect(await res.text()).toBe(PAGE)
    }
    const missing = await app.request('/no-such-page')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(await missing.text()).toBe(PAGE)
  })
})
