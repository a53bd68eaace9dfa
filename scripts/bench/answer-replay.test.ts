import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, get, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './processes.ts'

const TILE = Buffer.from([0x1a, 0x02, 0x78, 0x01, 0xff, 0x00])
const TILE_HEADERS = { 'Cache-Control': 'public, max-age=0, must-revalidate', ETag: '"abc"', 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Length': String(TILE.length) }

let source: Server
let replay: ChildProcess
let replayPort = 0

function fetchRaw(path: string): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`http://127.0.0.1:${replayPort}${path}`, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }))
    }).on('error', reject)
  })
}

/** The headers a response carried, without the ones Node adds to every response. */
function ownHeaders(res: IncomingMessage): string[] {
  const own: string[] = []
  for (let i = 0; i < res.rawHeaders.length; i += 2) if (!/^(date|connection|keep-alive)$/i.test(res.rawHeaders[i]!)) own.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`)
  return own
}

beforeAll(async () => {
  source = createServer((req, res) => {
    if (req.url === '/tiles/a/14/1/2.mvt') {
      res.writeHead(200, TILE_HEADERS)
      res.end(TILE)
    } else {
      res.writeHead(204, { ETag: '"empty"' })
      res.end()
    }
  })
  source.listen(0, '127.0.0.1')
  await once(source, 'listening')
  const paths = join(mkdtempSync(join(tmpdir(), 'replay-test-')), 'paths.txt')
  writeFileSync(paths, '/tiles/a/14/1/2.mvt\n/tiles/a/14/1/3.mvt\n/tiles/a/14/1/2.mvt\n')
  replay = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/answer-replay.ts'], {
    cwd: ROOT,
    env: { ...process.env, REPLAY_PORT: '0', REPLAY_SOURCE: `http://127.0.0.1:${(source.address() as AddressInfo).port}`, REPLAY_PATHS: paths },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [ready] = (await once(replay.stdout!, 'data')) as [Buffer]
  const announced = /answers replayed: (\d+) on port (\d+)/.exec(ready.toString())
  expect(announced?.[1]).toBe('2')
  replayPort = Number(announced![2])
}, 30_000)

afterAll(async () => {
  replay?.kill()
  source?.close()
})

describe('answer-replay', () => {
  it("answers each path with the source's status, headers and body, byte for byte", async () => {
    const { res, body } = await fetchRaw('/tiles/a/14/1/2.mvt')
    expect(res.statusCode).toBe(200)
    expect(ownHeaders(res)).toEqual(Object.entries(TILE_HEADERS).map(([k, v]) => `${k}: ${v}`))
    expect(body.equals(TILE)).toBe(true)
    const empty = await fetchRaw('/tiles/a/14/1/3.mvt')
    expect(empty.res.statusCode).toBe(204)
    expect(ownHeaders(empty.res)).toEqual(['ETag: "empty"'])
    expect(empty.body.length).toBe(0)
  })

  it('answers a path it was not given with an empty 404', async () => {
    const { res, body } = await fetchRaw('/tiles/a/14/1/4.mvt?x=%00')
    expect(res.statusCode).toBe(404)
    expect(body.length).toBe(0)
  })
})
