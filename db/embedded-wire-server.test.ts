/**
 * What the embedded wire server says in the log: a failure of the engine itself, never the
 * expected outcomes of housekeeping (a statement that was never prepared is not deallocated).
 */
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { EmbeddedWireServer } from './embedded-wire-server.ts'

const SECRET = 'a-test-secret-of-some-length'

const opened: Array<{ pglite: PGlite; server: EmbeddedWireServer }> = []
afterEach(async () => {
  for (const { pglite, server } of opened.splice(0)) {
    await server.close()
    if (!pglite.closed) await pglite.close()
  }
})

/** A wire server over a fresh in-memory PGlite, its log lines, and a client connected to it. */
async function served() {
  const pglite = await PGlite.create()
  const lines: string[] = []
  const server = new EmbeddedWireServer(pglite, { secret: SECRET, log: (line) => lines.push(line) })
  opened.push({ pglite, server })
  const port = await server.listen(0)
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: SECRET, database: 'postgres' })
  const clientErrors: Error[] = []
  client.on('error', (err) => clientErrors.push(err))
  await client.connect()
  return { pglite, lines, client, clientErrors }
}

/** Waits until `check` holds (a connection is released a moment after the client has gone). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('the condition did not come true')
}

// A fresh engine takes a few seconds to start.
describe('the embedded wire server', { timeout: 30_000 }, () => {
  it('logs a batch the engine itself fails, and closes that connection', async () => {
    const { pglite, lines, client } = await served()
    await pglite.close()
    await expect(client.query('SELECT 1')).rejects.toThrow()
    expect(lines).toEqual([expect.stringMatching(/^embedded PostGIS: a batch of connection c1 failed \(.+\); that connection is closed$/)])
  })

  it('deallocates a closed connection’s statements without a log line, one whose Parse failed included', async () => {
    const { pglite, lines, client } = await served()
    await client.query({ name: 'fine', text: 'SELECT 1 AS n' })
    await expect(client.query({ name: 'broken', text: 'SELECT no_such_column' })).rejects.toThrow(/no_such_column/)
    await client.end()
    await eventually(async () => (await pglite.query('SELECT name FROM pg_prepared_statements')).rows.length === 0)
    expect(lines).toEqual([])
  })
})
