import { Hono, type Context } from 'hono'
import { deleteCookie } from 'hono/cookie'
import {
  AccountProfile,
  changePasswordRoute,
  completePasswordResetRoute,
  confirmEmailRoute,
  deleteAccountRoute,
  passwordIsEmail,
  RegisterAccepted,
  registerRoute,
  renameAccountRoute,
  requestPasswordResetRoute,
  ResetAccepted,
} from '../contract/index.ts'
import { type AppEnv, clientAddress, contractBody, hitRateLimit, HttpProblem, problems, zv } from '../http/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { alreadyRegisteredMail, confirmEmailMail, confirmPageUrl, resetPageUrl, resetPasswordMail } from './account-mail.ts'
import { issueAccountToken, redeemAccountToken } from './account-tokens.ts'
import {
  confirmEmail,
  createResident,
  deleteAccount,
  findAccountByEmail,
  findAccountProfile,
  findPasswordHash,
  isStaffAccount,
  renameAccount,
  setPassword,
} from './account.queries.ts'
import { LOGIN_RATE } from './auth.routes.ts'
import { hashPassword } from './password.ts'
import { passwordMatches } from './password-provider.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { recordSecurityEvent } from './security-event.queries.ts'
import { securityClient } from './security-events.ts'
import { SESSION_COOKIE, currentSessionHash } from './session.ts'
import { findUser } from './session.queries.ts'

// Mail to one address is limited too, so that the forms cannot flood someone's inbox.
const MAIL_RATE = { limit: 5, windowSeconds: 3600 }
const TOKEN_RATE = { limit: 20, windowSeconds: 300 }

/** Counts a request that mails `email`: per client address, and per address mailed. */
async function limitMail(c: Context<AppEnv>, flow: string, email: string): Promise<void> {
  await hitRateLimit(c.var.db, `${flow}:${clientAddress(c, c.var.appeals.trustProxy)}`, LOGIN_RATE)
  await hitRateLimit(c.var.db, `account-mail:${email}`, MAIL_RATE)
}

const invalidToken = () => problems.invalid('The link is unknown, used or expired', [{ field: 'body.token', message: 'is unknown, used or expired' }])
const passwordIsEmailProblem = (field: string) => problems.invalid(`Invalid ${field}`, [{ field, message: 'must not be the e-mail address' }])

/** A 403 for a wrong password of the signed-in user, counted against guessing. */
async function requirePassword(c: Context<AppEnv>, userId: number, field: string, password: string | undefined): Promise<void> {
  await hitRateLimit(c.var.db, `account-password:${userId}`, LOGIN_RATE)
  const hash = await findPasswordHash(c.var.db, userId)
  if (password === undefined || !(await passwordMatches(hash ?? null, password))) {
    throw new HttpProblem('forbidden', 403, 'The password is wrong', [{ field, message: 'is wrong' }])
  }
}

/**
 * Self-service accounts: sign-up with e-mail confirmation and password reset (anonymous), and
 * the signed-in owner's profile, password and deletion. The anonymous answers never tell
 * whether an address has an account. Each route as its contract in `api/contract/account.ts` says.
 */
export const accountRoutes = new Hono<AppEnv>()
  .post('/register', zv('json', registerRoute.request.body.json), async (c) => {
    const b = c.req.valid('json')
    await limitMail(c, 'register', b.email)
    // Hashed whether or not the address is taken, so that the answer takes as long either way.
    const passwordHash = await hashPassword(b.password)
    await c.var.db.transaction().execute(async (trx) => {
      const id = await createResident(trx, { email: b.email, name: b.name, passwordHash })
      const mail = id === undefined
        ? alreadyRegisteredMail(b.email, b.locale, `${c.var.baseUrl}/account/forgot`)
        : confirmEmailMail(b.email, b.locale, confirmPageUrl(c.var.baseUrl, await issueAccountToken(trx, id, 'confirm-email')))
      await enqueueMail(trx, mail)
    })
    c.var.appeals.mailQueued()
    return c.json(contractBody(RegisterAccepted, { status: 'confirmation-sent' }), 202)
  })
  .post('/confirm', zv('json', confirmEmailRoute.request.body.json), async (c) => {
    await hitRateLimit(c.var.db, `account-token:${clientAddress(c, c.var.appeals.trustProxy)}`, TOKEN_RATE)
    await c.var.db.transaction().execute(async (trx) => {
      const userId = await redeemAccountToken(trx, c.req.valid('json').token, 'confirm-email')
      if (userId === undefined) throw invalidToken()
      await confirmEmail(trx, userId)
    })
    return c.body(null, 204)
  })
  .post('/password-reset', zv('json', requestPasswordResetRoute.request.body.json), async (c) => {
    const { email, locale } = c.req.valid('json')
    await limitMail(c, 'password-reset', email)
    const account = await findAccountByEmail(c.var.db, email)
    const event = { kind: 'password-reset-requested', accountId: account?.id, email } as const
    if (account) {
      await c.var.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, resetPasswordMail(email, locale, resetPageUrl(c.var.baseUrl, await issueAccountToken(trx, account.id, 'reset-password'))))
        await recordSecurityEvent(trx, securityClient(c), event)
      })
      c.var.appeals.mailQueued()
    } else {
      await recordSecurityEvent(c.var.db, securityClient(c), event)
    }
    return c.json(contractBody(ResetAccepted, { status: 'reset-sent' }), 202)
  })
  .post('/password-reset/complete', zv('json', completePasswordResetRoute.request.body.json), async (c) => {
    const { token, password } = c.req.valid('json')
    await hitRateLimit(c.var.db, `account-token:${clientAddress(c, c.var.appeals.trustProxy)}`, TOKEN_RATE)
    const passwordHash = await hashPassword(password)
    await c.var.db.transaction().execute(async (trx) => {
      const userId = await redeemAccountToken(trx, token, 'reset-password')
      const user = userId === undefined ? undefined : await findUser(trx, userId)
      if (!user) throw invalidToken()
      if (passwordIsEmail(password, user.email)) throw passwordIsEmailProblem('body.password')
      // The mail reached its owner: that confirms the address as well.
      await confirmEmail(trx, user.id)
      await setPassword(trx, user.id, passwordHash, null)
      await recordSecurityEvent(trx, securityClient(c), { kind: 'password-reset-completed', accountId: user.id })
    })
    return c.body(null, 204)
  })
  .get('/', allow('account'), async (c) => {
    const profile = await findAccountProfile(c.var.db, signedIn(c.var.user).id)
    if (!profile) throw new HttpProblem('unauthorized', 401, 'The account no longer exists')
    c.header('Cache-Control', 'private, no-store')
    return c.json(contractBody(AccountProfile, profile))
  })
  .patch('/', allow('account'), zv('json', renameAccountRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    await c.var.db.transaction().execute((trx) => renameAccount(trx, user.id, c.req.valid('json').name))
    c.header('Cache-Control', 'private, no-store')
    return c.json(contractBody(AccountProfile, (await findAccountProfile(c.var.db, user.id))!))
  })
  .post('/password', allow('account'), zv('json', changePasswordRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const b = c.req.valid('json')
    await requirePassword(c, user.id, 'body.current_password', b.current_password)
    if (passwordIsEmail(b.new_password, user.email)) throw passwordIsEmailProblem('body.new_password')
    const passwordHash = await hashPassword(b.new_password)
    await c.var.db.transaction().execute(async (trx) => {
      await setPassword(trx, user.id, passwordHash, currentSessionHash(c))
      await recordSecurityEvent(trx, securityClient(c), { kind: 'password-change', accountId: user.id, details: { by: 'owner' } })
    })
    return c.body(null, 204)
  })
  .delete('/', allow('account'), zv('json', deleteAccountRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const b = c.req.valid('json')
    if (await isStaffAccount(c.var.db, user.id)) throw new HttpProblem('forbidden', 403, 'A staff account is closed by an administrator')
    const hasPassword = (await findPasswordHash(c.var.db, user.id)) !== null
    if (hasPassword) await requirePassword(c, user.id, 'body.password', b.password)
    else if (b.confirm !== true) throw problems.invalid('Invalid body.confirm', [{ field: 'body.confirm', message: 'must be true for an account without a password' }])
    await c.var.db.transaction().execute((trx) => deleteAccount(trx, user.id))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })
