import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { createApp } from '../index.ts'
import { TileService } from '../../tiles/index.ts'
import { testAppDeps } from '../testing.ts'
import { tileFastPath } from './tile-fast-path.ts'

let database: Database
let server: Server
let origin: string
let app: ReturnType<typeof createApp>
/** What the fast path logged. */
const logged: Record<string, unknown>[] = []

beforeAll(async () => {
  database = await openTestDatabase()
  const tiles = await TileService.create(database.db)
  app = createApp(testAppDeps(database, tiles))
  server = createServer(tileFastPath(tiles, getRequestListener(app.fetch), (msg, fields) => logged.push({ msg, ...fields })))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await database.close()
})

/** Status and raw headers as the server wrote them (fetch hides some of a 204's). */
function rawHead(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    get(`${origin}${path}`, { headers }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }))
    }).on('error', reject)
  })
}

async function both(path: string, headers: Record<string, string> = {}) {
  const fast = await fetch(`${origin}${path}`, { headers })
  const viaApp = await app.request(path, { headers })
  return { fast, viaApp }
}

describe('the tile fast path', () => {
  it('answers a tile with the same status, headers and bytes as the app', async () => {
    const { fast, viaApp } = await both('/tiles/kyiv-districts/10/598/345.mvt', { 'Accept-Encoding': 'identity' })
    expect(fast.status).toBe(200)
    expect(fast.status).toBe(viaApp.status)
    for (const name of ['content-type', 'etag', 'cache-control', 'vary']) expect(fast.headers.get(name), name).toBe(viaApp.headers.get(name))
    expect(Buffer.from(await fast.arrayBuffer()).equals(Buffer.from(await viaApp.arrayBuffer()))).toBe(true)
  })

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await fetch(`${origin}/tiles/kyiv-districts/10/598/345.mvt`)
    const again = await fetch(`${origin}/tiles/kyiv-districts/10/598/345.mvt`, { headers: { 'If-None-Match': first.headers.get('etag')! } })
    expect(again.status).toBe(304)
  })

  it('hands a bad tile address to the app, which answers a problem', async () => {
    const res = await fetch(`${origin}/tiles/kyiv-districts/3/99/0.mvt`)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('hands an unknown layer to the app, which answers 404', async () => {
    const res = await fetch(`${origin}/tiles/no-such-layer/3/1/1.mvt`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ type: '/problems/not-found' })
  })

  it('answers an empty tile 204 without a length or a type, and the same from the cache', async () => {
    for (let i = 0; i < 2; i++) {
      const raw = await rawHead('/tiles/kyiv-metro-stations/14/0/0.mvt')
      expect(raw.status).toBe(204)
      expect(raw.headers).not.toHaveProperty('content-length')
      expect(raw.headers).not.toHaveProperty('content-type')
      expect(raw.headers.etag).toMatch(/^"/)
    }
  })

  it('answers 304 without the body\'s length, type or coding', async () => {
    const first = await rawHead('/tiles/kyiv-districts/10/598/345.mvt', { 'Accept-Encoding': 'gzip' })
    expect(first.headers['content-encoding']).toBe('gzip')
    const again = await rawHead('/tiles/kyiv-districts/10/598/345.mvt', { 'Accept-Encoding': 'gzip', 'If-None-Match': first.headers.etag! })
    expect(again.status).toBe(304)
    for (const name of ['content-length', 'content-type', 'content-encoding']) expect(again.headers).not.toHaveProperty(name)
    expect(again.headers.etag).toBe(first.headers.etag)
  })

  it('leaves every other path to the app', async () => {
    const res = await fetch(`${origin}/api/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok' })
  })
})

describe('composite tiles', () => {
  const path = '/tiles/kyiv-districts,kyiv-metro-stations/12/2394/1382.mvt'

  it('answers one tile holding every named layer', async () => {
    const res = await fetch(`${origin}${path}`, { headers: { 'Accept-Encoding': 'identity' } })
    expect(res.status).toBe(200)
    const layers = Object.keys(new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers)
    expect(layers).toEqual(expect.arrayContaining(['kyiv-districts', 'kyiv-metro-stations']))
  })

  it('is immutable when ?v= names every layer version, joined by dots', async () => {
    const versions = await Promise.all(['kyiv-districts', 'kyiv-metro-stations'].map(async (id) => ((await (await app.request(`/api/layers/${id}`)).json()) as { version: number }).version))
    const res = await fetch(`${origin}${path}?v=${versions.join('.')}`)
    expect(res.headers.get('cache-control')).toMatch(/immutable/)
  })

  it.each([
    ['a repeated layer', '/tiles/kyiv-districts,kyiv-districts/12/2394/1382.mvt', 400],
    ['65 layers', `/tiles/${Array.from({ length: 65 }, (_, i) => `kyiv-l${i}`).join(',')}/12/2394/1382.mvt`, 400],
    ['an empty id', '/tiles/kyiv-districts,/12/2394/1382.mvt', 400],
    ['an unknown layer among them', '/tiles/kyiv-districts,no-such-layer/12/2394/1382.mvt', 404],
  ])('refuses %s with a problem', async (_, bad, status) => {
    const res = await fetch(`${origin}${bad}`)
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('leaves an unknown layer to the app without a log line: its 404 is the expected answer', async () => {
    logged.length = 0
    expect((await fetch(`${origin}/tiles/kyiv-nowhere/10/598/345.mvt`)).status).toBe(404)
    expect(logged).toEqual([])
  })

  it('logs a tile that fails unexpectedly, and the app still answers it', async () => {
    // Tiles over a pool that has been ended: every query fails, and not as an outage does.
    const ended = await openTestDatabase(1)
    const failingTiles = await TileService.create(ended.db)
    await ended.close()
    const lines: Record<string, unknown>[] = []
    const failingApp = createApp({ ...testAppDeps(ended, failingTiles), log: () => {} })
    const failing = createServer(tileFastPath(failingTiles, getRequestListener(failingApp.fetch), (msg, fields) => lines.push({ msg, ...fields })))
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve))
    try {
      const res = await fetch(`http://127.0.0.1:${(failing.address() as AddressInfo).port}/tiles/kyiv-districts/10/598/345.mvt?v=1`)
      expect(res.status).toBe(500)
      expect(lines).toEqual([
        { msg: 'tile fast path: the tile failed; the app answers it instead', level: 'warn', id: undefined, path: '/tiles/kyiv-districts/10/598/345.mvt', error: expect.stringContaining('destroyed') },
      ])
    } finally {
      await new Promise((resolve) => failing.close(resolve))
    }
  })
})
