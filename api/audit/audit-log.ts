import type { SessionUser } from '../http/index.ts'
import type { AuditChanges } from '../contract/index.ts'

export type { AuditChanges, AuditObject } from '../contract/index.ts'

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
