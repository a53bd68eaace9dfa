/**
 * An appeal filed with a name, an e-mail and a phone (and the name kept private): none of the
 * three appears in any public answer about it — API, GeoJSON, CSV, tiles, Open311 JSON and XML.
 */
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { lonLatToTile } from '../../tiles/index.ts'
import { bodyBytes, makeApp, type TestApp } from '../testing.ts'
import { appealBody, postMultipart } from './appeal-test-helpers.ts'

const NAME = 'Приватна Оксана Степанівна'
const EMAIL = 'oksana.private@example.org'
const PHONE = '+380 93 765 43 21'
const SECRETS = [NAME, EMAIL, PHONE, PHONE.replaceAll(' ', ''), 'oksana.private', 'Степанівна']
const AT = { lat: 50.4547, lon: 30.5038 }

let database: Database
let app: TestApp['app']
let number: string
let photoUrl: string

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  const body = appealBody({ ...AT })
  const res = await postMultipart(
    app,
    { city: 'kyiv', category: 'pothole', lat: String(AT.lat), lon: String(AT.lon), description: String(body.description), 'contact[name]': NAME, 'contact[email]': EMAIL, 'contact[phone]': PHONE },
    [{ name: 'p.jpg', type: 'image/jpeg', bytes: await sharp({ create: { width: 64, height: 64, channels: 3, background: '#123456' } }).jpeg().toBuffer() }],
  )
  expect(res.status).toBe(201)
  ;({ number } = (await res.json()) as { number: string })
  const page = (await (await app.request(`/api/appeals/${number}`)).json()) as { photos: Array<{ url: string }> }
  photoUrl = new URL(page.photos[0]!.url).pathname
  // The tiles read the layer directory, refreshed every half second.
  await new Promise((r) => setTimeout(r, 600))
})
afterAll(async () => {
  await database.close()
})

async function publicText(path: string): Promise<string> {
  const res = await app.request(path, { headers: { 'Accept-Encoding': 'identity' } })
  expect(res.status, path).toBe(200)
  return Buffer.from(await bodyBytes(res)).toString(path.endsWith('.mvt') ? 'latin1' : 'utf8')
}

describe('an appeal\'s personal data', () => {
  it('is stored, so the walk below is not vacuous', async () => {
    const track = await app.request(`/api/appeals/${number}`)
    expect(track.status).toBe(200)
    const { rows } = await database.pool.query('SELECT contact_name, contact_email, contact_phone FROM appeals WHERE number = $1', [number])
    expect(rows[0]).toEqual({ contact_name: NAME, contact_email: EMAIL, contact_phone: PHONE })
  })

  const bbox = `${AT.lon - 0.001},${AT.lat - 0.001},${AT.lon + 0.001},${AT.lat + 0.001}`
  it.each([
    ['the appeal page', () => `/api/appeals/${number}`],
    ['the list', () => `/api/appeals?city=kyiv&bbox=${bbox}`],
    ['the list as GeoJSON', () => `/api/appeals?city=kyiv&bbox=${bbox}&format=geojson`],
    ['the duplicate search', () => `/api/appeals/nearby?lat=${AT.lat}&lon=${AT.lon}&category=pothole`],
    ['the layer features', () => `/api/layers/kyiv-appeals/features?bbox=${bbox}`],
    ['the GeoJSON export', () => '/api/layers/kyiv-appeals/export.geojson'],
    ['the CSV export', () => '/api/layers/kyiv-appeals/export.csv'],
    ['Open311 requests (JSON)', () => `/open311/v2/requests/${number}.json`],
    ['Open311 requests (XML)', () => `/open311/v2/requests/${number}.xml`],
    ['Open311 request list', () => '/open311/v2/requests.json?jurisdiction_id=kyiv&page_size=1000'],
  ])('never appears in %s', async (_, path) => {
    const text = await publicText(path())
    expect(text).toContain(number)
    for (const secret of SECRETS) expect(text, `${path()} leaks ${secret}`).not.toContain(secret)
  })

  it('never appears in its tiles, at any zoom', async () => {
    for (const z of [10, 12, 14, 16, 18]) {
      const t = lonLatToTile(AT.lon, AT.lat, z)
      const bytes = await bodyBytes(await app.request(`/tiles/kyiv-appeals/${z}/${t.x}/${t.y}.mvt`))
      const text = Buffer.from(bytes).toString('utf8')
      for (const secret of SECRETS) expect(text, `z${z} leaks ${secret}`).not.toContain(secret)
    }
  })

  it('is not in the photo (re-encoded without metadata)', async () => {
    const bytes = Buffer.from(await (await app.request(photoUrl)).arrayBuffer())
    for (const secret of SECRETS) expect(bytes.toString('latin1')).not.toContain(secret)
  })
})
