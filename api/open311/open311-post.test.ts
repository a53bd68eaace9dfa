import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { makeApp, TEST_OPEN311_KEY, type TestApp } from '../testing.ts'
import { createRequest, jsonBody, KHARKIV_POINT, KYIV_POINT, postRequest, xmlBody } from './open311-test-helpers.ts'

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
/** The fields of a valid request, for forms that repeat a field. */
const BASE_FIELDS: Array<[string, string]> = [['api_key', TEST_OPEN311_KEY], ['service_code', 'pothole'], ['lat', KYIV_POINT.lat], ['long', KYIV_POINT.long]]
const postForm = (fields: Array<[string, string]>) => Promise.resolve(app.request('/open311/v2/requests.json', { method: 'POST', body: new URLSearchParams(fields) }))
const appealRow = async (number: string) =>
  (
    await sql<{ city_id: string; category_id: string; description: string; answers: Record<string, unknown>; source: string; is_public: boolean; show_name: boolean; locale: string }>`
      SELECT city_id, category_id, description, answers, source, is_public, show_name, locale FROM appeals WHERE number = ${number}`.execute(database.db)
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

describe('POST requests: unknown codes', () => {
  it('answers an unknown service_code with a 404 error', async () => {
    expect(await jsonBody(await postRequest(app, { service_code: 'unicorns' }), 404)).toEqual([{ code: 404, description: 'No service_code "unicorns"' }])
  })

  it('answers an unknown jurisdiction_id with a 404 error in XML', async () => {
    expect(await xmlBody(await postRequest(app, { jurisdiction_id: 'atlantis' }, 'xml'), 404)).toEqual({
      '?xml': '',
      errors: { error: [{ code: '404', description: 'No jurisdiction_id "atlantis"' }] },
    })
  })
})

describe('POST requests: what the spec leaves optional', () => {
  it('treats empty and null optional fields of a JSON body as absent', async () => {
    const res = await app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ api_key: TEST_OPEN311_KEY, service_code: 'pothole', lat: 50.4501, long: 30.5234, description: 'JSON', jurisdiction_id: null, email: '', attribute: { size: null }, locale: '' }),
    })
    const [created] = await jsonBody<Array<{ service_request_id: string }>>(res)
    expect(await appealRow(created!.service_request_id)).toMatchObject({ city_id: 'kyiv', answers: {}, locale: 'uk' })
  })

  it('files a request without a description, described by its service', async () => {
    const uk = await createRequest(app, { description: '' })
    const en = await createRequest(app, { description: '', locale: 'en' })
    expect([(await appealRow(uk)).description, (await appealRow(en)).description]).toEqual(['Яма на дорозі', 'Pothole'])
  })

  it('stores attribute[code][] values, the multivaluelist encoding, as the answers', async () => {
    const res = await postForm([...BASE_FIELDS, ['attribute[size][]', 'large'], ['attribute[on_carriageway][]', 'false']])
    const [created] = await jsonBody<Array<{ service_request_id: string }>>(res)
    expect((await appealRow(created!.service_request_id)).answers).toEqual({ size: 'large', on_carriageway: false })
  })

  it('takes a JSON list as an attribute value', async () => {
    const res = await app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ api_key: TEST_OPEN311_KEY, service_code: 'pothole', lat: 50.4501, long: 30.5234, attribute: { size: ['medium'] } }),
    })
    const [created] = await jsonBody<Array<{ service_request_id: string }>>(res)
    expect((await appealRow(created!.service_request_id)).answers).toEqual({ size: 'medium' })
  })

  it('places a request by address_string alone, where the city\'s address search finds it', async () => {
    const { rows } = await database.pool.query<{ address: string }>(
      "SELECT public_properties->>'address' AS address FROM features WHERE layer_id = 'kyiv-polling-stations' AND public_properties ? 'address' ORDER BY id LIMIT 1",
    )
    const address = rows[0]!.address
    const [match] = (await (await app.request(`/api/addresses?city=kyiv&q=${encodeURIComponent(address)}`)).json()) as Array<{ lon: number; lat: number }>
    const id = await createRequest(app, { lat: '', long: '', address_string: address })
    expect(id).toMatch(/^KYIV-/)
    const [request] = await jsonBody<Array<{ lat: number; long: number }>>(await get(`requests/${id}.json`))
    expect({ lat: request!.lat, long: request!.long }).toEqual({ lat: match!.lat, long: match!.lon })
  })

  it('looks the address up in the jurisdiction given', async () => {
    const { rows } = await database.pool.query<{ address: string }>(
      "SELECT public_properties->>'address' AS address FROM features WHERE layer_id = 'kyiv-polling-stations' AND public_properties ? 'address' ORDER BY id LIMIT 1",
    )
    const res = await postRequest(app, { lat: '', long: '', jurisdiction_id: 'zhytomyr', address_string: rows[0]!.address })
    expect(await jsonBody(res, 400)).toEqual([{ code: 400, description: `address_string: no address matches "${rows[0]!.address}"; send lat and long instead` }])
  })

  it('takes api_key from the query string', async () => {
    const res = await app.request(`/open311/v2/requests.json?api_key=${TEST_OPEN311_KEY}`, { method: 'POST', body: new URLSearchParams({ service_code: 'pothole', ...KYIV_POINT }) })
    expect(await jsonBody(res)).toEqual([expect.objectContaining({ service_request_id: expect.stringMatching(/^KYIV-/) })])
  })

  it('refuses a wrong api_key in the query string with a 403 error', async () => {
    const res = await app.request('/open311/v2/requests.json?api_key=guess', { method: 'POST', body: new URLSearchParams({ service_code: 'pothole', ...KYIV_POINT }) })
    expect(await jsonBody(res, 403)).toEqual([{ code: 403, description: 'api_key is missing or not valid' }])
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
    ['a latitude out of range', { lat: '91' }, ['lat: must be between -90 and 90']],
    ['a longitude out of range', { long: '-181' }, ['long: must be between -180 and 180']],
    ['a latitude that is text', { lat: 'fifty' }, ['lat: must be a number (degrees)']],
    ['no point and no address', { lat: '', long: '' }, ['lat: is required: send lat and long, or address_string', 'long: is required: send lat and long, or address_string']],
    ['a latitude without a longitude', { long: '' }, ['long: is required with lat']],
    ['an address no city knows', { lat: '', long: '', address_string: 'Нема такої вулиці, 999999' }, ['address_string: no address matches "Нема такої вулиці, 999999"; send lat and long instead']],
    ['a description over 4000 characters', { description: 'я'.repeat(4001) }, ['description: must be at most 4000 characters']],
    ['a point outside the jurisdiction', { jurisdiction_id: 'kyiv', ...KHARKIV_POINT }, [`lat: the point ${KHARKIV_POINT.lat}, ${KHARKIV_POINT.long} is outside Kyiv`]],
    ['a point outside every city', { lat: '48.5', long: '24.0' }, ['lat: 48.5, 24 is outside every city']],
    ['an unknown attribute', { 'attribute[colour]': 'red' }, ['attribute[colour]: "pothole" asks no question "colour"']],
    ['a wrong attribute value', { 'attribute[size]': 'huge' }, ['attribute[size]: must be one of: small, medium, large']],
    ['a malformed e-mail', { email: 'not-an-address' }, ['email: must be an e-mail address']],
  ])('answers %s with a 400 error naming the field', async (_, fields, descriptions) => {
    const body = await jsonBody<Array<{ code: number; description: string }>>(await postRequest(app, fields), 400)
    expect(body).toEqual(descriptions.map((description) => ({ code: 400, description })))
  })

  it('answers a singlevaluelist given several values with a 400 error', async () => {
    const res = await postForm([...BASE_FIELDS, ['attribute[size][]', 'small'], ['attribute[size][]', 'large']])
    expect(await jsonBody(res, 400)).toEqual([{ code: 400, description: 'attribute[size]: is a singlevaluelist and takes one value, not 2' }])
  })

  it('answers a list value outside the attribute\'s values with a 400 error', async () => {
    const res = await postForm([...BASE_FIELDS, ['attribute[size][]', 'huge']])
    expect(await jsonBody(res, 400)).toEqual([{ code: 400, description: 'attribute[size]: must be one of: small, medium, large' }])
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
