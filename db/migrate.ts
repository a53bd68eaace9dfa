import { readdir, readFile } from 'node:fs/promises'
import { sql, type Kysely } from 'kysely'

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url)
// Any constant shared by all replicas: only one of them migrates at a time.
const MIGRATION_LOCK = 7_301_202_601

/**
 * Applies the SQL files of `db/migrations/` in name order, each in its own transaction, and
 * records them in `schema_migrations`. Safe to run twice and from several processes at once.
 * Returns the names it applied (empty when the schema was current).
 */
export async function migrate(db: Kysely<any>, log: (line: string) => void = () => {}): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort()
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn)
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn)
      const done = new Set(
        (await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(conn)).rows.map((r) => r.name),
      )
      const applied: string[] = []
      for (const file of files.filter((f) => !done.has(f))) {
        const text = await readFile(new URL(file, MIGRATIONS_DIR), 'utf8')
        log(`migrating: ${file}`)
        await conn.transaction().execute(async (trx) => {
          await sql.raw(text).execute(trx)
          await sql`INSERT INTO schema_migrations (name) VALUES (${file})`.execute(trx)
        })
        applied.push(file)
      }
      return applied
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn)
    }
  })
}
