import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { changedAttributes, writeAudit } from '../audit/index.ts'
import { eraseUser, recordSecurityEvent, type Role, type SecurityClient } from '../auth/index.ts'
import type { FieldError } from '../http/index.ts'
import { auditUpdate } from './admin-audit.ts'
import { conflict } from './admin-problems.ts'
import type { RoleGrants, UserCreateBody, UserListQuery } from '../contract/index.ts'

/** A user as the administrator sees them; never the password hash. */
export interface AdminUser {
  id: number
  email: string
  name: string
  roles: Array<{ role: Role; organisation: string | null }>
  email_confirmed: boolean
  /** False for an account that signs in only after a password reset. */
  has_password: boolean
  created_at: Date
  /** The start of their newest session still on record; null when none is. */
  last_sign_in_at: Date | null
}

function selectUsers(where: RawBuilder<unknown>, tail: RawBuilder<unknown> = sql``) {
  return sql<AdminUser>`
    SELECT u.id, u.email, u.name,
           coalesce((SELECT json_agg(json_build_object('role', r.role, 'organisation', r.organisation_id) ORDER BY r.role)
                       FROM user_roles r WHERE r.user_id = u.id), '[]') AS roles,
           u.email_confirmed_at IS NOT NULL AS email_confirmed, u.password_hash IS NOT NULL AS has_password, u.created_at,
           (SELECT max(s.created_at) FROM sessions s WHERE s.user_id = u.id) AS last_sign_in_at
      FROM users u WHERE ${where} ${tail}`
}

/** One user by id; undefined when there is none. */
export async function findAdminUser(db: Kysely<DB>, id: number): Promise<AdminUser | undefined> {
  return (await selectUsers(sql`u.id = ${id}`).execute(db)).rows[0]
}

/**
 * A page of users, oldest first, filtered by text in e-mail or name, by role and by
 * organisation; `total` counts every match.
 */
export async function listAdminUsers(db: Kysely<DB>, query: UserListQuery): Promise<{ total: number; items: AdminUser[] }> {
  const filters = [sql`true`]
  // strpos, not LIKE: the search text is matched literally, `%` and `_` included.
  if (query.q) filters.push(sql`(strpos(u.email, lower(${query.q})) > 0 OR strpos(lower(u.name), lower(${query.q})) > 0)`)
  if (query.role) filters.push(sql`EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ${query.role})`)
  if (query.organisation) filters.push(sql`EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.organisation_id = ${query.organisation})`)
  const where = sql.join(filters, sql` AND `)
  const { total } = await db
    .selectFrom('users as u')
    .where(sql<boolean>`${where}`)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()
  const items = (await selectUsers(where, sql`ORDER BY u.id LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`).execute(db)).rows
  return { total, items }
}

/** Field errors for role grants that name an organisation that does not exist. */
export async function unknownOrganisations(db: Kysely<DB>, grants: RoleGrants): Promise<FieldError[]> {
  const named = grants.flatMap((g) => (g.organisation ? [g.organisation] : []))
  if (named.length === 0) return []
  const { rows } = await sql<{ id: string }>`SELECT id FROM organisations WHERE id = ANY(${named}::text[])`.execute(db)
  const known = new Set(rows.map((r) => r.id))
  return grants.flatMap((g, i) => (g.organisation && !known.has(g.organisation) ? [{ field: `body.roles.${i}.organisation`, message: `no organisation "${g.organisation}"` }] : []))
}

/**
 * What the audit trail records of a user. The trail is append-only, so it names the e-mail and
 * name only as set, never their values (a deleted account must leave no personal data there, as
 * in the account flows), and the password only as set, never its hash.
 */
function auditView(user: AdminUser): Record<string, unknown> {
  return { email: 'set', name: 'set', roles: user.roles, email_confirmed: user.email_confirmed, password: user.has_password ? 'set' : null }
}

async function replaceRoles(trx: Transaction<DB>, userId: number, grants: RoleGrants): Promise<void> {
  await sql`DELETE FROM user_roles WHERE user_id = ${userId}`.execute(trx)
  for (const g of grants) {
    await sql`INSERT INTO user_roles (user_id, role, organisation_id) VALUES (${userId}, ${g.role}, ${g.organisation ?? null})`.execute(trx)
  }
}

/**
 * Refuses a change that would leave no administrator besides `userId`. The administrators' role
 * rows are locked first, so two such changes at once cannot both pass.
 */
async function keepAnAdministrator(trx: Transaction<DB>, userId: number): Promise<void> {
  const { rows } = await sql<{ user_id: number }>`SELECT user_id FROM user_roles WHERE role = 'admin' FOR UPDATE`.execute(trx)
  if (rows.some((r) => r.user_id === userId) && !rows.some((r) => r.user_id !== userId)) {
    throw conflict('This is the last administrator; make someone else an administrator first')
  }
}

/**
 * Creates a confirmed staff account with its roles; a 409 when the e-mail is taken. The roles
 * granted are a role change in the security log, made by `client`.
 */
export async function createStaffUser(trx: Transaction<DB>, actor: string, body: UserCreateBody, passwordHash: string | null, client: SecurityClient | null = null): Promise<AdminUser> {
  const taken = await sql`SELECT 1 FROM users WHERE email = ${body.email}`.execute(trx)
  if (taken.rows.length) throw conflict(`An account with the e-mail "${body.email}" already exists`)
  const { id } = await trx
    .insertInto('users')
    .values({ email: body.email, name: body.name, password_hash: passwordHash, email_confirmed_at: sql<Date>`now()` })
    .returning('id')
    .executeTakeFirstOrThrow()
  await replaceRoles(trx, id, body.roles)
  const user = (await findAdminUser(trx, id))!
  await writeAudit(trx, { actor, action: 'create', objectType: 'user', objectId: id, changes: changedAttributes(null, auditView(user)) })
  await recordSecurityEvent(trx, client, { kind: 'role-change', accountId: id, details: { by: actor, before: [], after: user.roles } })
  return user
}

/** What an administrator changes of a user; the password arrives hashed. */
export interface UserChange {
  name?: string | undefined
  roles?: RoleGrants | undefined
  passwordHash?: string | undefined
  /** The session of the request, kept when administrators change their own password. */
  keepSession?: Buffer | undefined
}

/**
 * Changes a user's name, roles (replacing all of them) or password. A new password ends the
 * user's sessions. A change of roles or password is recorded in the security log too, made by
 * `client`. Returns undefined when there is no such user.
 */
export async function updateStaffUser(trx: Transaction<DB>, actor: string, id: number, change: UserChange, client: SecurityClient | null = null): Promise<AdminUser | undefined> {
  const before = await findAdminUser(trx, id)
  if (!before) return undefined
  if (change.roles && !change.roles.some((g) => g.role === 'admin')) await keepAnAdministrator(trx, id)
  if (change.name !== undefined) await sql`UPDATE users SET name = ${change.name}, updated_at = now() WHERE id = ${id}`.execute(trx)
  if (change.roles) await replaceRoles(trx, id, change.roles)
  if (change.passwordHash) {
    await sql`UPDATE users SET password_hash = ${change.passwordHash}, updated_at = now() WHERE id = ${id}`.execute(trx)
    await sql`DELETE FROM sessions WHERE user_id = ${id} AND token_hash IS DISTINCT FROM ${change.keepSession ?? null}`.execute(trx)
    // A reset link mailed earlier must not undo the password the administrator just set.
    await sql`DELETE FROM account_tokens WHERE user_id = ${id} AND purpose = 'reset-password' AND used_at IS NULL`.execute(trx)
  }
  const after = (await findAdminUser(trx, id))!
  const changes = changedAttributes({ roles: before.roles }, { roles: after.roles })
  if (after.name !== before.name) changes.name = ['set', 'changed']
  if (change.passwordHash) changes.password = [before.has_password ? 'set' : null, 'changed']
  await auditUpdate(trx, { actor, objectType: 'user', objectId: id, changes })
  if (changes.roles) await recordSecurityEvent(trx, client, { kind: 'role-change', accountId: id, details: { by: actor, before: before.roles, after: after.roles } })
  if (change.passwordHash) await recordSecurityEvent(trx, client, { kind: 'password-change', accountId: id, details: { by: actor } })
  return after
}

/**
 * Deletes a user. Their appeals stay but lose the contact details and the link to the account,
 * as when people delete their own account; each such appeal gets an audit row. Refuses the
 * acting administrator and the last administrator. Returns false when there is no such user.
 */
export async function deleteStaffUser(trx: Transaction<DB>, actorId: number, actor: string, id: number): Promise<boolean> {
  if (id === actorId) throw conflict('You cannot delete your own account here')
  const before = await findAdminUser(trx, id)
  if (!before) return false
  await keepAnAdministrator(trx, id)
  await eraseUser(trx, id, actor)
  await writeAudit(trx, { actor, action: 'delete', objectType: 'user', objectId: id, changes: changedAttributes(auditView(before), null) })
  return true
}
