import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'

/** A sign-in sent to the identity provider and not yet back: what the callback must check. */
export interface PendingSignIn {
  code_verifier: string
  nonce: string
  /** Where to go after signing in; null: the account page. */
  next_path: string | null
}

/** Keeps a started sign-in under the hash of its state for `minutes`, and drops expired ones. */
export async function savePendingSignIn(db: Kysely<DB>, stateHash: Buffer, pending: PendingSignIn, minutes: number): Promise<void> {
  await db.deleteFrom('oidc_sign_ins').where('expires_at', '<', sql<Date>`now()`).execute()
  await db
    .insertInto('oidc_sign_ins')
    .values({ state_hash: stateHash, ...pending, expires_at: sql<Date>`now() + make_interval(mins => ${minutes})` })
    .execute()
}

/** Takes (and removes) an unexpired started sign-in by the hash of its state; undefined when there is none. */
export async function takePendingSignIn(db: Kysely<DB>, stateHash: Buffer): Promise<PendingSignIn | undefined> {
  return db
    .deleteFrom('oidc_sign_ins')
    .where('state_hash', '=', stateHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['code_verifier', 'nonce', 'next_path'])
    .executeTakeFirst()
}
