import { randomUUID } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { ProcessedPhoto } from './photo-processing.ts'

/** Which file of a stored photo. */
export type PhotoVariant = 'full' | 'thumb'

/**
 * Where photos live. Local disk by default; an S3-compatible store implements the same four
 * steps. A submission stages its files before its transaction, promotes them after the commit
 * and discards them when the transaction fails, so that a photo file never outlives a
 * transaction that did not commit and a committed photo row always has its file.
 */
export interface PhotoStore {
  /** Writes the files durably under a new key, not yet visible as stored photos. */
  stage(photo: ProcessedPhoto): Promise<string>
  /** Makes staged files permanent: called once their rows have committed. */
  promote(key: string): Promise<void>
  /** Removes staged files whose transaction failed. */
  discard(key: string): Promise<void>
  read(key: string, variant: PhotoVariant): Promise<Buffer | undefined>
  /** Deletes a stored photo whose row is gone or now points at a replacement (redaction). */
  remove(key: string): Promise<void>
  /**
   * After a crash: promotes staged files whose rows committed (`isCommitted`) and removes the
   * rest that were staged before `before`, and removes stored files that no row names any more
   * (a photo replaced by its redacted copy just before the crash).
   */
  recover(isCommitted: (keys: string[]) => Promise<Set<string>>, before: Date): Promise<{ promoted: number; removed: number }>
}

const KEY = /^[0-9a-f-]{36}$/

function fileName(key: string, variant: PhotoVariant): string {
  return `${key}${variant === 'thumb' ? '.thumb' : ''}.jpg`
}

async function writeDurably(path: string, data: Buffer): Promise<void> {
  const file = await open(path, 'wx')
  try {
    await file.writeFile(data)
    await file.sync()
  } finally {
    await file.close()
  }
}

async function unlinkIfPresent(path: string): Promise<void> {
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err
  })
}

async function keysIn(dir: string): Promise<string[]> {
  return [...new Set((await readdir(dir)).map((n) => n.slice(0, 36)).filter((k) => KEY.test(k)))]
}

/** Whether a file of a photo (either of two paths) was written before `before`. */
async function stagedBefore(path: string, other: string, before: Date): Promise<boolean> {
  const info = await stat(path).catch(() => stat(other).catch(() => undefined))
  return info !== undefined && info.mtime.getTime() < before.getTime()
}

/** Photos as files under `root/photos`, staged in `root/pending`. */
export class DiskPhotoStore implements PhotoStore {
  private readonly stored: string
  private readonly pending: string
  private ready: Promise<void> | undefined

  constructor(root: string) {
    this.stored = join(root, 'photos')
    this.pending = join(root, 'pending')
  }

  private ensureDirs(): Promise<void> {
    this.ready ??= Promise.all([mkdir(this.stored, { recursive: true }), mkdir(this.pending, { recursive: true })]).then(() => {})
    return this.ready
  }

  async stage(photo: ProcessedPhoto): Promise<string> {
    await this.ensureDirs()
    const key = randomUUID()
    await writeDurably(join(this.pending, fileName(key, 'thumb')), photo.thumb)
    await writeDurably(join(this.pending, fileName(key, 'full')), photo.full)
    return key
  }

  async promote(key: string): Promise<void> {
    for (const variant of ['thumb', 'full'] as const) {
      const from = join(this.pending, fileName(key, variant))
      await rename(from, join(this.stored, fileName(key, variant))).catch((err: NodeJS.ErrnoException) => {
        // Promoted already (by recovery, or a retry).
        if (err.code !== 'ENOENT') throw err
      })
    }
  }

  async discard(key: string): Promise<void> {
    for (const variant of ['full', 'thumb'] as const) await unlinkIfPresent(join(this.pending, fileName(key, variant)))
  }

  async remove(key: string): Promise<void> {
    if (!KEY.test(key)) return
    for (const variant of ['full', 'thumb'] as const) {
      await unlinkIfPresent(join(this.stored, fileName(key, variant)))
      await unlinkIfPresent(join(this.pending, fileName(key, variant)))
    }
  }

  async read(key: string, variant: PhotoVariant): Promise<Buffer | undefined> {
    if (!KEY.test(key)) return undefined
    for (const dir of [this.stored, this.pending]) {
      try {
        return await readFile(join(dir, fileName(key, variant)))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      }
    }
    return undefined
  }

  async recover(isCommitted: (keys: string[]) => Promise<Set<string>>, before: Date): Promise<{ promoted: number; removed: number }> {
    await this.ensureDirs()
    let promoted = 0
    let removed = 0
    const pending = await keysIn(this.pending)
    const committed = pending.length ? await isCommitted(pending) : new Set<string>()
    for (const key of pending) {
      if (committed.has(key)) {
        await this.promote(key)
        promoted++
      } else if (await stagedBefore(join(this.pending, fileName(key, 'thumb')), join(this.pending, fileName(key, 'full')), before)) {
        await this.discard(key)
        removed++
      }
    }
    const stored = await keysIn(this.stored)
    const named = stored.length ? await isCommitted(stored) : new Set<string>()
    for (const key of stored) {
      if (named.has(key) || !(await stagedBefore(join(this.stored, fileName(key, 'full')), join(this.stored, fileName(key, 'thumb')), before))) continue
      await this.remove(key)
      removed++
    }
    return { promoted, removed }
  }
}
