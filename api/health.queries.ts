import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/index.ts'

/** Asks the database the smallest question; resolves when it answers, rejects when it fails. */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`SELECT 1`.execute(db)
}
