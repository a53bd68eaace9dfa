/** Test entry of accounts and sessions: imported by test files only, never by the app. */
export { freshAddress, freshEmail, lastMail } from './auth-test-helpers.ts'
export { type SignedIn, signIn, signInAs } from './sign-in-test-helpers.ts'
