/** The test entry of the database module: imported by test files only, never by the app. */
import { inject } from 'vitest'
import { openDatabase, type Database } from './connection.ts'

/**
 * The run's test database (see `test-global-setup.ts`), already migrated and holding the demo
 * data. Each test file opens its own pool; close it in `afterAll`.
 */
export function openTestDatabase(poolSize = 4): Promise<Database> {
  return openDatabase({ databaseUrl: inject('databaseUrl'), migrate: false, poolSize })
}
