import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { oidcCallbackRoute, oidcStartRoute } from '../contract/index.ts'
import { digest } from './tokens.ts'
import { type AppEnv, HttpProblem, problems, zv } from '../http/index.ts'
import { linkExternalIdentity } from './identity-link.ts'
import { SignInRefused, type RedirectProvider } from './identity-provider.ts'
import { savePendingSignIn, takePendingSignIn } from './oidc.queries.ts'
import { recordSecurityEvent } from './security-event.queries.ts'
import { securityClient } from './security-events.ts'
import { revokeSession, startSession } from './session.ts'

/** Holds the state of the sign-in this browser started, so that a callback someone else started is refused. */
const STATE_COOKIE = 'hromada_oidc'
const COOKIE_PATH = '/api/auth/oidc'
const SIGN_IN_MINUTES = 10

function provider(c: Context<AppEnv>): RedirectProvider {
  const oidc = c.var.identity?.oidc
  if (!oidc) throw problems.notFound('identity provider', 'oidc')
  return oidc
}

const callbackUri = (baseUrl: string) => `${baseUrl}${COOKIE_PATH}/callback`

function refused(detail: string): HttpProblem {
  return new HttpProblem('forbidden', 403, detail)
}

/**
 * Sign-in through the OpenID Connect provider: `start` sends the browser to it, `callback`
 * takes it back, checks state, nonce and PKCE, and opens a session.
 */
export const oidcRoutes = new Hono<AppEnv>()
  .get('/start', zv('query', oidcStartRoute.request.query), async (c) => {
    const { url, pending } = await provider(c)
      .authorizationRequest(callbackUri(c.var.baseUrl))
      .catch((err: unknown) => {
        if (!(err instanceof SignInRefused)) throw err
        c.var.log(`oidc start: ${err.reason}`)
        throw new HttpProblem('internal', 503, 'The identity provider cannot be reached; try again later')
      })
    const next = c.req.valid('query').next ?? null
    await savePendingSignIn(c.var.db, digest(pending.state), { code_verifier: pending.codeVerifier, nonce: pending.nonce, next_path: next }, SIGN_IN_MINUTES)
    setCookie(c, STATE_COOKIE, pending.state, { httpOnly: true, sameSite: 'Lax', secure: c.var.baseUrl.startsWith('https:'), path: COOKIE_PATH, maxAge: SIGN_IN_MINUTES * 60 })
    c.header('Cache-Control', 'no-store')
    return c.redirect(url.href, 302)
  })
  .get('/callback', zv('query', oidcCallbackRoute.request.query), async (c) => {
    const oidc = provider(c)
    const { state, error } = c.req.valid('query')
    const cookieState = getCookie(c, STATE_COOKIE)
    deleteCookie(c, STATE_COOKIE, { path: COOKIE_PATH })
    if (cookieState !== state) throw refused('This sign-in was not started in this browser, or it has expired; start again')
    const pending = await takePendingSignIn(c.var.db, digest(state))
    if (!pending) throw refused('This sign-in has expired or was already used; start again')
    if (error) return c.redirect('/sign-in?error=provider', 302)
    const url = new URL(`${callbackUri(c.var.baseUrl)}?${new URL(c.req.url).searchParams}`)
    const identity = await oidc.identify(url, callbackUri(c.var.baseUrl), { state, nonce: pending.nonce, codeVerifier: pending.code_verifier }).catch(async (err: unknown) => {
      if (!(err instanceof SignInRefused)) throw err
      c.var.log(`oidc callback: ${err.reason}`)
      await recordSecurityEvent(c.var.db, securityClient(c), { kind: 'sign-in-failed', details: { method: 'oidc', reason: 'not-confirmed' } })
      throw refused('The identity provider did not confirm the sign-in; start again')
    })
    const link = await c.var.db.transaction().execute((trx) => linkExternalIdentity(trx, identity))
    if ('refused' in link) {
      await recordSecurityEvent(c.var.db, securityClient(c), { kind: 'sign-in-failed', details: { method: 'oidc', reason: link.refused } })
      throw link.refused === 'no-email'
        ? refused(`${oidc.label} did not share an e-mail address, which an account needs`)
        : new HttpProblem('conflict', 409, `An account with this e-mail address exists, and ${oidc.label} does not confirm the address; sign in with the password`)
    }
    await revokeSession(c)
    await startSession(c, link.userId)
    await recordSecurityEvent(c.var.db, securityClient(c), { kind: 'sign-in', accountId: link.userId, details: { method: 'oidc' } })
    c.header('Cache-Control', 'no-store')
    return c.redirect(pending.next_path ?? '/account', 302)
  })
