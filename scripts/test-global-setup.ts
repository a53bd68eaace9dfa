/**
 * Vitest global setup: one database for the whole run. With `DATABASE_URL` it is that
 * PostgreSQL + PostGIS; without, an embedded PGlite + PostGIS in `.data/test` served on its
 * private unix socket (the URL holds the installation's secret). Either way it is migrated and holds the demo data, and the tests reach it
 * through `pg` exactly as the app does.
 */
import type { TestProject } from 'vitest/node'
import { openDatabase, startEmbeddedPostgis, type Database } from '../db/index.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    databaseEngine: 'embedded' | 'postgres'
  }
}

let database: Database | undefined
let stopEmbedded: (() => Promise<void>) | undefined

export async function setup(project: TestProject): Promise<void> {
  const log = (line: string) => console.log(`[test-db] ${line}`)
  let url = process.env.DATABASE_URL
  if (!url) {
    const embedded = await startEmbeddedPostgis(process.env.HROMADA_TEST_DATA_DIR ?? '.data/test', log)
    url = embedded.url
    stopEmbedded = embedded.stop
  }
  database = await openDatabase({ databaseUrl: url, log })
  const { loadDemoData } = await import('../api/demo/index.ts')
  await loadDemoData(database.db, log)
  project.provide('databaseUrl', url)
  project.provide('databaseEngine', process.env.DATABASE_URL ? 'postgres' : 'embedded')
}

export async function teardown(): Promise<void> {
  await database?.close()
  await stopEmbedded?.()
}
