/** Who is asking and what they may do: sessions, accounts, identity providers, tokens, permissions and the security log. */
export { eraseUser } from './account.queries.ts'
export { accountRoutes } from './account.routes.ts'
export { authRoutes } from './auth.routes.ts'
export type { IdentityDeps } from './identity-provider.ts'
export { createOidcProvider, type OidcConfig } from './oidc-provider.ts'
export { hashPassword } from './password.ts'
export { listSecurityEvents, pruneSecurityEvents, recordSecurityEvent } from './security-event.queries.ts'
export { SECURITY_EVENT_KINDS, securityClient, type SecurityClient } from './security-events.ts'
export { refuseCrossSiteChange, type Role, ROLES, SESSION_COOKIE, sessionMiddleware, sessionTokenHash, type SessionUser } from './session.ts'
export { digest, newToken } from './tokens.ts'
// The password policy and the demo passwords are the API contract's; other modules still find them here.
export { DEMO_PASSWORD_OF, DEMO_PASSWORDS, NewPassword, passwordIsEmail } from '../contract/index.ts'
