import type { SessionUser } from '../http/index.ts'
import type { AuditObject } from './audit-log.ts'

/**
 * The part of the audit trail a user may read (see docs/decisions.md): administrators all of
 * it; moderators, who triage every appeal of every organisation, the rows of appeals only;
 * heads of organisations the rows of the appeals assigned to their organisation, now or
 * before, and nothing about users, organisations, deputies, categories or routing rules.
 */
export type AuditScope = { reads: 'everything' } | { reads: 'appeals' } | { reads: 'organisation-appeals'; organisation: string | null }

/** The scope of a user who holds `audit:read`. */
export function auditScopeOf(user: SessionUser): AuditScope {
  if (user.roles.includes('admin')) return { reads: 'everything' }
  if (user.roles.includes('moderator')) return { reads: 'appeals' }
  return { reads: 'organisation-appeals', organisation: user.organisation }
}

/** Whether rows about objects of this type can be in the scope at all. */
export function scopeCovers(scope: AuditScope, objectType: AuditObject): boolean {
  return scope.reads === 'everything' || objectType === 'appeal'
}
