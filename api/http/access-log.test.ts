import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { TileService } from '../../tiles/index.ts'
import { createApp } from '../index.ts'
import { makeApp, testAppDeps } from '../testing.ts'
import { tileFastPath } from '../tiles/index.ts'
import { batchedSink, loggedPath, loggedResponses, logLine, sendingRequestId, withRequestIds } from './access-log.ts'

let database: Database
let server: Server
let base: string
let written = ''
const sink = batchedSink({ write: (chunk: Uint8Array) => (written += Buffer.from(chunk).toString('utf8')) }, 10_000)

beforeAll(async () => {
  database = await openTestDatabase()
  const { app, tiles } = await makeApp(database)
  server = createServer({ ServerResponse: loggedResponses(sink) }, tileFastPath(tiles, getRequestListener(app.fetch), () => {}))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await database.close()
})

/**
 * The lines written since `from`, once there are `count` of them (a request is logged when its
 * answer has gone out, a moment after the client has it); each parsed, so a line that is not
 * JSON fails the test.
 */
async function linesSince(from: number, count = 1): Promise<Record<string, unknown>[]> {
  for (let tries = 0; tries < 100; tries++) {
    sink.flush()
    const lines = written.slice(from).split('\n').filter(Boolean)
    if (lines.length >= count) return lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`fewer than ${count} log lines were written`)
}

describe('the access log', () => {
  it('writes one JSON line per request that no path can split or forge', async () => {
    sink.flush()
    const from = written.length
    const forged = '/api/x%0a%5Bhromada%5D%20error%20FORGED-LOG-LINE%20admin%20logged%20in%0d%0a%7B%22level%22:%22error%22%7D'
    const res = await fetch(base + forged)
    expect(res.status).toBe(404)
    const lines = await linesSince(from)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toEqual({ time: expect.any(String), level: 'info', msg: 'request', id: expect.stringMatching(/^[\w-]{8}-[0-9a-z]+$/), method: 'GET', path: forged, status: 404, ms: expect.any(Number) })
    expect(written.slice(from).split('\n').filter((l) => l.includes('FORGED')).every((l) => l.startsWith('{"time"'))).toBe(true)
  })

  it('logs tile requests answered by the fast path too', async () => {
    sink.flush()
    const from = written.length
    expect((await fetch(`${base}/tiles/kyiv-metro-stations/10/598/345.mvt`)).status).toBeLessThan(300)
    expect(await linesSince(from)).toEqual([expect.objectContaining({ method: 'GET', path: '/tiles/kyiv-metro-stations/10/598/345.mvt', status: expect.any(Number) })])
  })

  it('names the id of a 500 in its problem and in its error line', async () => {
    const errors: Array<Record<string, unknown> | undefined> = []
    const tiles = await TileService.create(database.db)
    const app = createApp({ ...testAppDeps(database, tiles), log: (_msg, fields) => errors.push(fields) })
    app.get('/api/boom', () => {
      throw new Error('kaboom')
    })
    // Behind a trusted proxy, whose id is kept.
    const failing = createServer({ ServerResponse: loggedResponses(sink) }, withRequestIds(sendingRequestId(getRequestListener(app.fetch)), { trustProxy: true }))
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve))
    try {
      const res = await fetch(`http://127.0.0.1:${(failing.address() as AddressInfo).port}/api/boom`, { headers: { 'X-Request-Id': 'trace-500' } })
      expect(res.status).toBe(500)
      expect(res.headers.get('X-Request-Id')).toBe('trace-500')
      expect(await res.json()).toMatchObject({ detail: 'Something went wrong on our side (request trace-500)', request_id: 'trace-500' })
      expect(errors).toEqual([expect.objectContaining({ level: 'error', id: 'trace-500', path: '/api/boom', error: expect.stringContaining('kaboom') })])
    } finally {
      await new Promise((resolve) => failing.close(resolve))
    }
  })

  it('leaves out queries and secret tokens in paths', () => {
    const token = 'A'.repeat(40) + '_-9'
    expect(loggedPath(`/api/appeals/track/${token}/confirm?email=someone@example.com`)).toBe('/api/appeals/track/:token/confirm')
    expect(loggedPath(`/account/reset/${token}`)).toBe('/account/reset/:token')
  })

  it('keeps lines whole and in order across batches, Ukrainian text and overlong lines included', () => {
    const chunks: string[] = []
    const small = batchedSink({ write: (chunk: Uint8Array) => chunks.push(Buffer.from(chunk).toString('utf8')) }, 10_000, 100)
    const lines = ['{"msg":"перший рядок"}\n', '{"msg":"second"}\n', `{"msg":"${'я'.repeat(60)}"}\n`, '{"msg":"last"}\n']
    for (const line of lines) small.write(line)
    small.flush()
    expect(chunks.join('')).toBe(lines.join(''))
    expect(chunks.every((chunk) => chunk.endsWith('\n'))).toBe(true)
    expect(chunks.length).toBeGreaterThan(1)
  })

  it('writes messages of the service as JSON with their fields', () => {
    expect(JSON.parse(logLine('info', 'line\nwith "quotes"', { level: 'error', id: 'x' }))).toEqual({ time: expect.any(String), level: 'error', msg: 'line\nwith "quotes"', id: 'x' })
  })
})
