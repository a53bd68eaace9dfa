import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { writeAudit, type AuditChanges } from '../audit/audit-log.ts'
import type { AccountProfile, OwnAppeal } from './account.schemas.ts'
import type { ProviderId } from './identity-provider.ts'
import { findUser } from './session.ts'

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
  const { rows } = await sql<{ id: number; password_hash: string | null; email_confirmed: boolean }>`
    SELECT id, password_hash, email_confirmed_at IS NOT NULL AS email_confirmed FROM users WHERE email = ${email}`.execute(db)
  return rows[0]
}

/** Creates a resident account with an unconfirmed address; undefined when the address is taken. */
export async function createResident(trx: Transaction<DB>, account: { email: string; name: string; passwordHash: string }): Promise<number | undefined> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO users (email, name, password_hash) VALUES (${account.email}, ${account.name}, ${account.passwordHash})
    ON CONFLICT (email) DO NOTHING RETURNING id`.execute(trx)
  const id = rows[0]?.id
  if (id === undefined) return undefined
  await sql`INSERT INTO user_roles (user_id, role) VALUES (${id}, 'resident')`.execute(trx)
  await auditAccount(trx, id, 'create', { account: [null, 'registered'], email_confirmed: [null, false] })
  return id
}

/** Marks the account's address confirmed (once; later calls change nothing). */
export async function confirmEmail(trx: Transaction<DB>, userId: number): Promise<void> {
  const { rows } = await sql`UPDATE users SET email_confirmed_at = now(), updated_at = now() WHERE id = ${userId} AND email_confirmed_at IS NULL RETURNING id`.execute(trx)
  if (rows.length) await auditAccount(trx, userId, 'update', { email_confirmed: [false, true] })
}

/**
 * Sets a new password and ends the account's sessions, except `keepSession` (the hash of the
 * session making the change, when there is one to keep).
 */
export async function setPassword(trx: Transaction<DB>, userId: number, passwordHash: string, keepSession: Buffer | null): Promise<void> {
  const { rows } = await sql<{ had: boolean }>`
    UPDATE users u SET password_hash = ${passwordHash}, updated_at = now() FROM users old
     WHERE u.id = ${userId} AND old.id = u.id RETURNING old.password_hash IS NOT NULL AS had`.execute(trx)
  await sql`DELETE FROM sessions WHERE user_id = ${userId} AND token_hash IS DISTINCT FROM ${keepSession}`.execute(trx)
  await sql`DELETE FROM account_tokens WHERE user_id = ${userId} AND purpose = 'reset-password' AND used_at IS NULL`.execute(trx)
  await auditAccount(trx, userId, 'update', { password: [rows[0]?.had ? 'set' : null, 'changed'] })
}

/** Changes the display name. The trail records that it changed, not the names. */
export async function renameAccount(trx: Transaction<DB>, userId: number, name: string): Promise<void> {
  const { rows } = await sql`UPDATE users SET name = ${name}, updated_at = now() WHERE id = ${userId} AND name <> ${name} RETURNING id`.execute(trx)
  if (rows.length) await auditAccount(trx, userId, 'update', { name: ['set', 'changed'] })
}

/** The password hash of an account (null for provider-only accounts); undefined when there is no such account. */
export async function findPasswordHash(db: Kysely<DB>, userId: number): Promise<string | null | undefined> {
  const { rows } = await sql<{ password_hash: string | null }>`SELECT password_hash FROM users WHERE id = ${userId}`.execute(db)
  return rows[0]?.password_hash
}

/** The owner's view of the account: profile, ways to sign in and own appeals (newest first). */
export async function findAccountProfile(db: Kysely<DB>, userId: number): Promise<AccountProfile | undefined> {
  const user = await findUser(db, userId)
  if (!user) return undefined
  const { rows } = await sql<{ email_confirmed: boolean; created_at: Date; has_password: boolean; identities: ProviderId[] }>`
    SELECT u.email_confirmed_at IS NOT NULL AS email_confirmed, u.created_at, u.password_hash IS NOT NULL AS has_password,
           coalesce((SELECT array_agg(DISTINCT i.provider) FROM user_identities i WHERE i.user_id = u.id), '{}') AS identities
      FROM users u WHERE u.id = ${userId}`.execute(db)
  const row = rows[0]!
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
  const { rows } = await sql`SELECT 1 FROM user_roles WHERE user_id = ${userId} AND role <> 'resident' LIMIT 1`.execute(db)
  return rows.length > 0
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
  await sql`UPDATE appeals SET contact_name = NULL, contact_email = NULL, contact_phone = NULL, account_id = NULL, show_name = false, updated_at = now()
             WHERE account_id = ${userId}`.execute(trx)
  await sql`DELETE FROM users WHERE id = ${userId}`.execute(trx)
}
