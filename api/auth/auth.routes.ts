import { Hono } from 'hono'
import { sql } from 'kysely'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { clientAddress } from '../client-address.ts'
import { HttpProblem } from '../problems.ts'
import { hitRateLimit } from '../rate-limit.ts'
import { zv } from '../validation.ts'
import { DEMO_PASSWORDS } from './demo-accounts.ts'
import { hashPassword, verifyPassword } from './password.ts'
import { endSession, findUser, revokeSession, startSession } from './session.ts'

const LoginBody = z.object({ email: z.email('must be an e-mail address').max(254), password: z.string().min(1, 'is required').max(1024) }).strict()

// Verified when the account does not exist, so that a wrong e-mail takes as long as a wrong password.
const NO_SUCH_USER = hashPassword('no such user')

const LOGIN_RATE = { limit: 10, windowSeconds: 300 }

function unauthorized(): HttpProblem {
  return new HttpProblem('unauthorized', 401, 'The e-mail or the password is wrong')
}

/** Sign-in, sign-out and who is signed in. */
export const authRoutes = new Hono<AppEnv>()
  .post('/login', zv('json', LoginBody), async (c) => {
    const { password } = c.req.valid('json')
    const email = c.req.valid('json').email.trim().toLowerCase()
    const address = clientAddress(c, c.var.appeals.trustProxy)
    await hitRateLimit(c.var.db, `login:${address}:${email}`, LOGIN_RATE)
    await hitRateLimit(c.var.db, `login:${address}`, { limit: LOGIN_RATE.limit * 10, windowSeconds: LOGIN_RATE.windowSeconds })
    const user = (await sql<{ id: number; password_hash: string | null }>`SELECT id, password_hash FROM users WHERE email = ${email}`.execute(c.var.db)).rows[0]
    const matches = await verifyPassword(password, user?.password_hash ?? (await NO_SUCH_USER))
    if (!user?.password_hash || !matches) throw unauthorized()
    if (!c.var.demoMode && DEMO_PASSWORDS.has(password)) {
      throw new HttpProblem('forbidden', 403, 'This password is published with the demo; set a new one before signing in')
    }
    await revokeSession(c)
    await startSession(c, user.id)
    c.header('Cache-Control', 'no-store')
    return c.json(await findUser(c.var.db, user.id))
  })
  .post('/logout', async (c) => {
    await endSession(c)
    return c.body(null, 204)
  })
  .get('/me', async (c) => {
    const user = c.var.user
    if (!user) throw new HttpProblem('unauthorized', 401, 'Not signed in')
    c.header('Cache-Control', 'private, no-store')
    return c.json(user)
  })
