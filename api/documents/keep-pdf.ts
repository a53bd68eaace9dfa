import type { Context } from 'hono'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { checkPdf, ImportFileError } from '../../layers/index.ts'
import { type AppEnv, HttpProblem, isDatabaseUnavailable } from '../http/index.ts'
import './documents-deps.ts'
import { documentFileName } from './file-name.ts'

/** An uploaded PDF as the store keeps it, for the row that names it. */
export interface KeptPdf {
  id: string
  fileName: string
  bytes: number
  pages: number | null
  sha256: string
}

/**
 * Stages an uploaded PDF, checks it (a 422 when it is not a readable PDF within the limit), and
 * writes the row that names it with `write` in one transaction: the file is kept exactly when
 * the row commits. When the database went away nobody knows whether the COMMIT took effect, so
 * the file then stays staged and the store's recovery keeps or removes it by its row.
 */
export async function keepPdf(c: Context<AppEnv>, file: File, write: (trx: Transaction<DB>, pdf: KeptPdf) => Promise<unknown>): Promise<KeptPdf> {
  const { store, maxBytes } = c.var.documents
  const staged = await store.stage(file.stream())
  let pdf: KeptPdf
  try {
    const { pages } = await checkPdf(staged.path, maxBytes)
    pdf = { id: staged.id, fileName: documentFileName(file.name), bytes: staged.bytes, pages: pages ?? null, sha256: staged.sha256 }
    await c.var.db.transaction().execute((trx) => write(trx, pdf))
  } catch (err) {
    if (!isDatabaseUnavailable(err)) await store.discard(staged.id)
    throw err instanceof ImportFileError ? new HttpProblem('unreadable-file', 422, err.message, [{ field: 'body.file', message: err.message }]) : err
  }
  // A file that cannot be moved now stays staged, where it is still found and later promoted.
  await store.promote(staged.id).catch((err: Error) => c.var.log('a document stays staged until recovery', { level: 'warn', error: err.message }))
  return pdf
}
