import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { deleteExpiredUploads, findUpload } from '../../layers/index.ts'

/** A folder younger than this may belong to an upload still being received or read. */
const IN_FLIGHT_MS = 6 * 3_600_000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Deletes the uploads past their three days, with their files, and the folders no upload owns
 * (left by a server stopped in the middle of reading one). Returns how many folders went.
 */
export async function pruneLayerUploads(db: Kysely<DB>, uploadDir: string, now = Date.now()): Promise<number> {
  let removed = 0
  for (const id of await deleteExpiredUploads(db)) {
    await rm(join(uploadDir, id), { recursive: true, force: true })
    removed++
  }
  const names = await readdir(uploadDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[]
    throw err
  })
  for (const name of names) {
    const dir = join(uploadDir, name)
    if (!UUID.test(name)) continue
    const info = await stat(dir).catch(() => undefined)
    if (!info || now - info.mtimeMs < IN_FLIGHT_MS) continue
    if (await findUpload(db, name)) continue
    await rm(dir, { recursive: true, force: true })
    removed++
  }
  return removed
}
