import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { auditAccount } from './account.queries.ts'
import type { ExternalIdentity } from './identity-provider.ts'

/** Whose account an outside sign-in opens, or why it opens none. */
export type IdentityLink = { userId: number } | { refused: 'no-email' | 'email-taken' }

/**
 * The account of an outside identity, by (issuer, subject). A new identity is linked to the
 * account with the same address when the provider vouches for that address, and otherwise gets
 * a new resident account. An unconfirmed account that is linked loses its password and sessions:
 * whoever registered the address before its owner confirmed it must not keep a way in.
 */
export async function linkExternalIdentity(trx: Transaction<DB>, identity: ExternalIdentity): Promise<IdentityLink> {
  const known = await sql<{ user_id: number }>`SELECT user_id FROM user_identities WHERE issuer = ${identity.issuer} AND subject = ${identity.subject}`.execute(trx)
  if (known.rows[0]) return { userId: known.rows[0].user_id }
  if (!identity.email) return { refused: 'no-email' }
  const { rows } = await sql<{ id: number; email_confirmed: boolean }>`
    SELECT id, email_confirmed_at IS NOT NULL AS email_confirmed FROM users WHERE email = ${identity.email} FOR UPDATE`.execute(trx)
  const existing = rows[0]
  if (existing && !identity.emailVerified) return { refused: 'email-taken' }
  let userId: number
  if (existing) {
    userId = existing.id
    if (!existing.email_confirmed) {
      await sql`UPDATE users SET password_hash = NULL, email_confirmed_at = now(), updated_at = now() WHERE id = ${userId}`.execute(trx)
      await sql`DELETE FROM sessions WHERE user_id = ${userId}`.execute(trx)
      await auditAccount(trx, userId, 'update', { email_confirmed: [false, true], password: ['set', null] })
    }
  } else {
    const created = await sql<{ id: number }>`
      INSERT INTO users (email, name, email_confirmed_at) VALUES (${identity.email}, ${identity.name ?? ''}, ${identity.emailVerified ? sql`now()` : null})
      RETURNING id`.execute(trx)
    userId = created.rows[0]!.id
    await sql`INSERT INTO user_roles (user_id, role) VALUES (${userId}, 'resident')`.execute(trx)
    await auditAccount(trx, userId, 'create', { account: [null, identity.provider], email_confirmed: [null, identity.emailVerified] })
  }
  await sql`INSERT INTO user_identities (issuer, subject, user_id, provider) VALUES (${identity.issuer}, ${identity.subject}, ${userId}, ${identity.provider})`.execute(trx)
  await auditAccount(trx, userId, 'update', { identities: [null, identity.provider] })
  return { userId }
}
