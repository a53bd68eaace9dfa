import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { serverListener } from '../index.ts'
import { makeApp } from '../testing.ts'
import { batchedSink, loggedResponses } from './access-log.ts'

const OWN_ID = /^[\w-]{8}-[0-9a-z]+$/

let database: Database
const servers: Server[] = []
let written = ''
const sink = batchedSink({ write: (chunk: Uint8Array) => (written += Buffer.from(chunk).toString('utf8')) }, 10_000)
/** The server as `startServer` composes it, without and with a trusted proxy in front. */
let direct: string
let proxied: string

beforeAll(async () => {
  database = await openTestDatabase()
  const webRoot = mkdtempSync(join(tmpdir(), 'hromada-web-'))
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Hromada Map</title>')
  const { app, tiles } = await makeApp(database, {}, { webRoot })
  const listen = async (trustProxy: boolean) => {
    const server = createServer({ ServerResponse: loggedResponses(sink) }, serverListener(app, tiles, { trustProxy, log: () => {} }))
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }
  direct = await listen(false)
  proxied = await listen(true)
})
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve))
  await database.close()
})

/** The access log's lines with the id `id` (each request is logged a moment after its answer). */
async function loggedLines(id: string): Promise<Record<string, unknown>[]> {
  for (let tries = 0; tries < 100; tries++) {
    sink.flush()
    const lines = written.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.id === id)
    if (lines.length) return lines
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return []
}

describe('the request id', () => {
  it.each([
    ['an API answer', '/api/health', 200],
    ['a tile from the fast path', '/tiles/kyiv-metro-stations/10/598/345.mvt', 200],
    ['a style', '/styles/kyiv.json', 200],
    ['an Open311 answer', '/open311/v2/services.json?jurisdiction_id=kyiv', 200],
    ['a page of the web app', '/appeals/KYIV-2026-000123', 200],
    ['a problem', '/api/layers/no-such-layer', 404],
    ['an Open311 error', '/open311/v2/requests/nothing.json?jurisdiction_id=kyiv', 404],
  ])('is sent with %s and logged with its request', async (_what, path, status) => {
    const res = await fetch(direct + path)
    expect(res.status).toBe(status)
    const id = res.headers.get('X-Request-Id')
    expect(id).toMatch(OWN_ID)
    expect(await loggedLines(id!)).toEqual([expect.objectContaining({ msg: 'request', path: path.split('?')[0], status })])
  })

  it('is named in a problem document', async () => {
    const res = await fetch(`${direct}/api/layers/no-such-layer`)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
    expect(await res.json()).toMatchObject({ status: 404, request_id: res.headers.get('X-Request-Id') })
  })

  it('is new for every request', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await fetch(`${direct}/api/health`)).headers.get('X-Request-Id')))
    expect(new Set(ids).size).toBe(3)
  })

  it('is new for every answer of the same cached tile, each logged under its own id', async () => {
    const tile = `${direct}/tiles/kyiv-metro-stations/10/598/345.mvt`
    await fetch(tile)
    const answers = await Promise.all([1, 2, 3, 4].map(() => fetch(tile)))
    const ids = answers.map((res) => res.headers.get('X-Request-Id')!)
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200])
    expect(new Set(ids).size).toBe(4)
    for (const id of ids) expect(await loggedLines(id)).toEqual([expect.objectContaining({ path: '/tiles/kyiv-metro-stations/10/598/345.mvt', status: 200 })])
  })

  it('ignores a client X-Request-Id unless a trusted proxy (TRUST_PROXY=1) sends it', async () => {
    const forged = await fetch(`${direct}/api/health`, { headers: { 'X-Request-Id': 'proxy-42.a_b' } })
    expect(forged.headers.get('X-Request-Id')).toMatch(OWN_ID)
    const forwarded = await fetch(`${proxied}/api/health`, { headers: { 'X-Request-Id': 'proxy-42.a_b' } })
    expect(forwarded.headers.get('X-Request-Id')).toBe('proxy-42.a_b')
    expect(await loggedLines('proxy-42.a_b')).toEqual([expect.objectContaining({ path: '/api/health' })])
  })

  it('replaces a forwarded X-Request-Id that is not a plain token of at most 64 characters', async () => {
    for (const value of ['x y"z', 'a'.repeat(65), '']) {
      const res = await fetch(`${proxied}/api/health`, { headers: { 'X-Request-Id': value } })
      expect(res.headers.get('X-Request-Id')).toMatch(OWN_ID)
    }
  })
})
