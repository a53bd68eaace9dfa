import type { Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { keepBatch, markBatch, undoBatch } from './import.queries.ts'

/**
 * Writes a batch of features in one statement (`write`) under a savepoint. PostGIS may still
 * refuse a geometry GeoJSON allows, or fail to reproject one; then each row is retried alone,
 * under its own savepoint, so that only the culprits are left out and each is named through
 * `refused`.
 */
export async function stageBatch<Row>(
  trx: Transaction<DB>,
  batch: Row[],
  write: (rows: Row[]) => Promise<void>,
  refused: (row: Row, err: Error) => void,
): Promise<void> {
  if (batch.length === 0) return
  try {
    await markBatch(trx)
    await write(batch)
    await keepBatch(trx)
  } catch {
    await undoBatch(trx)
    for (const row of batch) {
      try {
        await write([row])
        await keepBatch(trx)
        await markBatch(trx)
      } catch (err) {
        await undoBatch(trx)
        refused(row, err as Error)
      }
    }
    await keepBatch(trx)
  }
}
