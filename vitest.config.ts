import { defineConfig } from 'vitest/config'

/**
 * Tests that hold the database or the machine for long: the crash test (a server killed in
 * the middle of 200 submissions), the outage test (PostgreSQL stopped under load), the
 * importer's (one transaction streaming a 60 MB file for most of a minute), the backup round
 * trip, and the sign-in burst (40 scrypt hashes, timing other requests meanwhile). The embedded
 * engine runs one transaction at a time, so next to them every other test would wait (and a
 * timing would measure the other tests); they run alone afterwards (`vitest.solo.config.ts`,
 * second half of `npm test`).
 */
export const SOLO_TESTS = [
  'api/appeals/crash-recovery.test.ts',
  'api/faults/database-outage.test.ts',
  'layers/import/import-layer.test.ts',
  'db/backup/backup.test.ts',
  'api/auth/password-queue.test.ts',
]

/**
 * Unit, database and API tests: every test talks to a real PostGIS (embedded PGlite by
 * default, the server at DATABASE_URL when set). Browser tests have their own config.
 */
export default defineConfig({
  test: {
    root: '.',
    include: ['{api,tiles,layers,db,scripts}/**/*.test.ts', 'web/**/*.unit.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'web/e2e/**', ...SOLO_TESTS],
    globalSetup: ['scripts/test-global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The embedded engine serialises queries; two workers keep both cores busy without starving it.
    maxWorkers: 2,
  },
})
