import { Hono, type Context } from 'hono'
import { DEMO_PASSWORDS, loginRoute, ProviderList, Session, SignedInUser, type ProviderInfo } from '../contract/index.ts'
import { type AppEnv, contractBody, hitRateLimit, HttpProblem, type RateLimit, zv } from '../http/index.ts'
import { oidcRoutes } from './oidc.routes.ts'
import { findAccountByEmail } from './account.queries.ts'
import { PASSWORD_PROVIDER, checkPassword } from './password-provider.ts'
import { allow, signedIn, withPermissions } from '../permissions/index.ts'
import { recordSecurityEvent } from './security-event.queries.ts'
import { securityClient, type SecurityClient } from './security-events.ts'
import { endSession, revokeSession, startSession } from './session.ts'
import { findUser } from './session.queries.ts'

/** Sign-in attempts per address and e-mail; ten times as many per address alone. */
export const LOGIN_RATE: RateLimit = { limit: 10, windowSeconds: 300 }

function unauthorized(): HttpProblem {
  return new HttpProblem('unauthorized', 401, 'The e-mail or the password is wrong')
}

/**
 * Counts a sign-in attempt against both limits. A refused one is recorded as a lock-out, once
 * per client, account (or e-mail) and window, however often the client comes back during it.
 */
async function limitSignIn(c: Context<AppEnv>, client: SecurityClient, email: string): Promise<void> {
  const limits = [
    { bucket: `login:${client.address}:${email}`, rate: LOGIN_RATE, scope: 'address-and-email' },
    { bucket: `login:${client.address}`, rate: { limit: LOGIN_RATE.limit * 10, windowSeconds: LOGIN_RATE.windowSeconds }, scope: 'address' },
  ]
  for (const { bucket, rate, scope } of limits) {
    await hitRateLimit(c.var.db, bucket, rate).catch(async (err: unknown) => {
      if (err instanceof HttpProblem && err.status === 429) {
        const account = await findAccountByEmail(c.var.db, email)
        await recordSecurityEvent(c.var.db, client, { kind: 'sign-in-limited', accountId: account?.id, email, details: { limit: scope }, oncePerSeconds: rate.windowSeconds })
      }
      throw err
    })
  }
}

/**
 * Records a refused sign-in and gives the problem to throw. Without `accountId` (a wrong
 * password or an unknown e-mail) the account is looked up by the e-mail.
 */
async function signInFailed(c: Context<AppEnv>, client: SecurityClient, email: string, reason: string, problem: HttpProblem, accountId?: number): Promise<HttpProblem> {
  const account = accountId ?? (await findAccountByEmail(c.var.db, email))?.id
  await recordSecurityEvent(c.var.db, client, { kind: 'sign-in-failed', accountId: account, email, details: { method: 'password', reason } })
  return problem
}

/** Sign-in, sign-out, who is signed in, and the ways to sign in; each route as its contract in `api/contract/auth.ts` says. */
export const authRoutes = new Hono<AppEnv>()
  .post('/login', zv('json', loginRoute.request.body.json), async (c) => {
    const { password } = c.req.valid('json')
    const email = c.req.valid('json').email.trim().toLowerCase()
    const client = securityClient(c)
    await limitSignIn(c, client, email)
    const user = await checkPassword(c.var.db, email, password)
    if (!user) throw await signInFailed(c, client, email, 'wrong-credentials', unauthorized())
    if (!c.var.demoMode && DEMO_PASSWORDS.has(password)) {
      const problem = new HttpProblem('forbidden', 403, 'This password is published with the demo; set a new one before signing in')
      throw await signInFailed(c, client, email, 'demo-password', problem, user.id)
    }
    if (!user.emailConfirmed) {
      const problem = new HttpProblem('forbidden', 403, 'Confirm your e-mail address first with the link we mailed you; without the mail, set a new password through "Forgot password"')
      throw await signInFailed(c, client, email, 'email-unconfirmed', problem, user.id)
    }
    await revokeSession(c)
    await startSession(c, user.id)
    await recordSecurityEvent(c.var.db, client, { kind: 'sign-in', accountId: user.id, details: { method: 'password' } })
    c.header('Cache-Control', 'no-store')
    return c.json(contractBody(SignedInUser, withPermissions((await findUser(c.var.db, user.id))!)))
  })
  .post('/logout', async (c) => {
    await endSession(c)
    return c.body(null, 204)
  })
  // For pages that show a sign-in link to visitors: signed out is an answer here, not an error.
  .get('/session', (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(contractBody(Session, { user: c.var.user ? withPermissions(c.var.user) : null }))
  })
  .get('/me', allow('account'), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(contractBody(SignedInUser, withPermissions(signedIn(c.var.user))))
  })
  .get('/providers', (c) => {
    const oidc = c.var.identity?.oidc
    const providers: ProviderInfo[] = [PASSWORD_PROVIDER, ...(oidc ? [{ id: oidc.id, label: oidc.label, kind: 'redirect' as const, startUrl: '/api/auth/oidc/start' }] : [])]
    return c.json(contractBody(ProviderList, providers))
  })
  .route('/oidc', oidcRoutes)
