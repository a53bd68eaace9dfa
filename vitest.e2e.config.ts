import { defineConfig } from 'vitest/config'

/**
 * Browser tests: real Chromium (playwright-core) against the real server, which the global setup
 * starts (or finds at `E2E_BASE_URL`). One file at a time: they share that server and its data.
 */
export default defineConfig({
  test: {
    include: ['web/e2e/**/*.e2e.test.ts'],
    globalSetup: ['web/e2e/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    // A cold map render in software WebGL takes seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
})
