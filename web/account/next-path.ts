import { NextPath } from '../../api/contract/index.ts'
import type { SignedInUser } from '../api-client/index.ts'
import { sectionsFor } from '../office/shared/index.ts'

/**
 * Where to go after signing in: `next` when it is a path on this site (starting with one "/",
 * not "//" or "/\", which browsers read as another host), else the staff office for staff and
 * the account page for everyone the office has nothing for.
 * @example pageAfterSignIn('//evil.example', { permissions: ['account'] }) // '/account'
 */
export function pageAfterSignIn(next: string | null, user: Pick<SignedInUser, 'permissions'>): string {
  if (next !== null && NextPath.safeParse(next).success) return next
  return homeOf(user)
}

/** The page that is a user's own: the office when a section of it is open to them, else the account. */
export function homeOf(user: Pick<SignedInUser, 'permissions'>): '/office' | '/account' {
  return sectionsFor(user).length > 0 ? '/office' : '/account'
}
