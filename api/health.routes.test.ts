import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/index.ts'
import { openTestDatabase } from '../db/testing.ts'
import { makeApp, type TestApp } from './test-helpers.ts'

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

describe('GET /api/health', () => {
  it('reports ok with the engine, PostGIS version, tile encoder and demo data state', async () => {
    const res = await app.request('/api/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual({
      status: 'ok',
      database: database.engine,
      postgis: database.postgis,
      tile_encoder: tiles.source.encoder,
      demo_data: 'ready',
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
