/** Generated demonstration appeals say so in every Open311 document that shows them. */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { makeApp, type TestApp } from '../testing.ts'
import { createRequest, jsonBody, xmlBody } from './open311-test-helpers.ts'

let database: Database
let app: TestApp['app']
/** Public synthetic appeals, read with this test's own query. */
let syntheticNumbers: string[]

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  syntheticNumbers = (await sql<{ number: string }>`SELECT number FROM appeals WHERE synthetic AND is_public ORDER BY id LIMIT 5`.execute(database.db)).rows.map((r) => r.number)
})
afterAll(() => database.close())

const get = (path: string) => Promise.resolve(app.request(`/open311/v2/${path}`))

describe('synthetic appeals in Open311', () => {
  it('mark each service request from synthetic data with synthetic: true, and a real one with false', async () => {
    expect(syntheticNumbers.length).toBeGreaterThan(0)
    const real = await createRequest(app, { description: 'Справжнє звернення про яму' })
    const body = await jsonBody<Array<{ service_request_id: string; synthetic: boolean }>>(await get(`requests.json?service_request_id=${[...syntheticNumbers, real].join(',')}`))
    expect(Object.fromEntries(body.map((r) => [r.service_request_id, r.synthetic]))).toEqual(
      Object.fromEntries([...syntheticNumbers.map((n) => [n, true]), [real, false]]),
    )
    const one = await jsonBody<Array<{ synthetic: boolean }>>(await get(`requests/${syntheticNumbers[0]}.json`))
    expect(one[0]!.synthetic).toBe(true)
  })

  it('carry <synthetic>true</synthetic> in XML', async () => {
    const doc = (await xmlBody(await get(`requests/${syntheticNumbers[0]}.xml`))) as { service_requests: { request: Array<Record<string, string>> } }
    expect(doc.service_requests.request[0]!.synthetic).toBe('true')
  })

  it('say in the services list which services hold synthetic requests', async () => {
    const withSynthetic = (await sql<{ category_id: string }>`SELECT DISTINCT category_id FROM appeals WHERE synthetic AND is_public`.execute(database.db)).rows.map((r) => r.category_id)
    expect(withSynthetic.length).toBeGreaterThan(0)
    const services = await jsonBody<Array<{ service_code: string; synthetic_requests: boolean }>>(await get('services.json'))
    expect(services.filter((s) => s.synthetic_requests).map((s) => s.service_code).sort()).toEqual(withSynthetic.sort())
    const xml = (await xmlBody(await get('services.xml'))) as { services: { service: Array<Record<string, string>> } }
    expect(xml.services.service.map((s) => s.synthetic_requests).every((v) => v === 'true' || v === 'false')).toBe(true)
  })
})
