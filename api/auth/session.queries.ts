import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { SessionUser } from '../http/index.ts'

/** Stores a new session under the hash of its token, valid for `days`. */
export async function insertSession(db: Kysely<DB>, tokenHash: Buffer, userId: number, days: number): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash, user_id: userId, expires_at: sql<Date>`now() + make_interval(days => ${days})` })
    .execute()
}

/** Ends the session of a token hash; nothing when there is none. */
export async function deleteSession(db: Kysely<DB>, tokenHash: Buffer): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

/**
 * The user of an unexpired session with their roles and organisation, and notes that the session
 * was seen; undefined when the session is unknown or expired. One call, as every signed-in
 * request asks it.
 */
export async function sessionUser(db: Kysely<DB>, tokenHash: Buffer): Promise<SessionUser | undefined> {
  // `session_user_of` of migration 022: its plan is kept by the connection.
  const { rows } = await sql<SessionUser>`SELECT id, email, name, roles, organisation FROM session_user_of(${tokenHash})`.execute(db)
  return rows[0]
}

/** A user with their roles and organisation, as `GET /api/auth/me` shows them; undefined when there is none. */
export async function findUser(db: Kysely<DB>, userId: number): Promise<SessionUser | undefined> {
  const { rows } = await sql<SessionUser>`
    SELECT u.id, u.email, u.name,
           coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles,
           min(r.organisation_id) AS organisation
      FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
     WHERE u.id = ${userId}
     GROUP BY u.id`.execute(db)
  return rows[0]
}
