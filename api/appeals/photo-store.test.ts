import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { processPhoto } from './photo-processing.ts'
import { discardStaged, DiskPhotoStore } from './photo-store.ts'

async function photo() {
  return processPhoto(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#808080' } }).png().toBuffer())
}

describe('recovery of the photo folder after a crash', () => {
  it('keeps what rows name, promotes committed staged files, and removes everything else', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hromada-store-'))
    const store = new DiskPhotoStore(root)
    const kept = await store.stage(await photo())
    await store.promote(kept)
    // A photo replaced by its redacted copy: the row names the copy, the original is left behind.
    const replaced = await store.stage(await photo())
    await store.promote(replaced)
    const committedStaged = await store.stage(await photo())
    const abandoned = await store.stage(await photo())
    const rows = new Set([kept, committedStaged])

    const result = await store.recover(async (keys) => new Set(keys.filter((k) => rows.has(k))), new Date(Date.now() + 1000))

    expect(result).toEqual({ promoted: 1, removed: 2 })
    for (const key of [kept, committedStaged]) expect(await store.read(key, 'full')).toBeDefined()
    for (const key of [replaced, abandoned]) {
      expect(await store.read(key, 'full')).toBeUndefined()
      expect(await store.read(key, 'thumb')).toBeUndefined()
    }
    expect(existsSync(join(root, 'photos', `${committedStaged}.jpg`))).toBe(true)
  })

  it('leaves files written after the recovery began, whoever names them', async () => {
    const store = new DiskPhotoStore(mkdtempSync(join(tmpdir(), 'hromada-store-')))
    const fresh = await store.stage(await photo())
    await store.promote(fresh)
    expect(await store.recover(async () => new Set(), new Date(Date.now() - 60_000))).toEqual({ promoted: 0, removed: 0 })
    expect(await store.read(fresh, 'full')).toBeDefined()
  })
})

/** A real error of a database that cannot be reached: pg connecting to a port nobody listens on. */
async function unreachableDatabaseError(): Promise<unknown> {
  const client = new pg.Client({ host: '127.0.0.1', port: 9, connectionTimeoutMillis: 2000 })
  return client.connect().then(
    () => client.end(),
    (err: unknown) => err,
  )
}

describe('staged files of a write that failed', () => {
  it('are removed when the write failed for a reason of its own', async () => {
    const store = new DiskPhotoStore(mkdtempSync(join(tmpdir(), 'hromada-store-')))
    const key = await store.stage(await photo())
    expect(await discardStaged(store, [key], new Error('the appeal was refused'))).toEqual([])
    expect(await store.read(key, 'full')).toBeUndefined()
  })

  it('stay for recovery when the database went away, since its COMMIT may have taken effect', async () => {
    const store = new DiskPhotoStore(mkdtempSync(join(tmpdir(), 'hromada-store-')))
    const committed = await store.stage(await photo())
    const lost = await store.stage(await photo())
    const cause = await unreachableDatabaseError()
    expect(cause).toMatchObject({ code: 'ECONNREFUSED' })
    await discardStaged(store, [committed, lost], cause)
    for (const key of [committed, lost]) expect(await store.read(key, 'full')).toBeDefined()
    // Once the database answers again, its rows settle them.
    expect(await store.recover(async (keys) => new Set(keys.filter((k) => k === committed)), new Date(Date.now() + 1000))).toEqual({ promoted: 1, removed: 1 })
    expect(await store.read(committed, 'full')).toBeDefined()
    expect(await store.read(lost, 'full')).toBeUndefined()
  })
})
