import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'

/**
 * Drops the tables of deleted layers (a layer's delete only empties them; see migration 014).
 * Each table goes in a transaction of its own that waits at most half a second for the lock on
 * its parent, so tiles and writes are never held up behind it; a table it cannot have now is
 * tried again on the next round. Returns the number of tables dropped.
 */
export async function dropDeletedLayerTables(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ layer: string; table_name: string }>`SELECT layer, table_name FROM deleted_layer_tables()`.execute(db)
  let dropped = 0
  for (const { layer, table_name: table } of rows) {
    const done = await db
      .transaction()
      .execute(async (trx) => {
        await sql`SET LOCAL lock_timeout = '500ms'`.execute(trx)
        // A layer being made again under this id takes the table back: leave it alone.
        const claimed = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext('layer-tables:' || ${layer})) AS ok`.execute(trx)
        if (!claimed.rows[0]?.ok) return false
        const still = await sql`SELECT 1 FROM deleted_layer_tables() WHERE table_name = ${table}`.execute(trx)
        if (still.rows.length === 0) return false
        await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(trx)
        return true
      })
      .catch((err: { code?: string }) => {
        if (err.code === '55P03') return false // lock_not_available: next round
        throw err
      })
    if (done) dropped += 1
  }
  return dropped
}
