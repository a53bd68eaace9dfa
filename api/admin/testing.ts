/** Test entry of the administrator's cabinet: imported by test files only, never by the app. */
export { type Client, signInAsAdmin } from './admin-test-helpers.ts'
