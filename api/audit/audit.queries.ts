import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { AuditEntry } from '../contract/index.ts'
import type { AuditChanges, AuditObject } from './audit-log.ts'
import type { AuditScope } from './audit-scope.ts'

/** The columns of an audit entry (`AuditEntry` of the contract), read from {@link AUDIT_FROM}. */
export const AUDIT_FIELDS = sql`
  l.id, l.at, l.actor, u.name AS actor_name, l.action, l.object_type, l.object_id, l.changes`
/** The audit log as `l`, with the acting user as `u` when the actor is a user. */
// Compared as text: a cast of the actor would fail on rows whose actor is not a user.
export const AUDIT_FROM = sql`audit_log l LEFT JOIN users u ON l.actor = 'user:' || u.id`

/** Filters of {@link searchAudit}: each one given narrows the list. */
export interface AuditQuery {
  object_type?: AuditObject | undefined
  object_id?: string | undefined
  actor?: string | undefined
  page: number
  limit: number
}

/**
 * The rows of `l` in the scope. An appeal is its organisation's while assigned to it and
 * afterwards: the organisation it has now, or one it was routed to at filing
 * (`organisation`) or later (`organisation_id`), as the appeal's own rows record.
 */
function inScope(scope: AuditScope): RawBuilder<unknown> {
  switch (scope.reads) {
    case 'everything':
      return sql`true`
    case 'appeals':
      return sql`l.object_type = 'appeal'`
    case 'organisation-appeals':
      if (scope.organisation === null) return sql`false`
      return sql`l.object_type = 'appeal' AND l.object_id IN (
        SELECT a.number FROM appeals a WHERE a.organisation_id = ${scope.organisation}
        UNION
        SELECT h.object_id FROM audit_log h
         WHERE h.object_type = 'appeal'
           AND (h.changes -> 'organisation_id' ->> 1 = ${scope.organisation} OR h.changes -> 'organisation' ->> 1 = ${scope.organisation}))`
  }
}

/** The rows of the audit trail in `scope`, filtered by object and actor, newest first, paged. */
export async function searchAudit(db: Kysely<DB>, q: AuditQuery, scope: AuditScope): Promise<{ total: number; items: AuditEntry[] }> {
  const where: RawBuilder<unknown>[] = [inScope(scope)]
  if (q.object_type) where.push(sql`l.object_type = ${q.object_type}`)
  if (q.object_id) where.push(sql`l.object_id = ${q.object_id}`)
  if (q.actor) where.push(sql`l.actor = ${q.actor}`)
  const condition = sql.join(where, sql` AND `)
  const [count, page] = await Promise.all([
    sql<{ total: number }>`SELECT count(*)::int AS total FROM audit_log l WHERE ${condition}`.execute(db),
    sql<AuditEntry>`SELECT ${AUDIT_FIELDS} FROM ${AUDIT_FROM} WHERE ${condition} ORDER BY l.at DESC, l.id DESC
                    LIMIT ${q.limit} OFFSET ${(q.page - 1) * q.limit}`.execute(db),
  ])
  // An aggregate without GROUP BY always answers one row.
  return { total: count.rows[0]?.total ?? 0, items: page.rows }
}

/**
 * Appends one row to the audit trail, inside the caller's transaction so that the change and its
 * record commit together. The table refuses UPDATE, DELETE and TRUNCATE (migration 001).
 */
export async function writeAudit(
  db: Kysely<DB> | Transaction<DB>,
  entry: { actor: string; action: string; objectType: AuditObject; objectId: string | number; changes: AuditChanges; at?: Date },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at ?? new Date(),
      actor: entry.actor,
      action: entry.action,
      object_type: entry.objectType,
      object_id: String(entry.objectId),
      changes: JSON.stringify(entry.changes),
    })
    .execute()
}
