/**
 * Writes `db/schema.ts` from the migrations: migrates a new embedded database in a temporary
 * folder (or the PostgreSQL at DATABASE_URL, when set) and generates the types of its tables.
 *
 *   npm run db:schema
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateSchema, openDatabase } from '../db/index.ts'

const SCHEMA_FILE = new URL('../db/schema.ts', import.meta.url)

const dataDir = await mkdtemp(join(tmpdir(), 'hromada-schema-'))
try {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir, poolSize: 1, log: (l) => console.error(l) })
  try {
    await writeFile(SCHEMA_FILE, await generateSchema(database.db))
    console.log(`wrote ${SCHEMA_FILE.pathname}`)
  } finally {
    await database.close()
  }
} finally {
  await rm(dataDir, { recursive: true, force: true })
}
