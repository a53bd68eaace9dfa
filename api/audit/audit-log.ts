import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { SessionUser } from '../auth/session.ts'

/** What an audit row says changed: attribute → [before, after]. */
export type AuditChanges = Record<string, [unknown, unknown]>

/** The kinds of object the audit trail follows. */
export type AuditObject = 'appeal' | 'user' | 'organisation' | 'category' | 'routing-rule' | 'layer' | 'deputy' | 'project'

/** The actor of a staff change as the trail records it: `user:<id>` (no e-mail or name). */
export function actorOf(user: Pick<SessionUser, 'id'>): string {
  return `user:${user.id}`
}

/**
 * The attributes that differ between two versions of an object, each with its before and after
 * value. Attributes only in `after` count as changed from null. Values compare as JSON.
 * @example changedAttributes({ name: 'a', term: 15 }, { name: 'a', term: 30 }) // { term: [15, 30] }
 */
export function changedAttributes(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditChanges {
  const changes: AuditChanges = {}
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  for (const key of keys) {
    const a = before?.[key] ?? null
    const b = after?.[key] ?? null
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [a, b]
  }
  return changes
}

/**
 * Appends one row to the audit trail, inside the caller's transaction so that the change and its
 * record commit together. The table refuses UPDATE, DELETE and TRUNCATE (migration 001).
 */
export async function writeAudit(
  db: Kysely<DB> | Transaction<DB>,
  entry: { actor: string; action: string; objectType: AuditObject; objectId: string | number; changes: AuditChanges; at?: Date },
): Promise<void> {
  await sql`
    INSERT INTO audit_log (at, actor, action, object_type, object_id, changes)
    VALUES (${entry.at ?? new Date()}, ${entry.actor}, ${entry.action}, ${entry.objectType}, ${String(entry.objectId)}, ${JSON.stringify(entry.changes)})`.execute(db)
}
