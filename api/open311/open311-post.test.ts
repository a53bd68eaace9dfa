import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { makeApp, TEST_OPEN311_KEY, type TestApp } from '../test-helpers.ts'
import { createRequest, jsonBody, KHARKIV_POINT, postRequest, xmlBody } from './open311-test-helpers.ts'

let database: Database
let app: TestApp['app']

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

const get = (path: string) => Promise.resolve(app.request(`/open311/v2/${path}`))
const appealRow = async (number: string) =>
  (
    await sql<{ city_id: string; category_id: string; answers: Record<string, unknown>; source: string; is_public: boolean; show_name: boolean; locale: string }>`
      SELECT city_id, category_id, answers, source, is_public, show_name, locale FROM appeals WHERE number = ${number}`.execute(database.db)
  ).rows[0]!

describe('POST requests', () => {
  it('files a public appeal and answers with its id and a notice', async () => {
    const res = await postRequest(app)
    const body = await jsonBody<Array<Record<string, unknown>>>(res)
    const id = body[0]!.service_request_id as string
    expect(body).toEqual([{ service_request_id: expect.stringMatching(/^KYIV-\d{4}-\d{6}$/), service_notice: expect.stringContaining(id), account_id: null }])
    expect(body[0]!.service_notice).toMatch(/^Зареєстровано за номером .+; відповідь — до \d{4}-\d{2}-\d{2}\. http:\/\/localhost\/appeals\//)
    expect(await appealRow(id)).toMatchObject({ city_id: 'kyiv', category_id: 'pothole', source: 'open311', is_public: true, show_name: false, locale: 'uk' })
  })

  it('makes the request visible at GET requests/{id}', async () => {
    const id = await createRequest(app, { description: 'Вибоїна на перехресті' })
    const [request] = await jsonBody<Array<Record<string, unknown>>>(await get(`requests/${id}.json`))
    expect(request).toMatchObject({ service_request_id: id, status: 'open', service_code: 'pothole', description: 'Вибоїна на перехресті', lat: 50.4501, long: 30.5234 })
  })

  it('answers in XML at requests.xml, with account_id empty', async () => {
    const xml = await xmlBody(await postRequest(app, {}, 'xml'))
    expect(xml).toMatchObject({ service_requests: { request: [{ service_request_id: expect.stringMatching(/^KYIV-/), service_notice: expect.any(String), account_id: '' }] } })
  })

  it('records the client by a prefix of its key in the audit trail', async () => {
    const id = await createRequest(app)
    const event = await sql<{ actor: string }>`SELECT e.actor FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id WHERE a.number = ${id}`.execute(database.db)
    expect(event.rows).toEqual([{ actor: `open311:${TEST_OPEN311_KEY.slice(0, 6)}` }])
  })

  it('stores attribute[code] values as the answers to the extra questions', async () => {
    const id = await createRequest(app, { 'attribute[size]': 'large', 'attribute[on_carriageway]': 'true' })
    expect((await appealRow(id)).answers).toEqual({ size: 'large', on_carriageway: true })
  })

  it('takes a JSON body with a nested attribute object', async () => {
    const res = await app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ api_key: TEST_OPEN311_KEY, service_code: 'pothole', lat: 50.4501, long: 30.5234, description: 'JSON', attribute: { size: 'small' }, locale: 'en' }),
    })
    const [created] = await jsonBody<Array<{ service_request_id: string; service_notice: string }>>(res)
    expect(created!.service_notice).toMatch(/^Registered as /)
    expect(await appealRow(created!.service_request_id)).toMatchObject({ answers: { size: 'small' }, locale: 'en' })
  })

  it('refuses a JSON attribute that is not an object', async () => {
    const res = await app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ api_key: TEST_OPEN311_KEY, service_code: 'pothole', lat: 50.4501, long: 30.5234, description: 'JSON', attribute: 'size=small' }),
    })
    expect(await jsonBody(res, 400)).toEqual([{ code: 400, description: 'attribute: Invalid input: expected record, received string' }])
  })

  it('finds the jurisdiction from the point when none is given', async () => {
    expect(await createRequest(app, KHARKIV_POINT)).toMatch(/^KHARKIV-/)
  })

  it('ignores blank optional fields and the fields it does not keep', async () => {
    const id = await createRequest(app, { email: ' ', phone: '', address_string: 'вул. Хрещатик, 1', device_id: 'abc', account_id: '42', media_url: 'http://127.0.0.1:9/photo.jpg' })
    const [request] = await jsonBody<Array<Record<string, unknown>>>(await get(`requests/${id}.json`))
    expect(request!.media_url).toBeNull()
  })

  it('replays a retry with the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': `test-open311-${crypto.randomUUID()}` }
    const first = await jsonBody<Array<{ service_request_id: string }>>(await postRequest(app, {}, 'json', headers))
    const again = await postRequest(app, {}, 'json', headers)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect((await jsonBody<Array<{ service_request_id: string }>>(again))[0]!.service_request_id).toBe(first[0]!.service_request_id)
  })
})

describe('POST requests: the API key', () => {
  it('refuses a request without a key with a 403 error', async () => {
    expect(await jsonBody(await postRequest(app, { api_key: '' }), 403)).toEqual([{ code: 403, description: 'api_key is missing or not valid' }])
  })

  it('refuses a wrong key with a 403 error in XML', async () => {
    expect(await xmlBody(await postRequest(app, { api_key: 'guess' }, 'xml'), 403)).toEqual({
      '?xml': '',
      errors: { error: [{ code: '403', description: 'api_key is missing or not valid' }] },
    })
  })

  it('checks the key before anything else', async () => {
    expect(await jsonBody(await postRequest(app, { api_key: 'guess', lat: 'abc', service_code: 'unicorns' }), 403)).toHaveLength(1)
  })

  it('files nothing without a valid key', async () => {
    const description = `test-open311-${crypto.randomUUID()}`
    expect((await postRequest(app, { api_key: 'guess', description })).status).toBe(403)
    const filed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM appeals WHERE description = ${description}`.execute(database.db)
    expect(filed.rows[0]!.n).toBe(0)
  })
})

describe('POST requests: bad input', () => {
  it.each([
    ['an unknown service_code', { service_code: 'unicorns' }, ['service_code: no appeal category "unicorns"']],
    ['a latitude out of range', { lat: '91' }, ['lat: must be between -90 and 90']],
    ['a longitude out of range', { long: '-181' }, ['long: must be between -180 and 180']],
    ['a latitude that is text', { lat: 'fifty' }, ['lat: must be a number (degrees)']],
    ['an address without a point', { lat: '', long: '', address_string: 'вул. Хрещатик, 1' }, ['lat: is required: this server does not look up address_string, send the point', 'long: is required: this server does not look up address_string, send the point']],
    ['no description', { description: '' }, ['description: is required']],
    ['a point outside the jurisdiction', { jurisdiction_id: 'kyiv', ...KHARKIV_POINT }, [`lat: the point ${KHARKIV_POINT.lat}, ${KHARKIV_POINT.long} is outside Kyiv`]],
    ['a point outside every city', { lat: '48.5', long: '24.0' }, ['lat: 48.5, 24 is outside every city']],
    ['an unknown jurisdiction', { jurisdiction_id: 'atlantis' }, ['jurisdiction_id: no city "atlantis"']],
    ['an unknown attribute', { 'attribute[colour]': 'red' }, ['attribute[colour]: "pothole" asks no question "colour"']],
    ['a wrong attribute value', { 'attribute[size]': 'huge' }, ['attribute[size]: must be one of: small, medium, large']],
    ['a malformed e-mail', { email: 'not-an-address' }, ['email: must be an e-mail address']],
  ])('answers %s with a 400 error naming the field', async (_, fields, descriptions) => {
    const body = await jsonBody<Array<{ code: number; description: string }>>(await postRequest(app, fields), 400)
    expect(body).toEqual(descriptions.map((description) => ({ code: 400, description })))
  })

  it('answers a body it cannot read with 415', async () => {
    const res = await app.request('/open311/v2/requests.xml', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'api_key=x' })
    expect(await xmlBody(res, 415)).toMatchObject({ errors: { error: [{ code: '415' }] } })
  })

  it('answers broken JSON with a 400 error', async () => {
    const res = await app.request('/open311/v2/requests.json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"api_key":' })
    expect(await jsonBody(res, 400)).toEqual([{ code: 400, description: 'The body is not valid JSON' }])
  })
})

describe('POST requests: hostile text', () => {
  const SCRIPT = '<script>alert("x")</script> & <b>bold</b>'

  it('gives markup back as text in JSON', async () => {
    const id = await createRequest(app, { description: SCRIPT })
    expect((await jsonBody<Array<{ description: string }>>(await get(`requests/${id}.json`)))[0]!.description).toBe(SCRIPT)
  })

  it('escapes markup in XML, which parses back to the same text', async () => {
    const id = await createRequest(app, { description: SCRIPT })
    const res = await get(`requests/${id}.xml`)
    const text = await res.clone().text()
    expect(text).not.toContain('<script>')
    expect(text).toContain('&lt;script&gt;')
    expect(await xmlBody(res)).toMatchObject({ service_requests: { request: [{ description: SCRIPT }] } })
  })
})

describe('privacy', () => {
  const CONTACT = { email: 'olena.test311@example.org', first_name: 'Олена', last_name: 'Приватна-Тест', phone: '+380 67 765 43 21' }
  const SECRETS = [CONTACT.email, CONTACT.first_name, CONTACT.last_name, CONTACT.phone, '765 43 21']

  it('never shows the contact details of a request in any response', async () => {
    const created = await postRequest(app, CONTACT)
    const createdText = await created.clone().text()
    const id = ((await created.json()) as Array<{ service_request_id: string }>)[0]!.service_request_id
    const stored = await sql<{ contact_email: string; contact_name: string; contact_phone: string }>`
      SELECT contact_email, contact_name, contact_phone FROM appeals WHERE number = ${id}`.execute(database.db)
    expect(stored.rows[0]).toEqual({ contact_email: CONTACT.email, contact_name: 'Олена Приватна-Тест', contact_phone: CONTACT.phone })
    const since = encodeURIComponent(new Date(Date.now() - 60_000).toISOString())
    const paths = [
      `requests/${id}.json`,
      `requests/${id}.xml`,
      `requests.json?service_request_id=${id}`,
      `requests.xml?service_request_id=${id}`,
      `requests.json?start_date=${since}`,
      `requests.xml?start_date=${since}&jurisdiction_id=kyiv`,
      `tokens/${id}.json`,
      `tokens/${id}.xml`,
    ]
    for (const text of [createdText, ...(await Promise.all(paths.map(async (p) => (await get(p)).text())))]) {
      expect(text).toContain(id)
      for (const secret of SECRETS) expect(text, `leaks ${secret}`).not.toContain(secret)
    }
  })
})
