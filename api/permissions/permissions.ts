import type { MiddlewareHandler } from 'hono'
import { type AppEnv, HttpProblem } from '../http/index.ts'
import type { Role } from '../contract/index.ts'
import type { SessionUser } from '../http/index.ts'
import { PERMISSION_NAMES, PERMISSIONS, type Permission } from '../contract/index.ts'

/**
 * What each role may do: {@link PERMISSIONS}, the API contract's table, is the only place that
 * says which roles hold a permission. A route names exactly one permission through {@link allow}.
 */
export { PERMISSIONS, type Permission }

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
  return { ...user, permissions: PERMISSION_NAMES.filter((p) => can(user, p)) }
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
