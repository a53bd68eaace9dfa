import { defineConfig } from 'vitest/config'

/**
 * Unit, database and API tests: every test talks to a real PostGIS (embedded PGlite by
 * default, the server at DATABASE_URL when set). Browser tests have their own config.
 */
export default defineConfig({
  test: {
    root: '.',
    include: ['{api,tiles,layers,db,scripts}/**/*.test.ts', 'web/**/*.unit.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'web/e2e/**'],
    globalSetup: ['db/test-global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The embedded engine serialises queries; two workers keep both cores busy without starving it.
    maxWorkers: 2,
  },
})
