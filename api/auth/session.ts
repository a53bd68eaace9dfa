import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { digest, newToken } from './tokens.ts'
import { type AppEnv, HttpProblem, type SessionUser } from '../http/index.ts'
import { deleteSession, insertSession, sessionUser } from './session.queries.ts'
import { ROLES, type Role, SESSION_COOKIE } from '../contract/index.ts'

export { SESSION_COOKIE }
const SESSION_DAYS = 14

// The roles are the API contract's list, which the web app reads too; the signed-in user as
// routes see it is the HTTP kernel's, which permissions and the audit trail read without auth.
export { ROLES, type Role, type SessionUser }

/** Starts a session for the user: a fresh random token every time (no fixation), stored hashed. */
export async function startSession(c: Context<AppEnv>, userId: number): Promise<void> {
  const token = newToken()
  await insertSession(c.var.db, digest(token), userId, SESSION_DAYS)
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.baseUrl.startsWith('https:'),
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  })
}

/** Ends the request's session in the database (the cookie is replaced or deleted by the caller). */
export async function revokeSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE)
  if (token) await deleteSession(c.var.db, digest(token))
}

/** Ends the request's session, in the database and in the browser. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  await revokeSession(c)
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}

/**
 * Whether a browser's `Origin` is this site: the public origin, or the host the browser itself
 * addressed (a browser on another site sends that site's origin with our Host, so this still
 * refuses it; it lets `http://localhost:8787` in when links say `http://127.0.0.1:8787`).
 */
function isOwnOrigin(origin: string, baseUrl: string, host: string | undefined): boolean {
  if (origin === new URL(baseUrl).origin) return true
  try {
    return !!host && new URL(origin).host === host.toLowerCase()
  } catch {
    return false
  }
}

/**
 * Reads the session cookie into `c.var.user` (null when signed out). A browser request with a
 * session that changes something must come from our own origin: a cross-site form or script
 * riding on the cookie is refused (SameSite=Lax already keeps the cookie off cross-site POSTs;
 * this also covers same-site subdomains and older browsers).
 */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const hash = sessionTokenHash(c)
  const user = hash ? await sessionUser(c.var.db, hash) : undefined
  c.set('user', user ?? null)
  if (user) refuseCrossSiteChange(c)
  await next()
}

/**
 * The hash of the request's session token, or null without a well-formed one. For a route that
 * resolves the session in its own database call instead of {@link sessionMiddleware} (then it
 * calls {@link refuseCrossSiteChange} itself).
 */
export function sessionTokenHash(c: Context<AppEnv>): Buffer | null {
  const token = getCookie(c, SESSION_COOKIE)
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? digest(token) : null
}

/** Refuses (403) a change made with a session that does not come from this site. */
export function refuseCrossSiteChange(c: Context<AppEnv>): void {
  if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return
  const origin = c.req.header('Origin')
  const site = c.req.header('Sec-Fetch-Site')
  if ((origin && !isOwnOrigin(origin, c.var.baseUrl, c.req.header('Host'))) || site === 'cross-site') {
    throw new HttpProblem('forbidden', 403, 'A signed-in change must come from this site')
  }
}

/** The stored hash of the request's session token, or null without a session cookie. */
export function currentSessionHash(c: Context<AppEnv>): Buffer | null {
  const token = getCookie(c, SESSION_COOKIE)
  return token ? digest(token) : null
}
