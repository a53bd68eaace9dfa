/**
 * Where the PDFs of layers live: files named by their document's random id, never by the name
 * the planner's file had. A new file is staged before its row's transaction and promoted after
 * the commit, so that a document row always has its file and no file outlives a transaction
 * that did not commit; `recover` settles what a crash left in between.
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { HttpProblem } from '../http/index.ts'

/** A staged file: its id (the document's), where it is, its size and SHA-256 (hex). */
export interface StagedDocument {
  id: string
  path: string
  bytes: number
  sha256: string
}

// A full disk cannot take the file (507); a read-only or forbidden folder is an outage an
// operator must fix (503). Codes as in errno(3).
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT'])
const UNWRITABLE_CODES = new Set(['EROFS', 'EACCES', 'EPERM'])
const RETRY_AFTER_SECONDS = 300
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The problem for a failed write: 507 for a full disk, 503 for an unwritable folder; else `err` as it is. */
function storageProblem(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? ''
  if (FULL_CODES.has(code)) return new HttpProblem('insufficient-storage', 507, 'There is no room to store the document, so nothing was saved. Try again later or tell the administrator')
  if (UNWRITABLE_CODES.has(code)) {
    const problem = new HttpProblem('unavailable', 503, 'Documents cannot be stored at the moment, so nothing was saved. Try again later')
    problem.retryAfter = RETRY_AFTER_SECONDS
    return problem
  }
  return err
}

async function unlinkIfPresent(path: string): Promise<void> {
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err
  })
}

const fileName = (id: string) => `${id}.pdf`

/** The document ids of the files in `dir`. */
async function idsIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.endsWith('.pdf') && ID.test(n.slice(0, -4))).map((n) => n.slice(0, -4))
}

/** Documents as private files (0600) under `root/files`, staged in `root/pending`. */
export class DocumentStore {
  private readonly stored: string
  private readonly pending: string
  private ready: Promise<void> | undefined

  constructor(root: string) {
    this.stored = join(root, 'files')
    this.pending = join(root, 'pending')
  }

  private ensureDirs(): Promise<void> {
    this.ready ??= Promise.all([mkdir(this.stored, { recursive: true, mode: 0o700 }), mkdir(this.pending, { recursive: true, mode: 0o700 })]).then(
      () => {},
      (err: unknown) => {
        // Tried again on the next call: the folder may be fixed by then.
        this.ready = undefined
        throw err
      },
    )
    return this.ready
  }

  /**
   * Writes the bytes durably under a new id, not yet a stored document, hashing them on the
   * way. Throws a 507 or 503 problem when the disk cannot take them, leaving no partial file.
   */
  async stage(body: ReadableStream<Uint8Array>): Promise<StagedDocument> {
    const id = randomUUID()
    const path = join(this.pending, fileName(id))
    const hash = createHash('sha256')
    let bytes = 0
    try {
      await this.ensureDirs()
      const file = await open(path, 'wx', 0o600)
      try {
        const reader = body.getReader()
        for (let next = await reader.read(); !next.done; next = await reader.read()) {
          hash.update(next.value)
          bytes += next.value.length
          await file.write(next.value)
        }
        await file.sync()
      } finally {
        await file.close()
      }
    } catch (err) {
      // Should even this fail, `recover` removes the leftover later.
      await this.discard(id).catch(() => {})
      throw storageProblem(err)
    }
    return { id, path, bytes, sha256: hash.digest('hex') }
  }

  /** Makes a staged file permanent: called once its row has committed. */
  async promote(id: string): Promise<void> {
    await rename(join(this.pending, fileName(id)), join(this.stored, fileName(id))).catch((err: NodeJS.ErrnoException) => {
      // Promoted already (by recovery, or a retry).
      if (err.code !== 'ENOENT') throw err
    })
  }

  /** Removes a staged file whose row was refused or rolled back. */
  async discard(id: string): Promise<void> {
    await unlinkIfPresent(join(this.pending, fileName(id)))
  }

  /** Deletes a document's file, wherever it is: called after its row is gone. */
  async remove(id: string): Promise<void> {
    if (!ID.test(id)) return
    await unlinkIfPresent(join(this.stored, fileName(id)))
    await unlinkIfPresent(join(this.pending, fileName(id)))
  }

  /** Where a document's file is (a committed one whose promotion failed is still staged), or undefined. */
  async find(id: string): Promise<{ path: string; bytes: number } | undefined> {
    if (!ID.test(id)) return undefined
    for (const dir of [this.stored, this.pending]) {
      const path = join(dir, fileName(id))
      const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined
        throw err
      })
      if (info) return { path, bytes: info.size }
    }
    return undefined
  }

  /**
   * After a crash or a failed cleanup: promotes staged files whose rows committed, removes staged
   * files older than `before` whose rows did not, and removes stored files older than `before`
   * that no row names (a document removed, or its layer deleted, while the file could not go).
   */
  async recover(existing: (ids: string[]) => Promise<Set<string>>, before: Date): Promise<{ promoted: number; removed: number }> {
    await this.ensureDirs()
    let promoted = 0
    let removed = 0
    const olderThan = async (path: string) => ((await stat(path).catch(() => undefined))?.mtime.getTime() ?? Infinity) < before.getTime()
    const pending = await idsIn(this.pending)
    const committed = pending.length ? await existing(pending) : new Set<string>()
    for (const id of pending) {
      if (committed.has(id)) {
        await this.promote(id)
        promoted++
      } else if (await olderThan(join(this.pending, fileName(id)))) {
        await this.discard(id)
        removed++
      }
    }
    const stored = await idsIn(this.stored)
    const named = stored.length ? await existing(stored) : new Set<string>()
    for (const id of stored) {
      if (named.has(id) || !(await olderThan(join(this.stored, fileName(id))))) continue
      await unlinkIfPresent(join(this.stored, fileName(id)))
      removed++
    }
    return { promoted, removed }
  }
}
