import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { processPhoto } from './photo-processing.ts'
import { DiskPhotoStore } from './photo-store.ts'

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
