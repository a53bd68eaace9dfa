import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpProblem } from '../problems.ts'
import type { Role, SessionUser } from './session.ts'

/**
 * What each role may do. A route names exactly one permission through {@link allow}; this table
 * is the only place that says which roles hold it. The administrator holds every permission.
 */
export const PERMISSIONS = {
  /** Own account: profile, password, deletion, own appeals. Any signed-in user. */
  'account': ['resident', 'moderator', 'executor', 'manager', 'planner', 'budget_admin'],
  /** Staff view of appeals: contact data, internal notes, the audit trail of an appeal. */
  'appeals:read': ['moderator', 'executor', 'manager'],
  /** Triage: register, re-categorise, merge duplicates, reject, redact, route. */
  'appeals:triage': ['moderator'],
  /** The organisation's work: take, change status, notes, work photos, extension. */
  'appeals:work': ['executor', 'manager'],
  /** Heads: reassign within or out of the organisation, overdue and escalation lists. */
  'appeals:manage': ['manager'],
  /** Internal dashboards: per organisation and per executor. */
  'stats:internal': ['moderator', 'manager'],
  /** The audit trail of any object. */
  'audit:read': ['moderator', 'manager'],
  /** Users, organisations and their members. */
  'users:manage': [],
  /** Categories (terms, radius, questions) and routing rules. */
  'appeals:configure': [],
  /** Deputies and their electoral districts. */
  'deputies:manage': [],
  /** The security event log: sign-ins, lock-outs, role and password changes, with client addresses. */
  'security:read': [],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

/** Whether a user holds a permission through any of their roles. */
export function can(user: Pick<SessionUser, 'roles'> | null, permission: Permission): boolean {
  if (!user) return false
  const holders: readonly Role[] = PERMISSIONS[permission]
  return user.roles.some((role) => role === 'admin' || holders.includes(role))
}

/**
 * The user as the API shows them to themself: with the permissions their roles hold, so that
 * the web app opens what the API allows without keeping a copy of this table.
 */
export function withPermissions(user: SessionUser) {
  return { ...user, permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(user, p)) }
}

/**
 * The permission check of a route: 401 when signed out, 403 when no role of the user holds the
 * permission. It comes first in the route's middleware, before any input is read.
 */
export function allow(permission: Permission): MiddlewareHandler<AppEnv> {
  return async function permissionCheck(c, next) {
    const user = c.var.user
    if (!user) throw new HttpProblem('unauthorized', 401, 'Sign in to do this')
    if (!can(user, permission)) throw new HttpProblem('forbidden', 403, `Your role does not allow "${permission}"`)
    await next()
  }
}

/** The signed-in user of a route behind {@link allow}. */
export function signedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new HttpProblem('unauthorized', 401, 'Sign in to do this')
  return user
}

/**
 * Whether a user may act on an appeal of an organisation: staff of that organisation, and the
 * roles that work across organisations (moderators and administrators).
 */
export function actsFor(user: SessionUser, organisationId: string | null): boolean {
  if (user.roles.includes('admin') || user.roles.includes('moderator')) return true
  return organisationId !== null && user.organisation === organisationId
}
