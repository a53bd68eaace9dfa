import { type ExpressionSpecification, type StyleSpecification, validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { decodeGlyphRange, type GlyphRange } from '../../tiles/index.ts'
import { bodyBytes, expectProblem, makeApp, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']
let cities: Array<{ id: string; name: { uk: string; en: string } }>

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
  cities = (await (await app.request('/api/cities')).json()) as typeof cities
})
afterAll(async () => {
  await database.close()
})

const ORIGIN = 'http://localhost'
const styleOf = async (city: string) => (await (await app.request(`/styles/${city}.json`)).json()) as StyleSpecification

/** The glyph URL MapLibre asks for: the template with the layer's font stack (joined by commas) and a range. */
const glyphUrl = (template: string, fonts: readonly string[], start: number) =>
  template.replace('{fontstack}', encodeURIComponent(fonts.join(','))).replace('{range}', `${start}-${start + 255}`)

async function fetchRange(path: string): Promise<GlyphRange> {
  const res = await app.request(path)
  expect(res.status, path).toBe(200)
  return decodeGlyphRange(await bodyBytes(res))
}

/** What a symbol layer's `text-field` writes: the attribute it reads, or digits for a cluster's count. */
function labelAttribute(field: unknown): { attribute: string } | { count: true } {
  const expression = field as ExpressionSpecification
  const got = expression[1] as ['get', string]
  if (got[1] === 'point_count') return { count: true }
  return { attribute: got[1] }
}

/** Every distinct value of one attribute of a layer's features. */
async function valuesOf(layerId: string, attribute: string): Promise<string[]> {
  const { rows } = await sql<{ value: string }>`SELECT DISTINCT properties ->> ${attribute} AS value FROM features WHERE layer_id = ${layerId} AND properties ? ${attribute}`.execute(database.db)
  return rows.map((r) => r.value)
}

describe('glyphs in every style', () => {
  it('names a glyphs URL on our own origin in every city style, which validates', async () => {
    expect(cities.length).toBeGreaterThan(0)
    for (const city of cities) {
      const style = await styleOf(city.id)
      expect(style.glyphs).toBe(`${ORIGIN}/fonts/{fontstack}/{range}.pbf`)
      expect(validateStyleMin(style)).toEqual([])
    }
  })

  it('serves the Cyrillic range of every style, with the Ukrainian letters ґ є і ї', async () => {
    for (const city of cities) {
      const style = await styleOf(city.id)
      const fonts = new Set(style.layers.flatMap((l) => (l.type === 'symbol' ? [JSON.stringify(l.layout?.['text-font'])] : [])))
      expect(fonts.size).toBeGreaterThan(0)
      for (const font of fonts) {
        const range = await fetchRange(glyphUrl(style.glyphs!, JSON.parse(font) as string[], 1024).slice(ORIGIN.length))
        expect(range.range).toBe('1024-1279')
        for (const ch of 'ґєіїҐЄІЇ') expect(range.glyphs.find((g) => g.id === ch.codePointAt(0))?.bitmap.length, ch).toBeGreaterThan(0)
      }
    }
  })

  it("has a glyph for every character of every label the styles draw, and of the cities' and layers' names in both languages", async () => {
    const needed = new Map<string, Set<number>>()
    const need = (fonts: readonly string[], text: string) => {
      const key = JSON.stringify(fonts)
      const set = needed.get(key) ?? new Set<number>()
      for (const ch of text) if (!/\s/.test(ch)) set.add(ch.codePointAt(0)!)
      needed.set(key, set)
    }
    let template = ''
    for (const city of cities) {
      const style = await styleOf(city.id)
      template = style.glyphs!
      let fonts: readonly string[] = []
      for (const layer of style.layers) {
        if (layer.type !== 'symbol') continue
        fonts = layer.layout!['text-font'] as string[]
        const label = labelAttribute(layer.layout!['text-field'])
        const layerId = (layer.metadata as Record<string, string>)['hromada:layer']!
        if ('count' in label) need(fonts, '0123456789')
        else for (const value of await valuesOf(layerId, label.attribute)) need(fonts, value)
      }
      const layers = (await (await app.request(`/api/layers?city=${city.id}`)).json()) as Array<{ title: { uk: string; en: string } }>
      for (const text of [city.name.uk, city.name.en, ...layers.flatMap((l) => [l.title.uk, l.title.en])]) need(fonts, text)
    }
    expect([...needed.values()].some((points) => [...'Київ'].every((ch) => points.has(ch.codePointAt(0)!)))).toBe(true)
    const missing: string[] = []
    for (const [key, points] of needed) {
      const fonts = JSON.parse(key) as string[]
      const starts = new Set([...points].map((p) => p - (p % 256)))
      for (const start of starts) {
        const range = await fetchRange(glyphUrl(template, fonts, start).slice(ORIGIN.length))
        const drawn = new Set(range.glyphs.filter((g) => g.bitmap.length > 0).map((g) => g.id))
        for (const p of points) if (p - (p % 256) === start && !drawn.has(p)) missing.push(String.fromCodePoint(p))
      }
    }
    expect(missing).toEqual([])
  })
})

describe('GET /fonts/{fontstack}/{range}.pbf', () => {
  const PATH = '/fonts/Noto%20Sans%20Regular/1024-1279.pbf'

  it('answers a protobuf any site may read, with an ETag and a day of caching', async () => {
    const res = await app.request(PATH, { headers: { Origin: 'https://another-site.example' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/x-protobuf')
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=86400')
    expect(res.headers.get('ETag')).toMatch(/^"[\w-]+"$/)
    expect(Number(res.headers.get('Content-Length'))).toBe((await bodyBytes(res)).byteLength)
  })

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const etag = (await app.request(PATH)).headers.get('ETag')!
    const res = await app.request(PATH, { headers: { 'If-None-Match': etag } })
    expect(res.status).toBe(304)
    expect((await res.arrayBuffer()).byteLength).toBe(0)
  })

  it('sends it gzipped to a client that accepts gzip, the same bytes once inflated', async () => {
    const plain = await bodyBytes(await app.request(PATH))
    const res = await app.request(PATH, { headers: { 'Accept-Encoding': 'gzip, br' } })
    expect(res.headers.get('Content-Encoding')).toBe('gzip')
    expect(res.headers.get('Vary')).toBe('Accept-Encoding')
    // bodyBytes inflates by Content-Encoding.
    expect(Buffer.from(await bodyBytes(res)).equals(Buffer.from(plain))).toBe(true)
  })

  it('serves the first stack it has of a list, as MapLibre asks for a layer naming several fonts', async () => {
    const range = await fetchRange('/fonts/Open%20Sans%20Bold,Noto%20Sans%20Regular/0-255.pbf')
    expect(range).toMatchObject({ name: 'Noto Sans Regular', range: '0-255' })
  })

  it('answers HEAD with the length and no body', async () => {
    const res = await app.request(PATH, { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(Number(res.headers.get('Content-Length'))).toBeGreaterThan(1000)
  })

  it.each([
    ['an unknown stack', '/fonts/Comic%20Sans%20Regular/0-255.pbf'],
    ['a list of unknown stacks', '/fonts/Arial,Comic%20Sans/0-255.pbf'],
    ['a range the font has no glyph in', '/fonts/Noto%20Sans%20Regular/19968-20223.pbf'],
    ['a range that does not start at a multiple of 256', '/fonts/Noto%20Sans%20Regular/1000-1255.pbf'],
    ['a range that is not 256 wide', '/fonts/Noto%20Sans%20Regular/0-511.pbf'],
    ['a range past U+FFFF', '/fonts/Noto%20Sans%20Regular/65536-65791.pbf'],
    ['a huge number', '/fonts/Noto%20Sans%20Regular/99999999999999999999-100000000000000000254.pbf'],
    ['a negative range', '/fonts/Noto%20Sans%20Regular/-256--1.pbf'],
    ['another extension', '/fonts/Noto%20Sans%20Regular/0-255.json'],
    ['a stack climbing out of the folder', '/fonts/..%2F..%2Fpackage.json/0-255.pbf'],
    ['a dot-dot stack', '/fonts/%2E%2E/0-255.pbf'],
    ['a path that is not a range', '/fonts/Noto%20Sans%20Regular/0-255.pbf/x'],
  ])('answers %s with a 404 problem', async (_, path) => {
    await expectProblem(await app.request(path), 404)
  })
})
