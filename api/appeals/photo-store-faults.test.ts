/**
 * A photo store on a real filesystem that is full or read-only (a small tmpfs): uploads are
 * refused with a problem the client can act on, and nothing is left behind, neither a file
 * nor an appeal row.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { signInAs } from '../auth/testing.ts'
import type { App } from '../index.ts'
import { expectProblem, makeApp } from '../testing.ts'
import { appealBody, KYIV_POINT, postJson, postMultipart } from './appeal-test-helpers.ts'
import { mountTestFilesystem, type TestFilesystem } from './filesystem-test-helpers.ts'
import { DiskPhotoStore } from './photo-store.ts'

const disk = mountTestFilesystem(2048)
if (typeof disk === 'string') console.warn(`photo store fault tests skipped: ${disk}`)
const fs = disk as TestFilesystem
const root = typeof disk === 'string' ? '' : join(disk.dir, 'uploads')

let database: Database
let app: App
let photo: Buffer

beforeAll(async () => {
  if (typeof disk === 'string') return
  // The store's folders exist, as they do once a server has started.
  for (const dir of ['photos', 'pending']) mkdirSync(join(root, dir), { recursive: true })
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { store: new DiskPhotoStore(root), trustProxy: true }))
  // Noise keeps the JPEG large (hundreds of KB), while its thumbnail stays small.
  photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer()
})
afterEach(() => {
  if (typeof disk === 'string') return
  fs.writable()
  fs.empty()
})
afterAll(async () => {
  if (typeof disk === 'string') return
  await database?.close()
  fs.unmount()
})

/** Every file in the store's folders, staged or stored. */
function storeFiles(): string[] {
  return ['photos', 'pending'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}`))
}

async function appealsWith(marker: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM appeals WHERE description LIKE ${`%${marker}`}`.execute(database.db)
  return rows[0]!.n
}

function submitWithPhoto(marker: string): Promise<Response> {
  const fields = { city: 'kyiv', category: 'pothole', lat: String(KYIV_POINT.lat), lon: String(KYIV_POINT.lon), description: `Яма на тротуарі ${marker}` }
  return postMultipart(app, fields, [{ name: 'pit.png', type: 'image/png', bytes: photo }], { 'X-Forwarded-For': `filer-${randomUUID()}` })
}

describe.skipIf(typeof disk === 'string')('a photo store that cannot take the upload', () => {
  it('answers 507 when the disk is full, with no partial file and no appeal', async () => {
    // Room for the thumbnail but not for the photo: the store must remove what it began.
    fs.fill(64 * 1024)
    const marker = randomUUID()
    const problem = await expectProblem(await submitWithPhoto(marker), 507)
    expect(problem.type).toBe('/problems/insufficient-storage')
    expect(storeFiles()).toEqual([])
    expect(await appealsWith(marker)).toBe(0)
  })

  it('answers 503 with Retry-After when the store is read-only, with no file and no appeal', async () => {
    fs.readOnly()
    const marker = randomUUID()
    const res = await submitWithPhoto(marker)
    const problem = await expectProblem(res, 503)
    expect(problem.type).toBe('/problems/unavailable')
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(storeFiles()).toEqual([])
    expect(await appealsWith(marker)).toBe(0)
  })

  it('refuses an executor\'s work photos the same way and keeps the appeal as it was', async () => {
    const [moderator, executor] = await Promise.all([signInAs(app, 'moderator'), signInAs(app, 'executor')])
    const filed = await postJson(app, '/api/appeals', appealBody(), { 'X-Forwarded-For': `filer-${randomUUID()}` })
    const { number } = (await filed.json()) as { number: string }
    await moderator.post(`/api/office/appeals/${number}/register`)
    await moderator.post(`/api/office/appeals/${number}/route`, { organisation: 'kyiv-roads' })
    expect((await (await executor.post(`/api/office/appeals/${number}/take`)).json()).status).toBe('in_progress')

    fs.fill(64 * 1024)
    const form = new FormData()
    form.append('photos', new File([new Uint8Array(photo)], 'done.png', { type: 'image/png' }))
    const problem = await expectProblem(await executor.request(`/api/office/appeals/${number}/work-photos`, { method: 'POST', body: form }), 507)
    expect(problem.type).toBe('/problems/insufficient-storage')
    expect(storeFiles()).toEqual([])
    expect((await (await executor.get(`/api/office/appeals/${number}`)).json()).photos).toEqual([])
  })
})
