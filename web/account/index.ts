/** Residents' and staff accounts: the header's account link (the sign-in, registration, password and account pages are in `pages.ts`). */
export { AccountLink } from './AccountLink.tsx'
