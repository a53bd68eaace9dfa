import type { Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { auditAccount, claimUnconfirmedAccount, createProviderResident, findIdentityUser, insertIdentity, lockAccountByEmail } from './account.queries.ts'
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
  const known = await findIdentityUser(trx, identity.issuer, identity.subject)
  if (known !== undefined) return { userId: known }
  if (!identity.email) return { refused: 'no-email' }
  const existing = await lockAccountByEmail(trx, identity.email)
  if (existing && !identity.emailVerified) return { refused: 'email-taken' }
  let userId: number
  if (existing) {
    userId = existing.id
    if (!existing.email_confirmed) {
      await claimUnconfirmedAccount(trx, userId)
      await auditAccount(trx, userId, 'update', { email_confirmed: [false, true], password: ['set', null] })
    }
  } else {
    userId = await createProviderResident(trx, { email: identity.email, name: identity.name ?? '', emailConfirmed: identity.emailVerified })
    await auditAccount(trx, userId, 'create', { account: [null, identity.provider], email_confirmed: [null, identity.emailVerified] })
  }
  await insertIdentity(trx, identity, userId)
  await auditAccount(trx, userId, 'update', { identities: [null, identity.provider] })
  return { userId }
}
