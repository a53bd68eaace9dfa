import { defineConfig } from 'vitest/config'
import base, { SOLO_TESTS } from './vitest.config.ts'

/** The tests that hold the database for long, one file at a time (see `vitest.config.ts`). */
export default defineConfig({ test: { ...base.test, include: SOLO_TESTS, exclude: ['node_modules/**'], fileParallelism: false } })
