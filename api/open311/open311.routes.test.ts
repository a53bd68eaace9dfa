import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { applyAppealAction, DiskPhotoStore, listCategories, submitAppeal } from '../appeals/index.ts'
import { TileService } from '../../tiles/index.ts'
import { createApp } from '../index.ts'
import { makeApp, testAppDeps, type TestApp } from '../testing.ts'
import { createRequest, jsonBody, postRequest, W3C_DATETIME, xmlBody, ZHYTOMYR_POINT } from './open311-test-helpers.ts'

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
const SPEC_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']

type Request = Record<string, unknown> & { service_request_id: string; status: string }
const requests = async (query: string) => jsonBody<Request[]>(await get(`requests.json?${query}`))
const ids = (list: Request[]) => list.map((r) => r.service_request_id)

const STAFF = { actor: 'user:1', baseUrl: 'http://localhost' }
/** Works an open mowing appeal through to resolved, a closed status. */
async function resolve(id: string): Promise<void> {
  await applyAppealAction(database.db, id, { kind: 'assign', organisationId: 'kyiv-greenery' }, STAFF)
  await applyAppealAction(database.db, id, { kind: 'resolve' }, STAFF)
}

describe('GET discovery', () => {
  it('names the endpoint, its formats and how to get a key (JSON)', async () => {
    expect(await jsonBody(await get('discovery.json'))).toEqual({
      changeset: expect.stringMatching(W3C_DATETIME),
      contact: expect.stringContaining('http://localhost'),
      key_service: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'http://localhost/open311/v2',
          changeset: expect.stringMatching(W3C_DATETIME),
          type: 'test',
          formats: ['application/json', 'text/xml'],
        },
      ],
    })
  })

  it('lists the formats as repeated elements in XML', async () => {
    const xml = await xmlBody(await get('discovery.xml'))
    expect(xml).toMatchObject({
      discovery: {
        endpoints: { endpoint: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://localhost/open311/v2', type: 'test', formats: { format: ['application/json', 'text/xml'] } }] },
      },
    })
  })

  it('answers an unknown format with 404', async () => {
    expect((await get('discovery.csv')).status).toBe(404)
  })

  it('says type production outside demo mode', async () => {
    const production = createApp({ ...testAppDeps(database, await TileService.create(database.db)), demoMode: false })
    const discovery = await jsonBody<{ endpoints: Array<{ type: string }> }>(await production.request('/open311/v2/discovery.json'))
    expect(discovery.endpoints.map((e) => e.type)).toEqual(['production'])
  })
})

describe('GET services', () => {
  it('lists one service per appeal category, in catalogue order, with the spec fields', async () => {
    const categories = await listCategories(database.db)
    const services = await jsonBody<Array<Record<string, unknown>>>(await get('services.json'))
    expect(services.map((s) => s.service_code)).toEqual(categories.map((c) => c.id))
    for (const s of services) {
      expect(s).toEqual({
        service_code: expect.any(String),
        service_name: expect.any(String),
        description: expect.any(String),
        metadata: expect.any(Boolean),
        type: 'realtime',
        keywords: expect.any(String),
        group: expect.any(String),
        synthetic_requests: expect.any(Boolean),
      })
    }
  })

  it('describes a category in Ukrainian, metadata true when it asks extra questions', async () => {
    const services = await jsonBody<Array<Record<string, unknown>>>(await get('services.json'))
    expect(services.find((s) => s.service_code === 'pothole')).toEqual({
      service_code: 'pothole',
      service_name: 'Яма на дорозі',
      description: 'Звернення до міста: «Яма на дорозі». Додаткові відомості: Розмір; На проїжджій частині.',
      metadata: true,
      type: 'realtime',
      keywords: 'roads,pothole',
      group: 'roads',
      // Which services hold synthetic requests is open311-synthetic.test.ts's.
      synthetic_requests: expect.any(Boolean),
    })
    expect(services.find((s) => s.service_code === 'sidewalk')).toMatchObject({ metadata: false, description: 'Звернення до міста: «Пошкоджений тротуар».' })
  })

  it('names and describes the services in English with ?locale=en', async () => {
    const services = await jsonBody<Array<Record<string, unknown>>>(await get('services.json?locale=en'))
    expect(services.find((s) => s.service_code === 'pothole')).toMatchObject({
      service_name: 'Pothole',
      description: 'An appeal to the city: "Pothole". Details asked: Size; On the carriageway.',
    })
  })

  it('describes every service by its category, never by the answer term alone', async () => {
    const categories = await listCategories(database.db)
    const services = await jsonBody<Array<{ service_code: string; description: string }>>(await get('services.json?locale=en'))
    for (const s of services) {
      const category = categories.find((c) => c.id === s.service_code)!
      expect(s.description).toContain(`"${category.name.en}"`)
      expect(s.description).not.toMatch(/days/)
    }
  })

  it('sends the same services as well-formed XML', async () => {
    const json = await jsonBody<Array<Record<string, unknown>>>(await get('services.json'))
    const xml = await xmlBody(await get('services.xml'))
    const services = (xml.services as { service: Array<Record<string, string>> }).service
    expect(services).toEqual(json.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)]))))
  })

  it('takes a known jurisdiction_id', async () => {
    expect(await jsonBody<unknown[]>(await get('services.json?jurisdiction_id=kyiv'))).not.toHaveLength(0)
  })

  it('answers an unknown jurisdiction_id with a 404 Open311 error', async () => {
    expect(await jsonBody(await get('services.json?jurisdiction_id=atlantis'), 404)).toEqual([{ code: 404, description: 'No jurisdiction_id "atlantis"' }])
  })

  it('answers a malformed jurisdiction_id with a 400 error in XML', async () => {
    expect(await xmlBody(await get('services.xml?jurisdiction_id=%3Cscript%3E'), 400)).toMatchObject({
      errors: { error: [{ code: '400', description: 'jurisdiction_id: must be a slug like kyiv-land-parcels' }] },
    })
  })
})

describe('GET services/{service_code}', () => {
  it('lists the extra questions as attributes with their values, and the answer term', async () => {
    expect(await jsonBody(await get('services/pothole.json'))).toEqual({
      service_code: 'pothole',
      term_days: 30,
      attributes: [
        {
          variable: true,
          code: 'size',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: 'Один із варіантів',
          order: 1,
          description: 'Розмір',
          values: [
            { key: 'small', name: 'До 30 см' },
            { key: 'medium', name: '30–100 см' },
            { key: 'large', name: 'Понад 1 м' },
          ],
        },
        {
          variable: true,
          code: 'on_carriageway',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: 'Так чи ні',
          order: 2,
          description: 'На проїжджій частині',
          values: [
            { key: 'true', name: 'Так' },
            { key: 'false', name: 'Ні' },
          ],
        },
      ],
    })
  })

  it('maps text to string, integer to number and date to datetime, without values', async () => {
    const light = await jsonBody<{ attributes: Array<Record<string, unknown>> }>(await get('services/street-light.json?locale=en'))
    const water = await jsonBody<{ attributes: Array<Record<string, unknown>> }>(await get('services/water-outage.json?locale=en'))
    expect([...light.attributes, ...water.attributes].map((a) => [a.code, a.datatype, 'values' in a])).toEqual([
      ['pole_number', 'string', false],
      ['lights_count', 'number', false],
      ['since', 'datetime', false],
      ['hot_or_cold', 'singlevaluelist', true],
    ])
    expect(water.attributes[0]).toMatchObject({ description: 'Since', datatype_description: 'A date as YYYY-MM-DD' })
  })

  it('uses only the datatypes of the spec, in every category', async () => {
    for (const category of await listCategories(database.db)) {
      const { attributes } = await jsonBody<{ attributes: Array<{ datatype: string }> }>(await get(`services/${category.id}.json`))
      for (const a of attributes) expect(SPEC_DATATYPES, category.id).toContain(a.datatype)
    }
  })

  it('sends attributes and values as repeated elements in XML', async () => {
    const xml = await xmlBody(await get('services/pothole.xml'))
    expect(xml).toMatchObject({
      service_definition: {
        service_code: 'pothole',
        attributes: { attribute: [{ code: 'size', variable: 'true', order: '1', values: { value: [{ key: 'small' }, { key: 'medium' }, { key: 'large' }] } }, { code: 'on_carriageway' }] },
      },
    })
  })

  it('answers an unknown service_code with a 404 error, JSON or XML', async () => {
    expect(await jsonBody(await get('services/unicorns.json'), 404)).toEqual([{ code: 404, description: 'No service_code "unicorns"' }])
    expect(await xmlBody(await get('services/unicorns.xml'), 404)).toMatchObject({ errors: { error: [{ code: '404', description: 'No service_code "unicorns"' }] } })
  })

  it('takes a known jurisdiction_id and answers an unknown one with a 404 error', async () => {
    expect(await jsonBody(await get('services/pothole.json?jurisdiction_id=kyiv'))).toMatchObject({ service_code: 'pothole' })
    expect(await jsonBody(await get('services/pothole.json?jurisdiction_id=atlantis'), 404)).toEqual([{ code: 404, description: 'No jurisdiction_id "atlantis"' }])
  })
})

describe('GET requests/{service_request_id}', () => {
  it('shows a request with every spec field and the right types', async () => {
    const id = await createRequest(app, { service_code: 'sidewalk' })
    const { address } = await sql<{ address: string | null }>`SELECT address FROM appeals WHERE number = ${id}`.execute(database.db).then((r) => r.rows[0]!)
    const [request] = await jsonBody<Request[]>(await get(`requests/${id}.json`))
    expect(request).toEqual({
      service_request_id: id,
      status: 'open',
      status_notes: 'new',
      service_name: 'Пошкоджений тротуар',
      service_code: 'sidewalk',
      description: 'Глибока яма біля зупинки',
      agency_responsible: 'Департамент транспортної інфраструктури',
      service_notice: expect.stringContaining(id),
      requested_datetime: expect.stringMatching(W3C_DATETIME),
      updated_datetime: expect.stringMatching(W3C_DATETIME),
      expected_datetime: expect.stringMatching(W3C_DATETIME),
      address,
      address_id: null,
      zipcode: null,
      lat: 50.4501,
      long: 30.5234,
      media_url: null,
      synthetic: false,
    })
    const days = (Date.parse(request!.expected_datetime as string) - Date.parse(request!.requested_datetime as string)) / 86_400_000
    expect(Math.round(days)).toBe(30)
  })

  it('names the service and the agency in English with ?locale=en', async () => {
    const id = await createRequest(app, { service_code: 'sidewalk' })
    expect((await requests(`service_request_id=${id}&locale=en`))[0]).toMatchObject({ service_name: 'Damaged pavement', agency_responsible: 'Transport Infrastructure Department' })
  })

  it('sends the same request as well-formed XML', async () => {
    const id = await createRequest(app, { service_code: 'sidewalk' })
    const xml = await xmlBody(await get(`requests/${id}.xml`))
    const [request] = (xml.service_requests as { request: Array<Record<string, string>> }).request
    expect(request).toMatchObject({ service_request_id: id, status: 'open', service_code: 'sidewalk', lat: '50.4501', long: '30.5234', address_id: '', media_url: '' })
    expect(request!.requested_datetime).toMatch(W3C_DATETIME)
  })

  it('shows the detailed status with the latest response, open until resolved', async () => {
    const id = await createRequest(app, { service_code: 'mowing' })
    await applyAppealAction(database.db, id, { kind: 'register' }, { ...STAFF, response: 'Передано в КП «Зеленбуд»' })
    expect((await requests(`service_request_id=${id}`))[0]).toMatchObject({ status: 'open', status_notes: 'registered — Передано в КП «Зеленбуд»' })
    await applyAppealAction(database.db, id, { kind: 'assign', organisationId: 'kyiv-greenery' }, STAFF)
    await applyAppealAction(database.db, id, { kind: 'resolve' }, { ...STAFF, response: 'Траву скошено' })
    expect((await requests(`service_request_id=${id}`))[0]).toMatchObject({ status: 'closed', status_notes: 'resolved — Траву скошено', agency_responsible: 'КП «Зеленбуд»' })
  })

  it("links the resident's first photo as media_url, by the versioned name its redaction changes", async () => {
    const id = await createRequest(app)
    const key = `test-open311-${id}`
    const photo = await sql<{ id: number; version: string }>`
      INSERT INTO appeal_photos (appeal_id, position, storage_key, width, height, bytes)
      SELECT id, 0, ${key}, 800, 600, 1000 FROM appeals WHERE number = ${id} RETURNING id, left(md5(storage_key), 12) AS version`.execute(database.db)
    const { id: photoId, version } = photo.rows[0]!
    expect((await requests(`service_request_id=${id}`))[0]!.media_url).toBe(`http://localhost/api/appeals/${id}/photos/${photoId}.${version}.jpg`)
    const page = (await (await app.request(`/api/appeals/${id}`)).json()) as { photos: Array<{ url: string }> }
    expect(page.photos[0]!.url).toBe(`http://localhost/api/appeals/${id}/photos/${photoId}.${version}.jpg`)
  })

  it('answers an unknown id with a 404 error', async () => {
    expect(await jsonBody(await get('requests/KYIV-1999-999999.json'), 404)).toEqual([{ code: 404, description: 'No service request "KYIV-1999-999999"' }])
  })

  it('gives the same notice as the filing while the request is open', async () => {
    const [created] = await jsonBody<Array<{ service_request_id: string; service_notice: string }>>(await postRequest(app, { service_code: 'yard' }))
    const [request] = await jsonBody<Request[]>(await get(`requests/${created!.service_request_id}.json`))
    expect(request!.service_notice).toBe(created!.service_notice)
  })

  it('notes a closed request with its public page', async () => {
    const id = await createRequest(app, { service_code: 'mowing' })
    await resolve(id)
    expect((await requests(`service_request_id=${id}`))[0]!.service_notice).toBe(`Звернення ${id} розглянуто; відповідь міста: http://localhost/appeals/${id}`)
    expect((await requests(`service_request_id=${id}&locale=en`))[0]!.service_notice).toBe(`Appeal ${id} is closed; the city's answer: http://localhost/appeals/${id}`)
  })

  it('answers a NUL in the id with a 400 error, never 500', async () => {
    expect(await jsonBody(await get('requests/a%00b.json'), 400)).toEqual([{ code: 400, description: expect.stringMatching(/path.*NUL/) }])
    expect(await xmlBody(await get('tokens/a%00b.xml'), 400)).toMatchObject({ errors: { error: [{ code: '400', description: expect.stringMatching(/path.*NUL/) }] } })
  })

  it('answers another control character in the id with a 400 error', async () => {
    expect(await jsonBody(await get('requests/a%1Bb.json'), 400)).toEqual([{ code: 400, description: 'The path must not contain control characters' }])
  })

  it('answers a hostile id with a 404 error, escaped in XML', async () => {
    expect((await get(`requests/${encodeURIComponent("' OR '1'='1")}.json`)).status).toBe(404)
    const xml = await xmlBody(await get(`requests/${encodeURIComponent('<script>alert(1)</script>')}.xml`), 404)
    expect(xml).toMatchObject({ errors: { error: [{ code: '404', description: 'No service request "<script>alert(1)</script>"' }] } })
  })

  it('never shows an appeal that is not public', async () => {
    const body = { city: 'kyiv', category: 'yard', lat: 50.4501, lon: 30.5234, description: 'Не для всіх', show_name: false, public: false, locale: 'uk' } as const
    const { receipt } = await submitAppeal(database.db, body, [], { store: new DiskPhotoStore(mkdtempSync(join(tmpdir(), 'hromada-photos-'))), baseUrl: 'http://localhost', source: 'web', actor: 'resident' })
    expect((await get(`requests/${receipt.number}.json`)).status).toBe(404)
    expect(await requests(`service_request_id=${receipt.number}`)).toEqual([])
    expect(ids(await requests('service_code=yard'))).not.toContain(receipt.number)
  })
})

describe('GET requests', () => {
  it('shows only the statuses open and closed', async () => {
    const id = await createRequest(app, { service_code: 'mowing' })
    await resolve(id)
    const list = await requests('')
    expect(ids(list)).toContain(id)
    expect(new Set(list.map((r) => r.status))).toEqual(new Set(['open', 'closed']))
  })

  it('filters by status', async () => {
    const open = await createRequest(app, { service_code: 'mowing' })
    const closed = await createRequest(app, { service_code: 'mowing' })
    await resolve(closed)
    const openList = await requests('status=open&service_code=mowing')
    const closedList = await requests('status=closed&service_code=mowing')
    expect([ids(openList).includes(open), ids(openList).includes(closed)]).toEqual([true, false])
    expect([ids(closedList).includes(open), ids(closedList).includes(closed)]).toEqual([false, true])
    expect(openList.every((r) => r.status === 'open') && closedList.every((r) => r.status === 'closed')).toBe(true)
    expect(ids(await requests('status=open,closed&service_code=mowing'))).toEqual(expect.arrayContaining([open, closed]))
  })

  it('answers an unknown service_code with a 404 error', async () => {
    expect(await jsonBody(await get('requests.json?service_code=yard,unicorns'), 404)).toEqual([{ code: 404, description: 'No service_code "unicorns"' }])
    expect(await xmlBody(await get('requests.xml?service_code=unicorns'), 404)).toMatchObject({ errors: { error: [{ code: '404', description: 'No service_code "unicorns"' }] } })
  })

  it('filters by a list of service codes', async () => {
    const yard = await createRequest(app, { service_code: 'yard' })
    const playground = await createRequest(app, { service_code: 'playground' })
    const list = await requests('service_code=yard,playground')
    expect(ids(list)).toEqual(expect.arrayContaining([yard, playground]))
    expect(new Set(list.map((r) => r.service_code))).toEqual(new Set(['yard', 'playground']))
  })

  it('filters by jurisdiction', async () => {
    const id = await createRequest(app, { service_code: 'yard' })
    expect(ids(await requests('jurisdiction_id=kyiv'))).toContain(id)
    expect(ids(await requests('jurisdiction_id=kharkiv'))).not.toContain(id)
    expect(await jsonBody(await get('requests.json?jurisdiction_id=atlantis'), 404)).toEqual([{ code: 404, description: 'No jurisdiction_id "atlantis"' }])
  })

  it('takes a list of ids and then ignores every other filter', async () => {
    const a = await createRequest(app, { service_code: 'yard' })
    const b = await createRequest(app, { service_code: 'playground' })
    const list = await requests(`service_request_id=${a},${b},KYIV-1999-999999&status=closed&service_code=mowing&jurisdiction_id=kharkiv`)
    expect(ids(list)).toEqual([b, a])
  })

  it('shows the last 90 days by default, older requests in an explicit window', async () => {
    const old = await createRequest(app, { service_code: 'illegal-dump' })
    await sql`UPDATE appeals SET created_at = now() - interval '120 days' WHERE number = ${old}`.execute(database.db)
    expect(ids(await requests('service_code=illegal-dump'))).not.toContain(old)
    const start = new Date(Date.now() - 130 * 86_400_000).toISOString()
    const end = new Date(Date.now() - 110 * 86_400_000).toISOString()
    expect(ids(await requests(`service_code=illegal-dump&start_date=${start}&end_date=${end}`))).toContain(old)
    expect(ids(await requests(`service_code=illegal-dump&start_date=${start}`))).toContain(old)
    expect(ids(await requests(`service_request_id=${old}`))).toEqual([old])
  })

  it('takes datetimes with any offset', async () => {
    const id = await createRequest(app, { service_code: 'illegal-dump' })
    const [request] = await requests(`service_request_id=${id}`)
    const kyiv = request!.requested_datetime as string
    const utc = new Date(Date.parse(kyiv) + 1000).toISOString()
    expect(kyiv).toMatch(/\+0[23]:00$/)
    expect(ids(await requests(`service_code=illegal-dump&start_date=${encodeURIComponent(kyiv)}&end_date=${utc}`))).toContain(id)
  })

  it.each([
    ['a window over 90 days', 'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'end_date: the window may span at most 90 days'],
    ['an end before the start', 'start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z', 'end_date: must not be before start_date'],
    ['a date that is not a W3C datetime', 'start_date=yesterday', 'start_date: must be a W3C datetime with a time zone, e.g. 2026-05-04T09:30:00+03:00'],
    ['a status other than open or closed', 'status=in_progress', 'status.0: must be open or closed'],
    ['a malformed id', 'service_request_id=%3Cscript%3E', 'service_request_id.0: must be an appeal number like KYIV-2026-000123'],
    ['a page size over 1000', 'page_size=1001', 'page_size: Too big: expected number to be <=1000'],
    ['page 0', 'page=0', 'page: Too small: expected number to be >=1'],
  ])('answers %s with a 400 error', async (_, query, description) => {
    expect(await jsonBody(await get(`requests.json?${query}`), 400)).toEqual([{ code: 400, description }])
  })

  it('pages with page and page_size, newest first, linking the next and the previous page', async () => {
    const since = new Date(Date.now() - 1000).toISOString()
    const made: string[] = []
    for (let i = 0; i < 3; i++) made.push(await createRequest(app, { service_code: 'stray-animals', jurisdiction_id: 'zhytomyr', ...ZHYTOMYR_POINT }))
    const query = `jurisdiction_id=zhytomyr&service_code=stray-animals&start_date=${encodeURIComponent(since)}&page_size=2`
    const first = await get(`requests.json?${query}`)
    expect(first.headers.get('Link')).toBe(`<http://localhost/open311/v2/requests.json?${query}&page=2>; rel="next"`)
    expect(ids(await jsonBody<Request[]>(first))).toEqual([made[2], made[1]])
    const second = await get(`requests.json?${query}&page=2`)
    expect(second.headers.get('Link')).toBe(`<http://localhost/open311/v2/requests.json?${query}&page=1>; rel="prev"`)
    expect(ids(await jsonBody<Request[]>(second))).toEqual([made[0]])
  })

  it('sends the list as well-formed XML with one request element each', async () => {
    const id = await createRequest(app, { service_code: 'yard' })
    const xml = await xmlBody(await get(`requests.xml?service_request_id=${id}`))
    expect(xml).toMatchObject({ service_requests: { request: [{ service_request_id: id, status: 'open', service_code: 'yard' }] } })
  })
})

describe('empty parameters', () => {
  it('treats every empty optional parameter of GET requests as absent', async () => {
    const id = await createRequest(app, { service_code: 'yard' })
    const list = await requests('jurisdiction_id=&status=&service_code=&start_date=&end_date=&service_request_id=&page=&page_size=&locale=')
    expect(ids(list)).toContain(id)
  })

  it('treats empty jurisdiction_id and locale of services and a service definition as absent', async () => {
    expect(await jsonBody(await get('services.json?jurisdiction_id=&locale='))).toEqual(await jsonBody(await get('services.json')))
    expect(await jsonBody(await get('services/pothole.json?jurisdiction_id=&locale='))).toEqual(await jsonBody(await get('services/pothole.json')))
  })

  it('treats an empty locale of one request as absent', async () => {
    const id = await createRequest(app, { service_code: 'yard' })
    expect(await jsonBody(await get(`requests/${id}.json?locale=`))).toEqual(await jsonBody(await get(`requests/${id}.json`)))
  })
})

describe('paths that name no endpoint', () => {
  it.each([
    ['GET', 'foo', 'json'],
    ['GET', 'foo.xml', 'xml'],
    ['GET', 'requests/x/y.json', 'json'],
    ['GET', 'requests/x/y.xml', 'xml'],
    ['GET', 'services', 'json'],
    ['POST', 'services.json', 'json'],
    ['DELETE', 'requests.xml', 'xml'],
  ] as const)('answers %s %s with a 404 Open311 error in %s', async (method, path, format) => {
    const res = await app.request(`/open311/v2/${path}`, { method })
    const description = `No endpoint "${method} /open311/v2/${path}"`
    if (format === 'json') expect(await jsonBody(res, 404)).toEqual([{ code: 404, description }])
    else expect(await xmlBody(res, 404)).toEqual({ '?xml': '', errors: { error: [{ code: '404', description }] } })
  })
})

describe('GET tokens/{token}', () => {
  it('answers with the request id, which is the token', async () => {
    const id = await createRequest(app)
    expect(await jsonBody(await get(`tokens/${id}.json`))).toEqual([{ service_request_id: id, token: id }])
    expect(await xmlBody(await get(`tokens/${id}.xml`))).toMatchObject({ service_requests: { request: [{ service_request_id: id, token: id }] } })
  })

  it('answers an unknown token with a 404 error', async () => {
    expect(await jsonBody(await get('tokens/no-such-token.json'), 404)).toEqual([{ code: 404, description: 'No token "no-such-token"' }])
  })
})

