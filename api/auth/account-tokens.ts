import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { replaceAccountToken, useAccountToken } from './account.queries.ts'
import { digest, newToken } from './tokens.ts'

/** What a mailed link is for, and how long it works. */
export const TOKEN_PURPOSES = {
  'confirm-email': { hours: 48 },
  'reset-password': { hours: 1 },
} as const
export type TokenPurpose = keyof typeof TOKEN_PURPOSES

/**
 * Issues a single-use token for a mailed link and returns it; only its SHA-256 is stored.
 * Earlier unused tokens of the same purpose stop working, so only the newest mail's link does.
 */
export async function issueAccountToken(trx: Transaction<DB>, userId: number, purpose: TokenPurpose): Promise<string> {
  const token = newToken()
  await replaceAccountToken(trx, userId, purpose, digest(token), TOKEN_PURPOSES[purpose].hours)
  return token
}

/**
 * Uses up a token: marks it used and returns its user's id, or undefined when the token is
 * unknown, of another purpose, used or expired. Inside a transaction that fails later, the
 * token stays unused.
 */
export async function redeemAccountToken(db: Kysely<DB>, token: string, purpose: TokenPurpose): Promise<number | undefined> {
  return useAccountToken(db, digest(token), purpose)
}
