/** Helpers of the administration tests: signed-in requests and reads of the audit trail. */
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { signIn as signInWithPassword } from '../auth/testing.ts'
import { SESSION_COOKIE } from '../auth/index.ts'
import type { App } from '../index.ts'

/** A short random tag that makes a test's ids and e-mails its own, e.g. `t3f9a1c0b`. */
export function uniqueTag(): string {
  return `t${randomUUID().slice(0, 8)}`
}

/** Requests as one signed-in person (or anonymously, without a session), from this site's origin. */
export interface Client {
  get(path: string): Promise<Response>
  send(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<Response>
  /** The session token of the client; empty when anonymous. */
  session: string
}

/** A client without a session. */
export function anonymous(app: App): Client {
  return clientFor(app, '')
}

function clientFor(app: App, session: string): Client {
  const cookie: Record<string, string> = session ? { Cookie: `${SESSION_COOKIE}=${session}` } : {}
  return {
    session,
    get: async (path) => app.request(path, { headers: cookie }),
    send: async (method, path, body) =>
      app.request(path, {
        method,
        // The test app's origin: requests to app.request('/…') arrive at http://localhost.
        headers: { ...cookie, Origin: 'http://localhost', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
  }
}

/** Signs in through the real login route (from an address of its own: the test app trusts the proxy). */
export async function signIn(app: App, email: string, password: string): Promise<Client> {
  const { cookie } = await signInWithPassword(app, email, password)
  return clientFor(app, cookie.slice(SESSION_COOKIE.length + 1))
}

/** The demo administrator, signed in. */
export function signInAsAdmin(app: App): Promise<Client> {
  return signIn(app, 'admin@demo.local', 'demo-admin')
}

/** One row of the audit trail as the tests compare it. */
export interface AuditRow {
  actor: string
  action: string
  changes: Record<string, [unknown, unknown]>
}

/** The audit rows of one object, oldest first. */
export async function auditRows(db: Kysely<DB>, objectType: string, objectId: string | number): Promise<AuditRow[]> {
  const { rows } = await sql<AuditRow>`
    SELECT actor, action, changes FROM audit_log
     WHERE object_type = ${objectType} AND object_id = ${String(objectId)} ORDER BY id`.execute(db)
  return rows
}

/** How many audit rows exist for objects whose id starts with `prefix` (a test's tag). */
export async function auditCount(db: Kysely<DB>, prefix: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE starts_with(object_id, ${prefix})`.execute(db)
  return rows[0]!.n
}

/** The id of the demo administrator. */
export async function demoAdminId(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ id: number }>`SELECT id FROM users WHERE email = 'admin@demo.local'`.execute(db)
  return rows[0]!.id
}
