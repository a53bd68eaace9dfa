/** Helpers of the account and sign-in tests (imported by test files only). */
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { digest, newToken } from './tokens.ts'
import { SESSION_COOKIE } from './session.ts'

/** A client address of its own, so that no other test's rate-limit windows are touched. */
export const freshAddress = () => `client-${randomUUID()}`

/** An e-mail address no other test uses. */
export const freshEmail = (prefix = 'acc') => `${prefix}-${randomUUID()}@example.com`

/** The session token a response sets; throws when it sets none. */
export function sessionToken(res: Response): string {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))
  if (!header) throw new Error(`no session cookie in ${res.headers.get('Set-Cookie')}`)
  return header.split(';')[0]!.slice(SESSION_COOKIE.length + 1)
}

/** The Cookie header of a session. */
export const withSession = (token: string) => ({ Cookie: `${SESSION_COOKIE}=${token}` })

/** The mail queued last for an address, or undefined. */
export async function lastMail(db: Kysely<DB>, to: string): Promise<{ kind: string; subject: string; body: string } | undefined> {
  const { rows } = await sql<{ kind: string; subject: string; body: string }>`
    SELECT kind, subject, body FROM outbox WHERE to_address = ${to} ORDER BY id DESC LIMIT 1`.execute(db)
  return rows[0]
}

/** Every mail queued for an address, oldest first. */
export async function mailKinds(db: Kysely<DB>, to: string): Promise<string[]> {
  const { rows } = await sql<{ kind: string }>`SELECT kind FROM outbox WHERE to_address = ${to} ORDER BY id`.execute(db)
  return rows.map((r) => r.kind)
}

/** The token of the `/account/<page>/<token>` link in a mail body. */
export function linkToken(body: string, page: 'confirm' | 'reset'): string {
  const match = new RegExp(`/account/${page}/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`).exec(body)
  if (!match) throw new Error(`no ${page} link in ${body}`)
  return match[1]!
}

/** Seeds a resident without a password (as a provider sign-in creates one) and a session for them. */
export async function seedProviderOnlyResident(db: Kysely<DB>, email: string): Promise<{ id: number; token: string }> {
  const { rows } = await sql<{ id: number }>`INSERT INTO users (email, name, email_confirmed_at) VALUES (${email}, 'Provider Only', now()) RETURNING id`.execute(db)
  const id = rows[0]!.id
  await sql`INSERT INTO user_roles (user_id, role) VALUES (${id}, 'resident')`.execute(db)
  await sql`INSERT INTO user_identities (issuer, subject, user_id, provider) VALUES ('https://id.example', ${randomUUID()}, ${id}, 'oidc')`.execute(db)
  const token = newToken()
  await sql`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (${digest(token)}, ${id}, now() + interval '1 day')`.execute(db)
  return { id, token }
}
