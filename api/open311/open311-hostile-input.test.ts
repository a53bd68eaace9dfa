import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { makeApp, TEST_OPEN311_KEY, type TestApp } from '../testing.ts'
import { KYIV_POINT } from './open311-test-helpers.ts'

let database: Database
let app: TestApp['app']

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

/** Values no parameter may take, not even one we do not read: control characters. */
const CONTROL = ['a\u0000b', '\u0000', 'x\u0001y', 'line\u001bbreak', 'tab\u007f']
/** Values no parameter we read may take: control characters and text longer than any field. */
const ANY_FIELD = [...CONTROL, 'x'.repeat(5000)]
const NUMBERS = ['9'.repeat(400), '-1', '0', '1.5', '1e999', 'NaN', 'Infinity', '-Infinity', '99999999999999999999', '0x10x']
const DATES = ['yesterday', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '2026-01-01T00:00:00+99:99', '2026-01-01']
const DEGREES = ['9'.repeat(400), '91', '-181', '1e999', 'NaN', 'Infinity', '50,45', '0x32', '--50', '50.45.1', ' ']

/** What each query parameter of the `GET` endpoints must refuse, beyond {@link ANY_FIELD}. */
const QUERY: Record<string, string[]> = {
  service_request_id: ['KYIV-2026-1', 'kyiv-2026-000001', ',', 'KYIV-2026-000001,'.repeat(1001)],
  service_code: ['POTHOLE', '../x', 'a,,b', '9'.repeat(400)],
  start_date: DATES,
  end_date: DATES,
  status: ['in_progress', 'open,,', 'OPEN'],
  jurisdiction_id: ['Kyiv', '<script>'],
  locale: ['de', 'UK'],
  page: NUMBERS,
  page_size: [...NUMBERS, '1001'],
  // Not a parameter of ours: still no control characters.
  unknown_parameter: [],
}

/** What each field of `POST requests` must refuse, beyond {@link ANY_FIELD}. */
const FORM: Record<string, string[]> = {
  service_code: ['POTHOLE', '../x'],
  jurisdiction_id: ['Kyiv', '<script>'],
  lat: DEGREES,
  long: DEGREES,
  description: ['я'.repeat(4001)],
  address_string: ['я'.repeat(201)],
  email: ['not-an-address', 'a@b'],
  phone: ['call me', '+1'],
  first_name: ['я'.repeat(201)],
  last_name: ['я'.repeat(201)],
  locale: ['de'],
  'attribute[size]': ['huge', 'SMALL'],
  'attribute[size][]': ['huge'],
  'attribute[on_carriageway]': ['maybe'],
  'attribute[colour]': ['red'],
  device_id: [],
  account_id: [],
  address_id: [],
  media_url: [],
}

/** Answers that are not a 400 Open311 error list in JSON, as `name=value → status body`. */
async function wrongAnswers(requests: Array<{ name: string; value: string; res: Promise<Response> }>): Promise<string[]> {
  const wrong: string[] = []
  for (const { name, value, res } of requests) {
    const answer = await res
    const text = await answer.text()
    let errors: unknown
    try {
      errors = JSON.parse(text)
    } catch {
      errors = undefined
    }
    const open311 =
      answer.headers.get('Content-Type') === 'application/json; charset=utf-8' &&
      Array.isArray(errors) &&
      errors.length > 0 &&
      errors.every((e: { code?: unknown; description?: unknown }) => e.code === 400 && typeof e.description === 'string')
    if (answer.status !== 400 || !open311) wrong.push(`${name}=${JSON.stringify(value.slice(0, 40))} → ${answer.status} ${text.slice(0, 200)}`)
  }
  return wrong
}

describe('hostile query parameters', () => {
  const ENDPOINTS = ['requests.json', 'services.json', 'services/pothole.json', 'discovery.json']

  it.each(Object.keys(QUERY))('answers every hostile %s with a 400 Open311 error', async (name) => {
    const endpoints = name === 'unknown_parameter' ? ENDPOINTS : name === 'jurisdiction_id' || name === 'locale' ? ENDPOINTS.slice(0, 3) : ['requests.json']
    const requests = endpoints.flatMap((endpoint) =>
      [...(name === 'unknown_parameter' ? CONTROL : ANY_FIELD), ...QUERY[name]!].map((value) => ({
        name: `${endpoint}?${name}`,
        value,
        res: Promise.resolve(app.request(`/open311/v2/${endpoint}?${new URLSearchParams({ [name]: value })}`)),
      })),
    )
    expect(await wrongAnswers(requests)).toEqual([])
  })

  it('answers a parameter that is not UTF-8 with a 400 Open311 error', async () => {
    const requests = ['jurisdiction_id=%FF', 'status=%C3%28', 'unknown_parameter=%E2%82', '%FF=1'].map((query) => ({
      name: query,
      value: '',
      res: Promise.resolve(app.request(`/open311/v2/requests.json?${query}`)),
    }))
    expect(await wrongAnswers(requests)).toEqual([])
  })

  it('answers hostile ids in the path with a 400 Open311 error', async () => {
    const requests = ['requests', 'tokens', 'services'].flatMap((collection) =>
      ['a%00b', '%00', '%1B', 'x'.repeat(5000), '%FF%FE'].map((id) => ({
        name: collection,
        value: id,
        res: Promise.resolve(app.request(`/open311/v2/${collection}/${id}.json`)),
      })),
    )
    expect(await wrongAnswers(requests)).toEqual([])
  })
})

describe('hostile fields of POST requests', () => {
  const VALID: Record<string, string> = { api_key: TEST_OPEN311_KEY, service_code: 'pothole', ...KYIV_POINT, description: 'Hostile field test' }

  it.each(Object.keys(FORM))('answers every hostile %s with a 400 Open311 error and files nothing', async (name) => {
    const marker = `hostile-${name}-${crypto.randomUUID()}`
    const requests = [...ANY_FIELD, ...FORM[name]!].map((value) => ({
      name,
      value,
      res: Promise.resolve(app.request('/open311/v2/requests.json', { method: 'POST', body: new URLSearchParams({ ...VALID, description: marker, [name]: value }) })),
    }))
    expect(await wrongAnswers(requests)).toEqual([])
    const filed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM appeals WHERE description = ${marker}`.execute(database.db)
    expect(filed.rows[0]!.n).toBe(0)
  })

  it('answers hostile values in a JSON body with a 400 Open311 error', async () => {
    const bodies: Array<Record<string, unknown>> = [
      { lat: 1e308 * 10 },
      { lat: '50.45', long: [30.5] },
      { description: { text: 'x' } },
      { attribute: { size: ['small', 'large'] } },
      { attribute: { size: [['small']] } },
      { attribute: { size: 'a\u0000b' } },
      { attribute: { 'a\u0000b': 'small' } },
      { service_code: 'a\u0000b' },
    ]
    const requests = bodies.map((fields) => ({
      name: 'json',
      value: JSON.stringify(fields),
      res: Promise.resolve(
        app.request('/open311/v2/requests.json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...VALID, lat: 50.4501, long: 30.5234, ...fields }) }),
      ),
    }))
    expect(await wrongAnswers(requests)).toEqual([])
  })
})
