import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type StyleSpecification, validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { ExternalBasemapSource, TileService } from '../../tiles/index.ts'
import { createApp } from '../index.ts'
import { testAppDeps } from '../testing.ts'

/** A tile server of someone else's on its own origin, with a good style and bad ones. */
let external: Server
let externalOrigin: string
let database: Database
let tiles: TileService

const BASE_STYLE = {
  version: 8,
  name: 'Someone else’s basemap',
  glyphs: '/fonts/{fontstack}/{range}.pbf',
  sprite: '/sprites/base',
  sources: {
    streets: { type: 'vector', tiles: ['/tiles/{z}/{x}/{y}.pbf'], maxzoom: 14 },
    satellite: { type: 'raster', tiles: ['https://elsewhere.example/{z}/{x}/{y}.jpg'], tileSize: 256 },
  },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#eeeeee' } },
    { id: 'roads', type: 'line', source: 'streets', 'source-layer': 'transportation', paint: { 'line-color': '#ffffff' } },
    { id: 'imagery', type: 'raster', source: 'satellite' },
  ],
}

beforeAll(async () => {
  external = createServer((req, res) => {
    const send = (status: number, body: string | Buffer, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type })
      res.end(body)
    }
    if (req.url === '/styles/base.json') send(200, JSON.stringify(BASE_STYLE))
    else if (req.url === '/styles/not-json.json') send(200, '<html>maintenance</html>', 'text/html')
    else if (req.url === '/styles/not-a-style.json') send(200, JSON.stringify({ version: 7, layers: 'none' }))
    else if (req.url === '/styles/huge.json') send(200, Buffer.alloc(5 * 1024 * 1024, 32))
    else send(500, 'down')
  })
  external.listen(0, '127.0.0.1')
  await once(external, 'listening')
  externalOrigin = `http://127.0.0.1:${(external.address() as AddressInfo).port}`
  database = await openTestDatabase()
  tiles = await TileService.create(database.db)
})

afterAll(async () => {
  external.close()
  await database.close()
})

function appOver(path: string, log: (m: string) => void = () => {}) {
  const basemap = new ExternalBasemapSource(`${externalOrigin}${path}`, log)
  return createApp({ ...testAppDeps(database, tiles), basemap })
}

describe('HROMADA_BASEMAP_STYLE: an external basemap under the city', () => {
  it("draws the external style's layers first and the city's over them, with its URLs made absolute and its glyphs and sprite", async () => {
    const res = await appOver('/styles/base.json').request('/styles/kyiv.json')
    expect(res.status).toBe(200)
    const style = (await res.json()) as StyleSpecification
    expect(validateStyleMin(style)).toEqual([])
    expect(style.layers.slice(0, 2).map((l) => l.id)).toEqual(['basemap:background', 'basemap:roads'])
    expect(style.layers.filter((l) => l.id === 'background')).toEqual([])
    expect(style.layers.some((l) => l.id === 'kyiv-districts')).toBe(true)
    expect(style.sources['basemap:streets']).toMatchObject({ tiles: [`${externalOrigin}/tiles/{z}/{x}/{y}.pbf`] })
    expect(style.glyphs).toBe('http://localhost/fonts/{fontstack}/{range}.pbf')
    expect(style.sprite).toBe(`${externalOrigin}/sprites/base`)
  })

  it("keeps the city's labels in our glyphs and sends the basemap's own fonts on to its glyph server", async () => {
    const app = appOver('/styles/base.json')
    const ours = await app.request('/fonts/Noto%20Sans%20Regular/1024-1279.pbf')
    expect(ours.status).toBe(200)
    const theirs = await app.request('/fonts/Open%20Sans%20Bold,Arial%20Unicode%20MS%20Bold/0-255.pbf')
    expect(theirs.status).toBe(302)
    expect(theirs.headers.get('Location')).toBe(`${externalOrigin}/fonts/Open%20Sans%20Bold%2CArial%20Unicode%20MS%20Bold/0-255.pbf`)
    expect((await app.request('/fonts/Open%20Sans%20Bold/0-256.pbf')).status).toBe(404)
  })

  it('leaves out what is on another origin, which the page may not load, and says so', async () => {
    const said: string[] = []
    const style = (await (await appOver('/styles/base.json', (m) => said.push(m)).request('/styles/kyiv.json')).json()) as StyleSpecification
    expect(style.sources['basemap:satellite']).toBeUndefined()
    expect(style.layers.some((l) => l.id === 'basemap:imagery')).toBe(false)
    expect(said.some((m) => m.includes('another origin'))).toBe(true)
  })

  it('widens the Content-Security-Policy for the style’s origin alone', async () => {
    const res = await appOver('/styles/base.json').request('/')
    const policy = res.headers.get('Content-Security-Policy') ?? ''
    expect(policy).toMatch(new RegExp(`connect-src 'self' ${externalOrigin.replaceAll('.', '\\.')};`))
    expect(policy).not.toContain('elsewhere.example')
    const plain = createApp(testAppDeps(database, tiles)).request('/')
    expect((await plain).headers.get('Content-Security-Policy')).toContain("connect-src 'self';")
  })

  it.each(['/styles/down.json', '/styles/not-json.json', '/styles/not-a-style.json', '/styles/huge.json'])(
    "draws the city's own basemap while %s cannot be used, and says why",
    async (path) => {
      const said: string[] = []
      const res = await appOver(path, (m) => said.push(m)).request('/styles/kyiv.json')
      expect(res.status).toBe(200)
      const style = (await res.json()) as StyleSpecification
      expect(style.layers[0]!.id).toBe('background')
      expect(Object.keys(style.sources).some((id) => id.startsWith('basemap:'))).toBe(false)
      expect(said.join('\n')).toMatch(/basemap style not read/)
    },
  )
})
