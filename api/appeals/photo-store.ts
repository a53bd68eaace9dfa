import { randomUUID } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { HttpProblem, isDatabaseUnavailable } from '../http/index.ts'
import type { ProcessedPhoto } from './photo-processing.ts'

/** Which file of a stored photo. */
export type PhotoVariant = 'full' | 'thumb'

/** Whether the store takes new files now: `full` (no space left) and `unwritable` are faults. */
export type PhotoStoreState = 'ok' | 'full' | 'unwritable'

/**
 * Where photos live. Local disk by default; an S3-compatible store implements the same four
 * steps. A submission stages its files before its transaction, promotes them after the commit
 * and discards them when the transaction fails, so that a photo file never outlives a
 * transaction that did not commit and a committed photo row always has its file.
 */
export interface PhotoStore {
  /**
   * Writes the files durably under a new key, not yet visible as stored photos. Writes both
   * files or neither: when the store is full it throws a 507 `insufficient-storage` problem,
   * when it cannot be written a 503 `unavailable` one, and leaves no partial file behind.
   */
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
  /**
   * Whether a new file can be written now, for the health check: tried by writing and removing
   * a small file, and remembered for a few seconds so that health stays cheap.
   */
  probe(): Promise<PhotoStoreState>
}

// A full disk cannot take the upload (507); a read-only or forbidden folder is an outage an
// operator must fix (503). Codes as in errno(3).
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT'])
const UNWRITABLE_CODES = new Set(['EROFS', 'EACCES', 'EPERM'])
/** Seconds a client is asked to wait before it tries again while the store cannot be written. */
const RETRY_AFTER_SECONDS = 300

function stateOf(err: unknown): PhotoStoreState | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? ''
  return FULL_CODES.has(code) ? 'full' : UNWRITABLE_CODES.has(code) ? 'unwritable' : undefined
}

/**
 * The problem to answer for a failed write to the store: 507 for a full disk, 503 with
 * `Retry-After` for a read-only or forbidden folder. Any other error is returned as it is.
 */
export function storageProblem(err: unknown): unknown {
  const state = stateOf(err)
  if (state === 'full') return new HttpProblem('insufficient-storage', 507, 'The photo store is full, so nothing was saved. Try again later, or send it without photos')
  if (state === 'unwritable') {
    const problem = new HttpProblem('unavailable', 503, 'Photos cannot be stored at the moment, so nothing was saved. Try again later, or send it without photos')
    problem.retryAfter = RETRY_AFTER_SECONDS
    return problem
  }
  return err
}

/**
 * Discards the staged files of a write that failed with `cause`, without hiding its error: a
 * file that cannot be removed now (a store gone read-only) is one `recover` removes later.
 * When the database went away during the write, nobody knows whether its COMMIT took effect:
 * the files then stay staged, and `recover` keeps them if their rows exist and removes them
 * if not. Returns the errors of the files left behind, for the log.
 */
export async function discardStaged(store: PhotoStore, keys: readonly string[], cause: unknown): Promise<unknown[]> {
  if (isDatabaseUnavailable(cause)) return []
  const results = await Promise.allSettled(keys.map((k) => store.discard(k)))
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
}

/**
 * Promotes the files of rows that have committed. A file that cannot be moved now stays
 * staged, where `read` still finds it and `recover` promotes it at the next start, so the
 * committed write stands. Returns the errors of the files left staged, for the log.
 */
export async function promoteCommitted(store: PhotoStore, keys: readonly string[]): Promise<unknown[]> {
  const results = await Promise.allSettled(keys.map((k) => store.promote(k)))
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
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
  // Neither file may exist any more (promoted or removed meanwhile): then it is not stale.
  const info = await stat(path).catch(() => stat(other).catch(() => undefined))
  return info !== undefined && info.mtime.getTime() < before.getTime()
}

/** Options of a {@link DiskPhotoStore}. */
export interface DiskPhotoStoreOptions {
  /** How long a `probe` result is reused, in milliseconds; default 5000. */
  probeCacheMs?: number
}

/** Photos as files under `root/photos`, staged in `root/pending`. */
export class DiskPhotoStore implements PhotoStore {
  private readonly stored: string
  private readonly pending: string
  private readonly probeCacheMs: number
  private ready: Promise<void> | undefined
  private lastProbe: { at: number; state: Promise<PhotoStoreState> } | undefined

  constructor(root: string, options: DiskPhotoStoreOptions = {}) {
    this.stored = join(root, 'photos')
    this.pending = join(root, 'pending')
    this.probeCacheMs = options.probeCacheMs ?? 5000
  }

  private ensureDirs(): Promise<void> {
    this.ready ??= Promise.all([mkdir(this.stored, { recursive: true }), mkdir(this.pending, { recursive: true })]).then(
      () => {},
      (err: unknown) => {
        // Tried again on the next call: the folder may be fixed by then.
        this.ready = undefined
        throw err
      },
    )
    return this.ready
  }

  async stage(photo: ProcessedPhoto): Promise<string> {
    const key = randomUUID()
    try {
      await this.ensureDirs()
      await writeDurably(join(this.pending, fileName(key, 'thumb')), photo.thumb)
      await writeDurably(join(this.pending, fileName(key, 'full')), photo.full)
    } catch (err) {
      // Both files or neither: a half-written file of a full disk goes too. Should even that
      // fail, `recover` removes the leftovers at the next start.
      await this.discard(key).catch(() => {})
      throw storageProblem(err)
    }
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

  async probe(): Promise<PhotoStoreState> {
    const now = Date.now()
    if (!this.lastProbe || now - this.lastProbe.at >= this.probeCacheMs) this.lastProbe = { at: now, state: this.writeProbe() }
    return this.lastProbe.state
  }

  private async writeProbe(): Promise<PhotoStoreState> {
    // Not named like a photo key, so that recovery never takes it for one.
    const path = join(this.pending, `.probe-${randomUUID()}`)
    try {
      await this.ensureDirs()
      await writeFile(path, 'probe')
      await unlink(path)
      return 'ok'
    } catch (err) {
      // A probe file that could not be removed is a dot-file recovery leaves alone; the
      // answer is the same either way: the store cannot be written.
      await unlinkIfPresent(path).catch(() => {})
      return stateOf(err) ?? 'unwritable'
    }
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
