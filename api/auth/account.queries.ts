import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { writeAudit, type AuditChanges } from '../audit/index.ts'
import type { AccountProfile, OwnAppeal, ProviderId } from '../contract/index.ts'
import { findUser } from './session.queries.ts'

// The account page lists the newest appeals; older ones stay reachable by their numbers.
const OWN_APPEALS_LIMIT = 200

/**
 * Records a change to an account in the audit trail, acted by its owner. The changes name
 * attributes only, never the e-mail or name, so that a deleted account leaves no personal data.
 */
export function auditAccount(trx: Transaction<DB>, userId: number, action: 'create' | 'update' | 'delete', changes: AuditChanges): Promise<void> {
  return writeAudit(trx, { actor: `user:${userId}`, action, objectType: 'user', objectId: userId, changes })
}

/** An account row as the account flows need it; undefined when there is none. */
export async function findAccountByEmail(db: Kysely<DB>, email: string): Promise<{ id: number; password_hash: string | null; email_confirmed: boolean } | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', sql<boolean>`email_confirmed_at IS NOT NULL`.as('email_confirmed')])
    .where('email', '=', email)
    .executeTakeFirst()
}

/** Creates a resident account with an unconfirmed address; undefined when the address is taken. */
export async function createResident(trx: Transaction<DB>, account: { email: string; name: string; passwordHash: string }): Promise<number | undefined> {
  const created = await trx
    .insertInto('users')
    .values({ email: account.email, name: account.name, password_hash: account.passwordHash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!created) return undefined
  const id = created.id
  await trx.insertInto('user_roles').values({ user_id: id, role: 'resident' }).execute()
  await auditAccount(trx, id, 'create', { account: [null, 'registered'], email_confirmed: [null, false] })
  return id
}

/** Marks the account's address confirmed (once; later calls change nothing). */
export async function confirmEmail(trx: Transaction<DB>, userId: number): Promise<void> {
  const confirmed = await trx
    .updateTable('users')
    .set({ email_confirmed_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .where('email_confirmed_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  if (confirmed) await auditAccount(trx, userId, 'update', { email_confirmed: [false, true] })
}

/**
 * Sets a new password and ends the account's sessions, except `keepSession` (the hash of the
 * session making the change, when there is one to keep).
 */
export async function setPassword(trx: Transaction<DB>, userId: number, passwordHash: string, keepSession: Buffer | null): Promise<void> {
  const { rows } = await sql<{ had: boolean }>`
    UPDATE users u SET password_hash = ${passwordHash}, updated_at = now() FROM users old
     WHERE u.id = ${userId} AND old.id = u.id RETURNING old.password_hash IS NOT NULL AS had`.execute(trx)
  await trx.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', 'is distinct from', keepSession).execute()
  await trx.deleteFrom('account_tokens').where('user_id', '=', userId).where('purpose', '=', 'reset-password').where('used_at', 'is', null).execute()
  await auditAccount(trx, userId, 'update', { password: [rows[0]?.had ? 'set' : null, 'changed'] })
}

/** Changes the display name. The trail records that it changed, not the names. */
export async function renameAccount(trx: Transaction<DB>, userId: number, name: string): Promise<void> {
  const renamed = await trx
    .updateTable('users')
    .set({ name, updated_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .where('name', '<>', name)
    .returning('id')
    .executeTakeFirst()
  if (renamed) await auditAccount(trx, userId, 'update', { name: ['set', 'changed'] })
}

/** The password hash of an account (null for provider-only accounts); undefined when there is no such account. */
export async function findPasswordHash(db: Kysely<DB>, userId: number): Promise<string | null | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst()
  return row?.password_hash
}

/** The owner's view of the account: profile, ways to sign in and own appeals (newest first). */
export async function findAccountProfile(db: Kysely<DB>, userId: number): Promise<AccountProfile | undefined> {
  const user = await findUser(db, userId)
  if (!user) return undefined
  const { rows } = await sql<{ email_confirmed: boolean; created_at: Date; has_password: boolean; identities: ProviderId[] }>`
    SELECT u.email_confirmed_at IS NOT NULL AS email_confirmed, u.created_at, u.password_hash IS NOT NULL AS has_password,
           coalesce((SELECT array_agg(DISTINCT i.provider) FROM user_identities i WHERE i.user_id = u.id), '{}') AS identities
      FROM users u WHERE u.id = ${userId}`.execute(db)
  const row = rows[0]
  // Deleted between the two reads.
  if (!row) return undefined
  const appeals = await sql<Omit<OwnAppeal, 'created_at'> & { created_at: Date }>`
    SELECT a.number, a.status, c.name AS category, a.created_at
      FROM appeals a JOIN appeal_categories c ON c.id = a.category_id
     WHERE a.account_id = ${userId}
     ORDER BY a.created_at DESC, a.id DESC LIMIT ${OWN_APPEALS_LIMIT}`.execute(db)
  return {
    ...user,
    email_confirmed: row.email_confirmed,
    created_at: row.created_at.toISOString(),
    providers: [...(row.has_password ? (['password'] as const) : []), ...row.identities],
    appeals: appeals.rows.map((a) => ({ ...a, created_at: a.created_at.toISOString() })),
  }
}

/** Whether the account holds any role besides `resident`: staff accounts are closed by an administrator. */
export async function isStaffAccount(db: Kysely<DB>, userId: number): Promise<boolean> {
  const row = await db.selectFrom('user_roles').select('user_id').where('user_id', '=', userId).where('role', '<>', 'resident').limit(1).executeTakeFirst()
  return row !== undefined
}

/**
 * Deletes an account and its personal data: the user row goes, and with it (by cascade) its
 * sessions, roles, mailed tokens and linked identities. Its appeals stay on record, anonymised:
 * no contact details, no link to the account, no name shown. Support given ("me too") is kept,
 * it holds only hashes. The trail records the deletion and each anonymised appeal, never what
 * the personal data was.
 */
export async function deleteAccount(trx: Transaction<DB>, userId: number): Promise<void> {
  await eraseUser(trx, userId, `user:${userId}`)
  await auditAccount(trx, userId, 'delete', { deleted: [false, true] })
}

/**
 * Erases a user, whoever deletes them: the user row (and by cascade its sessions, roles, tokens
 * and identities) goes, and its appeals are anonymised, each with an audit row by `actor`.
 */
export async function eraseUser(trx: Transaction<DB>, userId: number, actor: string): Promise<void> {
  await sql`
    INSERT INTO audit_log (actor, action, object_type, object_id, changes)
    SELECT ${actor}, 'anonymise', 'appeal', number,
           jsonb_build_object('contact', jsonb_build_array(CASE WHEN coalesce(contact_name, contact_email, contact_phone) IS NULL THEN NULL ELSE 'set' END, NULL),
                              'account', jsonb_build_array(${`user:${userId}`}::text, NULL))
      FROM appeals WHERE account_id = ${userId}`.execute(trx)
  await trx
    .updateTable('appeals')
    .set({ contact_name: null, contact_email: null, contact_phone: null, account_id: null, show_name: false, updated_at: sql<Date>`now()` })
    .where('account_id', '=', userId)
    .execute()
  await trx.deleteFrom('users').where('id', '=', userId).execute()
}

/**
 * Stores the hash of a mailed token for `hours`, and ends the account's earlier tokens of the
 * same purpose, so only the newest mail's link works.
 */
export async function replaceAccountToken(trx: Transaction<DB>, userId: number, purpose: string, tokenHash: Buffer, hours: number): Promise<void> {
  await trx.deleteFrom('account_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute()
  await trx
    .insertInto('account_tokens')
    .values({ token_hash: tokenHash, user_id: userId, purpose, expires_at: sql<Date>`now() + make_interval(hours => ${hours})` })
    .execute()
}

/**
 * Marks an unused, unexpired token of the purpose used and returns its user's id; undefined
 * when there is no such token.
 */
export async function useAccountToken(db: Kysely<DB>, tokenHash: Buffer, purpose: string): Promise<number | undefined> {
  const row = await db
    .updateTable('account_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst()
  return row?.user_id
}

/** The account an outside identity is linked to; undefined when it is linked to none. */
export async function findIdentityUser(db: Kysely<DB>, issuer: string, subject: string): Promise<number | undefined> {
  const row = await db.selectFrom('user_identities').select('user_id').where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst()
  return row?.user_id
}

/** The account of an e-mail address, locked for the rest of the transaction; undefined when there is none. */
export async function lockAccountByEmail(trx: Transaction<DB>, email: string): Promise<{ id: number; email_confirmed: boolean } | undefined> {
  return trx
    .selectFrom('users')
    .select(['id', sql<boolean>`email_confirmed_at IS NOT NULL`.as('email_confirmed')])
    .where('email', '=', email)
    .forUpdate()
    .executeTakeFirst()
}

/**
 * Hands an unconfirmed account to the owner of its address, whom a provider vouched for: the
 * address counts as confirmed, and the password and sessions of whoever registered it go.
 */
export async function claimUnconfirmedAccount(trx: Transaction<DB>, userId: number): Promise<void> {
  await trx.updateTable('users').set({ password_hash: null, email_confirmed_at: sql<Date>`now()`, updated_at: sql<Date>`now()` }).where('id', '=', userId).execute()
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

/** Creates a resident account without a password, its address confirmed or not; returns its id. */
export async function createProviderResident(trx: Transaction<DB>, account: { email: string; name: string; emailConfirmed: boolean }): Promise<number> {
  const { id } = await trx
    .insertInto('users')
    .values({ email: account.email, name: account.name, email_confirmed_at: account.emailConfirmed ? sql<Date>`now()` : null })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx.insertInto('user_roles').values({ user_id: id, role: 'resident' }).execute()
  return id
}

/** Links an outside identity (issuer, subject) to an account. */
export async function insertIdentity(trx: Transaction<DB>, identity: { issuer: string; subject: string; provider: string }, userId: number): Promise<void> {
  await trx.insertInto('user_identities').values({ issuer: identity.issuer, subject: identity.subject, user_id: userId, provider: identity.provider }).execute()
}
