/**
 * Who may connect to the embedded engine: only a client that holds the installation's secret,
 * over a unix socket in a private folder of the data folder (or, when that folder's path is too
 * long for a socket, a loopback port). Anyone else gets an authentication error before any query.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { serveEmbedded, type EmbeddedService } from './embedded-access.ts'

/** The run's own database URL with another user and password, as a stranger on the machine would try. */
function withCredentials(url: string, user: string, password: string | undefined): string {
  const u = new URL(url)
  u.username = user
  u.password = password ?? ''
  return u.toString()
}

/** pg's `connect()` outcome: `ok` or the server's SQLSTATE (or the client's own message). */
async function tryConnect(connectionString: string): Promise<string> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 })
  client.on('error', () => {})
  try {
    await client.connect()
    const res = await client.query<{ n: number }>('SELECT 1 AS n')
    return res.rows[0]?.n === 1 ? 'ok' : 'no answer'
  } catch (err) {
    return (err as { code?: string }).code ?? (err as Error).message
  } finally {
    await client.end().catch(() => {})
  }
}

/** A startup message of protocol 3.0 for `user` on database `postgres`. */
function startupMessage(user: string): Buffer {
  const body = Buffer.concat([Buffer.from([0, 3, 0, 0]), Buffer.from(`user\0${user}\0database\0postgres\0\0`)])
  const head = Buffer.alloc(4)
  head.writeInt32BE(body.length + 4)
  return Buffer.concat([head, body])
}

/** A typed frontend message (`Q` query, `p` password). */
function message(type: string, text: string): Buffer {
  const body = Buffer.from(`${text}\0`)
  const head = Buffer.alloc(5)
  head.write(type, 0, 'latin1')
  head.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([head, body])
}

/**
 * Speaks the protocol by hand: sends the startup message, then `after` once the server asks
 * for a password, and returns everything the server sent until it closed the connection.
 */
function rawSession(target: { path: string } | { port: number; host: string }, after: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(target)
    const chunks: Buffer[] = []
    let asked = false
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`the server kept the connection open; it sent ${Buffer.concat(chunks).toString('latin1')}`))
    }, 5_000)
    socket.on('connect', () => socket.write(startupMessage('nobody')))
    socket.on('data', (data) => {
      chunks.push(data)
      if (!asked && data[0] === 0x52) {
        asked = true
        socket.write(after)
      }
    })
    socket.on('error', reject)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks))
    })
  })
}

/** The backend messages of a byte stream as `{ type, fields }`, ErrorResponse fields decoded. */
function backendMessages(bytes: Buffer): Array<{ type: string; code?: string }> {
  const out: Array<{ type: string; code?: string }> = []
  for (let i = 0; i + 5 <= bytes.length; ) {
    const type = String.fromCharCode(bytes[i]!)
    const end = i + 1 + bytes.readInt32BE(i + 1)
    const body = bytes.subarray(i + 5, end)
    if (type === 'E') {
      const fields = body.toString('utf8').split('\0')
      out.push({ type, code: fields.find((f) => f.startsWith('C'))?.slice(1) })
    } else out.push({ type })
    i = end
  }
  return out
}

function mode(path: string): number {
  return statSync(path).mode & 0o777
}

const isEmbedded = inject('databaseEngine') === 'embedded'

describe.skipIf(!isEmbedded)("the run's embedded database", () => {
  const url = inject('databaseUrl')

  it('refuses a stranger with any user and a wrong password (28P01)', async () => {
    expect(await tryConnect(withCredentials(url, 'nobody', 'x'))).toBe('28P01')
    expect(await tryConnect(withCredentials(url, 'postgres', 'x'))).toBe('28P01')
  })

  it('is reached over a unix socket in a folder only its owner can enter', () => {
    const dir = new URL(url).searchParams.get('host')
    expect(dir).toMatch(/^\//)
    expect(mode(dir!)).toBe(0o700)
    expect(statSync(join(dir!, '.s.PGSQL.5432')).isSocket()).toBe(true)
  })

  it('answers the URL the app was given', async () => {
    expect(await tryConnect(url)).toBe('ok')
  })
})

describe('serving an embedded engine', () => {
  let pglite: PGlite
  const dirs: string[] = []
  const services: EmbeddedService[] = []

  /** A fresh data folder; `padding` lengthens its path beyond what a socket path may be. */
  function dataFolder(padding = 0): string {
    const dir = mkdtempSync(join(tmpdir(), 'hromada-access-'))
    dirs.push(dir)
    if (padding === 0) return dir
    return join(dir, 'x'.repeat(padding))
  }

  async function serve(dataDir: string): Promise<EmbeddedService> {
    const service = await serveEmbedded(pglite, dataDir, () => {})
    services.push(service)
    return service
  }

  beforeAll(async () => {
    pglite = await PGlite.create()
    await pglite.exec(`CREATE TABLE appeals_probe (contact_email text); INSERT INTO appeals_probe VALUES ('resident@example.org')`)
  })
  afterAll(async () => {
    for (const s of services) await s.close()
    await pglite.close()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  it('listens on a unix socket in a 0700 folder of the data folder, on no TCP port', async () => {
    const dataDir = dataFolder()
    const service = await serve(dataDir)
    expect(service.address).toEqual({ socket: join(dataDir, 'pglite-socket', '.s.PGSQL.5432') })
    expect(mode(join(dataDir, 'pglite-socket'))).toBe(0o700)
    expect(await tryConnect(service.url)).toBe('ok')
  })

  it('keeps a random secret per installation in a 0600 file, the same at every start', async () => {
    const dataDir = dataFolder()
    const first = await serve(dataDir)
    await first.close()
    const second = await serve(dataDir)
    expect(mode(join(dataDir, 'pglite-secret'))).toBe(0o600)
    expect(new URL(second.url).password).toBe(new URL(first.url).password)
    expect(new URL(second.url).password).toMatch(/^[0-9a-f]{64}$/)
    const other = await serve(dataFolder())
    expect(new URL(other.url).password).not.toBe(new URL(first.url).password)
  })

  it('answers a wrong password with ErrorResponse 28P01 and closes, running no query', async () => {
    const service = await serve(dataFolder())
    expect(await tryConnect(withCredentials(service.url, 'postgres', 'wrong'))).toBe('28P01')
    const target = { path: (service.address as { socket: string }).socket }
    const answer = backendMessages(await rawSession(target, message('p', 'wrong')))
    expect(answer).toEqual([{ type: 'R' }, { type: 'E', code: '28P01' }])
  })

  it('answers a query sent instead of a password with ErrorResponse 28P01 and closes, running no query', async () => {
    const service = await serve(dataFolder())
    const target = { path: (service.address as { socket: string }).socket }
    const answer = backendMessages(await rawSession(target, message('Q', 'SELECT contact_email FROM appeals_probe')))
    expect(answer).toEqual([{ type: 'R' }, { type: 'E', code: '28P01' }])
  })

  it('falls back to a loopback port that demands the secret when the socket path would be too long', async () => {
    const dataDir = dataFolder(120)
    const service = await serve(dataDir)
    expect(service.address).toEqual({ host: '127.0.0.1', port: expect.any(Number) })
    expect(new URL(service.url).hostname).toBe('127.0.0.1')
    expect(mode(join(dataDir, 'pglite-secret'))).toBe(0o600)
    expect(await tryConnect(service.url)).toBe('ok')
    expect(await tryConnect(withCredentials(service.url, 'nobody', 'x'))).toBe('28P01')
    const target = { host: '127.0.0.1', port: (service.address as { port: number }).port }
    const answer = backendMessages(await rawSession(target, message('Q', 'SELECT contact_email FROM appeals_probe')))
    expect(answer).toEqual([{ type: 'R' }, { type: 'E', code: '28P01' }])
  })
})
