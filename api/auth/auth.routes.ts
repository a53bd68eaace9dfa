import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { clientAddress } from '../client-address.ts'
import { HttpProblem } from '../problems.ts'
import { hitRateLimit, type RateLimit } from '../rate-limit.ts'
import { zv } from '../validation.ts'
import { DEMO_PASSWORDS } from './demo-accounts.ts'
import type { ProviderInfo } from './identity-provider.ts'
import { oidcRoutes } from './oidc.routes.ts'
import { PASSWORD_PROVIDER, checkPassword } from './password-provider.ts'
import { allow, signedIn, withPermissions } from './permissions.ts'
import { endSession, findUser, revokeSession, startSession } from './session.ts'

const LoginBody = z.object({ email: z.email('must be an e-mail address').max(254), password: z.string().min(1, 'is required').max(1024) }).strict()

/** Sign-in attempts per address and e-mail; ten times as many per address alone. */
export const LOGIN_RATE: RateLimit = { limit: 10, windowSeconds: 300 }

function unauthorized(): HttpProblem {
  return new HttpProblem('unauthorized', 401, 'The e-mail or the password is wrong')
}

/** Sign-in, sign-out, who is signed in, and the ways to sign in. */
export const authRoutes = new Hono<AppEnv>()
  .post('/login', zv('json', LoginBody), async (c) => {
    const { password } = c.req.valid('json')
    const email = c.req.valid('json').email.trim().toLowerCase()
    const address = clientAddress(c, c.var.appeals.trustProxy)
    await hitRateLimit(c.var.db, `login:${address}:${email}`, LOGIN_RATE)
    await hitRateLimit(c.var.db, `login:${address}`, { limit: LOGIN_RATE.limit * 10, windowSeconds: LOGIN_RATE.windowSeconds })
    const user = await checkPassword(c.var.db, email, password)
    if (!user) throw unauthorized()
    if (!c.var.demoMode && DEMO_PASSWORDS.has(password)) {
      throw new HttpProblem('forbidden', 403, 'This password is published with the demo; set a new one before signing in')
    }
    if (!user.emailConfirmed) {
      throw new HttpProblem('forbidden', 403, 'Confirm your e-mail address first with the link we mailed you; without the mail, set a new password through "Forgot password"')
    }
    await revokeSession(c)
    await startSession(c, user.id)
    c.header('Cache-Control', 'no-store')
    return c.json(withPermissions((await findUser(c.var.db, user.id))!))
  })
  .post('/logout', async (c) => {
    await endSession(c)
    return c.body(null, 204)
  })
  // For pages that show a sign-in link to visitors: signed out is an answer here, not an error.
  .get('/session', (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json({ user: c.var.user && withPermissions(c.var.user) })
  })
  .get('/me', allow('account'), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(withPermissions(signedIn(c.var.user)))
  })
  .get('/providers', (c) => {
    const oidc = c.var.identity?.oidc
    const providers: ProviderInfo[] = [PASSWORD_PROVIDER, ...(oidc ? [{ id: oidc.id, label: oidc.label, kind: 'redirect' as const, startUrl: '/api/auth/oidc/start' }] : [])]
    return c.json(providers)
  })
  .route('/oidc', oidcRoutes)
