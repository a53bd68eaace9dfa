import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { createApp } from '../index.ts'
import { TileService } from '../../tiles/index.ts'
import { testAppDeps } from '../test-helpers.ts'
import { tileFastPath } from './tile-fast-path.ts'

let database: Database
let server: Server
let origin: string
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  database = await openTestDatabase()
  const tiles = await TileService.create(database.db)
  app = createApp(testAppDeps(database, tiles))
  server = createServer(tileFastPath(tiles, getRequestListener(app.fetch)))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await database.close()
})

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
    ['nine layers', `/tiles/${Array.from({ length: 9 }, (_, i) => `kyiv-l${i}`).join(',')}/12/2394/1382.mvt`, 400],
    ['an empty id', '/tiles/kyiv-districts,/12/2394/1382.mvt', 400],
    ['an unknown layer among them', '/tiles/kyiv-districts,no-such-layer/12/2394/1382.mvt', 404],
  ])('refuses %s with a problem', async (_, bad, status) => {
    const res = await fetch(`${origin}${bad}`)
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })
})
