import { createServer, type Server, type Socket } from 'node:net'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, DB } from '../db/index.ts'
import { openTestDatabase } from '../db/testing.ts'
import { mountTestFilesystem } from './appeals/testing.ts'
import { DiskPhotoStore } from './appeals/index.ts'
import { createApp } from './index.ts'
import { makeApp, testAppDeps, type TestApp } from './test-helpers.ts'

let database: Database
let app: TestApp['app']
let tiles: TestApp['tiles']

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app, tiles } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

/** A server that accepts connections and never says a word, as a database that hangs does. */
async function silentServer(): Promise<{ server: Server; sockets: Socket[]; port: number }> {
  const sockets: Socket[] = []
  const server = createServer((socket) => void sockets.push(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, sockets, port: (server.address() as { port: number }).port }
}

function databaseAt(port: number): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ host: '127.0.0.1', port, user: 'x', password: 'x', database: 'x', max: 1 }) }) })
}

describe('GET /api/health', () => {
  it('reports ok with the engine, PostGIS version, tile encoder, demo data state and photo store', async () => {
    const res = await app.request('/api/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual({
      status: 'ok',
      database: database.engine,
      postgis: database.postgis,
      tile_encoder: tiles.source.encoder,
      demo_data: 'ready',
      photo_store: 'ok',
    })
  })

  it('is never cached', async () => {
    const res = await app.request('/api/health')
    expect(res.headers.get('Cache-Control')).toBe('no-store')
  })

  it('names a PostGIS version of the form major.minor.patch', async () => {
    const body = (await (await app.request('/api/health')).json()) as { postgis: string }
    expect(body.postgis).toMatch(/^\d+\.\d+\.\d+/)
  })
})

describe('GET /api/health when the database does not answer', () => {
  it('answers 503 with the database unreachable when the connection is refused, and logs why', async () => {
    const { server, port } = await silentServer()
    await new Promise((resolve) => server.close(resolve))
    const db = databaseAt(port)
    const logged: unknown[] = []
    try {
      const res = await createApp({ ...testAppDeps(database, tiles), db, log: (msg, fields) => logged.push({ msg, ...fields }) }).request('/api/health')
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({ status: 'unavailable', database: 'unreachable', engine: database.engine })
      expect(logged).toEqual([{ msg: 'health: the database did not answer', level: 'warn', error: expect.stringContaining('ECONNREFUSED') }])
    } finally {
      await db.destroy()
    }
  })

  it('answers 503 within its timeout when the database hangs', { timeout: 10_000 }, async () => {
    const { server, sockets, port } = await silentServer()
    const db = databaseAt(port)
    try {
      const started = Date.now()
      const res = await createApp({ ...testAppDeps(database, tiles), db }).request('/api/health')
      expect(Date.now() - started).toBeLessThan(3000)
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({ status: 'unavailable', database: 'unreachable', engine: database.engine })
    } finally {
      for (const socket of sockets) socket.destroy()
      server.close()
      await db.destroy().catch(() => {})
    }
  })
})

const disk = mountTestFilesystem(1024)
if (typeof disk === 'string') console.warn(`photo store health tests skipped: ${disk}`)

describe.skipIf(typeof disk === 'string')('GET /api/health when photos cannot be stored', () => {
  it('answers 200 degraded with the photo store unwritable while it is read-only, and ok again after', async () => {
    if (typeof disk === 'string') return
    const root = join(disk.dir, 'uploads')
    for (const dir of ['photos', 'pending']) mkdirSync(join(root, dir), { recursive: true })
    const store = new DiskPhotoStore(root, { probeCacheMs: 0 })
    const { app: withStore } = await makeApp(database, { store })
    try {
      disk.readOnly()
      const res = await withStore.request('/api/health')
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({
        status: 'degraded',
        database: database.engine,
        postgis: database.postgis,
        tile_encoder: expect.any(String),
        demo_data: 'ready',
        photo_store: 'unwritable',
      })
      disk.writable()
      expect(await (await withStore.request('/api/health')).json()).toMatchObject({ status: 'ok', photo_store: 'ok' })
    } finally {
      disk.writable()
      disk.unmount()
    }
  })
})
