/**
 * The server is killed with SIGKILL in the middle of 200 concurrent submissions with photos,
 * then started again: every appeal that got a 201 is there with all its photos, and no appeal
 * lacks a photo it was sent with, and no photo file is left without its appeal.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { startServerProcess, type ServerProcess } from '../faults/index.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'hromada-crash-'))
const run = randomUUID().slice(0, 8)
let database: Database
let server: ServerProcess | undefined

/** The server over the test database, as production runs it, with no limit on submissions. */
function startServer(): Promise<ServerProcess> {
  return startServerProcess({ DATABASE_URL: inject('databaseUrl'), HROMADA_DATA_DIR: dataDir, HROMADA_APPEAL_RATE_LIMIT: '100000/60', HROMADA_DB_POOL: '8' })
}

beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  server?.child.kill('SIGKILL')
  await database.close()
})

describe('a crash during submissions', () => {
  it('leaves every answered appeal whole and nothing half-written', { timeout: 300_000 }, async () => {
    const t0 = Date.now()
    server = await startServer()
    console.log(`crash test: server up in ${Date.now() - t0} ms`)
    const photos = await Promise.all(
      ['#8a9a5b', '#4682b4'].map((colour) => sharp({ create: { width: 800, height: 600, channels: 3, background: colour, noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg().toBuffer()),
    )
    const created: string[] = []
    let killed = false
    const submit = async (i: number) => {
      const count = (i % 2) + 1
      const form = new FormData()
      for (const [k, v] of Object.entries({ city: 'kyiv', category: 'yard', lat: String(50.44 + (i % 20) * 0.001), lon: String(30.5 + (i % 10) * 0.002), description: `crash-${run}-${i}-p${count}` })) form.append(k, v)
      for (let p = 0; p < count; p++) form.append('photos', new File([photos[p]!], `${p}.jpg`, { type: 'image/jpeg' }))
      try {
        const res = await fetch(`${server!.url}/api/appeals`, { method: 'POST', body: form })
        if (res.status === 201) {
          const { number } = (await res.json()) as { number: string }
          if (!killed) created.push(number)
          if (created.length % 10 === 0) console.log(`crash test: ${created.length} answered at ${Date.now() - t0} ms`)
          if (created.length >= 40 && !killed) {
            killed = true
            server!.child.kill('SIGKILL')
          }
        }
      } catch {
        // The connection died with the server.
      }
    }
    await Promise.all(Array.from({ length: 200 }, (_, i) => submit(i)))
    expect(killed, 'the server was killed mid-way').toBe(true)
    expect(created.length).toBeGreaterThanOrEqual(40)
    expect(created.length).toBeLessThan(200)

    server = await startServer()
    const rows = (
      await sql<{ number: string; description: string; photos: string[] }>`
        SELECT a.number, a.description, coalesce(array_agg(p.storage_key) FILTER (WHERE p.id IS NOT NULL), '{}') AS photos
          FROM appeals a LEFT JOIN appeal_photos p ON p.appeal_id = a.id
         WHERE a.description LIKE ${`crash-${run}-%`} GROUP BY a.number, a.description`.execute(database.db)
    ).rows
    const numbers = new Set(rows.map((r) => r.number))
    for (const number of created) expect(numbers.has(number), `${number} got a 201`).toBe(true)
    const uploads = join(dataDir, 'uploads')
    const stored = new Set(readdirSync(join(uploads, 'photos')))
    for (const row of rows) {
      expect(row.photos, row.description).toHaveLength(Number(row.description.split('-p').at(-1)))
      for (const key of row.photos) {
        expect(stored.has(`${key}.jpg`) && stored.has(`${key}.thumb.jpg`), `files of ${row.number}`).toBe(true)
      }
      const page = await fetch(`${server.url}/api/appeals/${row.number}`)
      const body = (await page.json()) as { photos: Array<{ url: string }> }
      for (const p of body.photos) expect((await fetch(`${server.url}${new URL(p.url).pathname}`)).status).toBe(200)
    }
    const keys = new Set(rows.flatMap((r) => r.photos))
    expect([...stored].filter((f) => !keys.has(f.slice(0, 36))), 'photo files without an appeal').toEqual([])
    expect(existsSync(join(uploads, 'pending')) ? readdirSync(join(uploads, 'pending')) : [], 'staged files left over').toEqual([])
    console.log(`crash test: ${created.length} answered before SIGKILL, ${rows.length} appeals committed, ${keys.size} photos, all whole`)
  })
})
