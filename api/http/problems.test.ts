import { createServer } from 'node:net'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, DB } from '../../db/index.ts'
import { TileService } from '../../tiles/index.ts'
import { createApp } from '../index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import type { Log } from './access-log.ts'
import { notFoundHandler, problemHandler, problems } from './problems.ts'
import { expectProblem, makeApp, testAppDeps, type TestApp } from '../testing.ts'

let database: Database
let app: TestApp['app']

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

/** A tiny app with the real error handlers whose one route throws what the test gives it. */
function throwing(error: unknown, log: Log = () => {}) {
  const small = new Hono()
  small.onError(problemHandler(log))
  small.notFound(notFoundHandler)
  small.get('/boom', () => {
    throw error
  })
  return small
}

describe('problem responses (RFC 9457)', () => {
  it('answers a path no route claims with a complete 404 problem', async () => {
    const res = await app.request('/api/nothing-here')
    expect(await expectProblem(res, 404)).toEqual({
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'Nothing at /api/nothing-here',
      instance: '/api/nothing-here',
    })
  })

  it('marks problems as not cacheable', async () => {
    const res = await app.request('/api/nothing-here')
    expect(res.headers.get('Cache-Control')).toBe('no-store')
  })

  it('sends a thrown HttpProblem as it is, with its field errors', async () => {
    const res = await throwing(problems.invalid('Bad bbox', [{ field: 'query.bbox', message: 'must be numbers' }])).request('/boom')
    expect(await expectProblem(res, 400)).toEqual({
      type: '/problems/invalid-input',
      title: 'The request has invalid input',
      status: 400,
      detail: 'Bad bbox',
      instance: '/boom',
      errors: [{ field: 'query.bbox', message: 'must be numbers' }],
    })
  })

  it('names the missing thing in a not-found problem', async () => {
    const res = await throwing(problems.notFound('layer', 'kyiv-nowhere')).request('/boom')
    expect(await expectProblem(res, 404)).toMatchObject({ detail: 'No layer "kyiv-nowhere"' })
  })

  it('turns a unique violation from the database into a 409 conflict', async () => {
    const res = await throwing(Object.assign(new Error('duplicate key value violates unique constraint "layers_pkey"'), { code: '23505' })).request('/boom')
    const body = await expectProblem(res, 409)
    expect(body).toMatchObject({ type: '/problems/conflict' })
    expect(JSON.stringify(body)).not.toContain('layers_pkey')
  })

  it('turns a check violation from the database into a 400', async () => {
    const res = await throwing(Object.assign(new Error('violates check constraint'), { code: '23514' })).request('/boom')
    expect(await expectProblem(res, 400)).toMatchObject({ type: '/problems/invalid-input' })
  })

  it('maps a 413 HTTPException to payload-too-large', async () => {
    const res = await throwing(new HTTPException(413, { message: 'Body too large' })).request('/boom')
    expect(await expectProblem(res, 413)).toMatchObject({ type: '/problems/payload-too-large', detail: 'Body too large' })
  })

  it('answers 503 unavailable with Retry-After when the database refuses connections', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number }
        server.close(() => resolve(port))
      })
    })
    const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${closed}/hromada`, connectionTimeoutMillis: 1000 })
    const tiles = await TileService.create(database.db)
    const down = createApp(testAppDeps({ ...database, db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }) }, tiles))
    const res = await down.request('/api/layers?city=kyiv')
    expect(res.headers.get('Retry-After')).toBe('5')
    expect(await expectProblem(res, 503)).toEqual({
      type: '/problems/unavailable',
      title: 'The service is temporarily unavailable',
      status: 503,
      detail: 'The database cannot be reached at the moment; please try again shortly',
      instance: '/api/layers',
    })
    await pool.end()
  })

  it('answers an unexpected error with a 500 that leaks nothing and carries a request id', async () => {
    const res = await throwing(new Error('password=hunter2 at db.internal:5432')).request('/boom')
    const body = await expectProblem(res, 500)
    expect(body).toMatchObject({ type: '/problems/internal', detail: expect.stringMatching(/request [0-9a-f-]{36}/) })
    expect(JSON.stringify(body)).not.toContain('hunter2')
  })

  it('logs an unexpected error with the same request id it sends', async () => {
    const lines: Array<[string, Record<string, unknown> | undefined]> = []
    const res = await throwing(new Error('kaboom'), (msg, fields) => lines.push([msg, fields])).request('/boom')
    const { detail } = (await res.json()) as { detail: string }
    const requestId = /request ([0-9a-f-]{36})/.exec(detail)?.[1]
    expect(lines).toEqual([['internal error', { level: 'error', id: requestId, method: 'GET', path: '/boom', error: expect.stringContaining('Error: kaboom') }]])
  })
})
