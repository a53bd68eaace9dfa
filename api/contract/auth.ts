import { z } from 'zod'
import { PERMISSION_NAMES, ROLES, type Permission } from './enums.ts'
import { apiRoute } from './route.ts'

/** The cookie that carries a signed-in session: an opaque random token, HttpOnly, SameSite=Lax. */
export const SESSION_COOKIE = 'hromada_session'

/** The ways to prove who you are; `password` is the built-in one, `oidc` an outside OpenID Connect provider. */
export const PROVIDER_IDS = ['password', 'oidc'] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]

/** A user's id: a positive whole number. */
export const UserId = z.number().int().positive()

/** `POST /api/auth/login`. */
export const LoginBody = z.object({ email: z.email('must be an e-mail address').max(254), password: z.string().min(1, 'is required').max(1024) }).strict()

/** The signed-in account, with what its roles allow as the API decides it. */
export const SignedInUser = z
  .object({
    id: UserId,
    email: z.string(),
    name: z.string(),
    roles: z.array(z.enum(ROLES)),
    organisation: z.string().nullable().meta({ description: 'The organisation a staff member works for; null for residents.' }),
    permissions: z.array(z.enum(PERMISSION_NAMES as [Permission, ...Permission[]])).meta({ description: 'What the roles allow (`appeals:triage`, `users:manage`…).' }),
  })
  .meta({ id: 'SignedInUser' })
export type SignedInUser = z.infer<typeof SignedInUser>

/** Who is signed in, or `user: null` for a visitor. */
export const Session = z.object({ user: SignedInUser.nullable() }).meta({ id: 'Session' })

/** A way to sign in, as the sign-in page lists it. */
export const ProviderInfo = z
  .object({
    id: z.enum(PROVIDER_IDS),
    label: z.string().meta({ description: 'The button\'s label, e.g. "id.gov.ua"; the built-in provider\'s is "password".' }),
    kind: z.enum(['form', 'redirect']).meta({ description: '`form`: e-mail and password on our page; `redirect`: a button that goes to `startUrl`.' }),
    startUrl: z.string().optional(),
  })
  .meta({ id: 'IdentityProvider' })
export type ProviderInfo = z.infer<typeof ProviderInfo>

export const ProviderList = z.array(ProviderInfo)

/** Where to go after signing in: a path on this site only ("/…", never "//…" or "/\…"). */
export const NextPath = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\p{Cc}]*$/u, 'must be a path on this site')

export const OidcStartQuery = z.object({ next: NextPath.optional().meta({ description: 'The page to open after signing in.' }) })

/** What the OpenID Connect provider sends back to the callback. */
export const OidcCallbackQuery = z.object({ state: z.string().min(1).max(200), code: z.string().max(4096).optional(), error: z.string().max(200).optional() })

export const loginRoute = apiRoute({
  method: 'post',
  path: '/api/auth/login',
  summary: 'Sign in with e-mail and password',
  description: 'Opens a session: the answer sets the session cookie. Attempts are limited per client address and e-mail.',
  tags: ['auth'],
  request: { body: { json: LoginBody } },
  responses: { 200: { description: 'Signed in: the account.', schema: SignedInUser } },
  problems: [401, 403, 429],
})

export const logoutRoute = apiRoute({
  method: 'post',
  path: '/api/auth/logout',
  summary: 'Sign out',
  description: 'Like every change made with a session, refused (403) when it comes from another site.',
  tags: ['auth'],
  responses: { 204: { description: 'The session, if any, is ended and its cookie cleared.' } },
  problems: [403],
})

export const sessionRoute = apiRoute({
  method: 'get',
  path: '/api/auth/session',
  summary: 'Who is signed in, if anyone',
  description: 'For pages that show a sign-in link to visitors: signed out is an answer here, not an error.',
  tags: ['auth'],
  responses: { 200: { description: 'The signed-in account, or `user: null`.', schema: Session } },
})

export const meRoute = apiRoute({
  method: 'get',
  path: '/api/auth/me',
  summary: 'The signed-in account',
  tags: ['auth'],
  security: ['session'],
  responses: { 200: { description: 'The account of the session.', schema: SignedInUser } },
  problems: [401, 403],
})

export const providersRoute = apiRoute({
  method: 'get',
  path: '/api/auth/providers',
  summary: 'List the ways to sign in',
  tags: ['auth'],
  responses: { 200: { description: 'The built-in password form first, then the outside provider if one is configured.', schema: ProviderList } },
})

export const oidcStartRoute = apiRoute({
  method: 'get',
  path: '/api/auth/oidc/start',
  summary: 'Start signing in with the outside provider',
  tags: ['auth'],
  request: { query: OidcStartQuery },
  responses: { 302: { description: "To the provider's authorization page; a short-lived cookie holds the sign-in's state." } },
  problems: [404],
})

export const oidcCallbackRoute = apiRoute({
  method: 'get',
  path: '/api/auth/oidc/callback',
  summary: 'Return from the outside provider',
  description: 'Checks state, nonce and PKCE, links or creates the account and opens a session.',
  tags: ['auth'],
  request: { query: OidcCallbackQuery },
  responses: { 302: { description: 'Signed in: to the `next` page or `/account`; refused by the provider: to `/sign-in?error=provider`.' } },
  problems: [403, 404, 409],
})

/** The routes of `/api/auth`. */
export const AUTH_ROUTES = [loginRoute, logoutRoute, sessionRoute, meRoute, providersRoute, oidcStartRoute, oidcCallbackRoute]
