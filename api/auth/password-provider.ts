import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { findAccountByEmail } from './account.queries.ts'
import type { ProviderInfo } from '../contract/index.ts'
import { hashPassword, verifyPassword } from './password.ts'

/** The built-in provider: e-mail address and password, on our own sign-in form. */
export const PASSWORD_PROVIDER: ProviderInfo = { id: 'password', label: 'password', kind: 'form' }

// Verified when there is no password to check, so that an unknown e-mail takes as long as a wrong password.
const NO_SUCH_USER = hashPassword('no such user')

/**
 * The account whose e-mail and password these are, with whether its address is confirmed;
 * undefined for an unknown e-mail, a wrong password and an account without a password alike,
 * each taking one password hash's time.
 */
export async function checkPassword(db: Kysely<DB>, email: string, password: string): Promise<{ id: number; emailConfirmed: boolean } | undefined> {
  const user = await findAccountByEmail(db, email)
  const matches = await verifyPassword(password, user?.password_hash ?? (await NO_SUCH_USER))
  return user?.password_hash && matches ? { id: user.id, emailConfirmed: user.email_confirmed } : undefined
}

/** Whether `password` is the account's; false for an account without a password. */
export async function passwordMatches(passwordHash: string | null, password: string): Promise<boolean> {
  return verifyPassword(password, passwordHash ?? (await NO_SUCH_USER)).then((ok) => ok && passwordHash !== null)
}
