import type { SignedInUser } from '../api-client/session-schemas.ts'

/**
 * Where to go after signing in: `next` when it is a path on this site (starting with one "/",
 * not "//" or "/\", which browsers read as another host), else the staff office for staff and
 * the account page for residents.
 * @example pageAfterSignIn('//evil.example', ['resident']) // '/account'
 */
export function pageAfterSignIn(next: string | null, roles: SignedInUser['roles']): string {
  if (next !== null && /^\/(?![/\\])/.test(next) && !/\p{Cc}/u.test(next)) return next
  return roles.some((role) => role !== 'resident') ? '/office' : '/account'
}
