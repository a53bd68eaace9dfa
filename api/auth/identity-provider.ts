/**
 * The ways to prove who you are. The built-in one is the e-mail address and password
 * (`password-provider.ts`); outside providers such as id.gov.ua, BankID or Diia send the browser
 * away and back (`oidc-provider.ts`). Routes and account pages see only these types.
 */

// The provider ids, and a provider as the sign-in page lists it, are the API contract's (`api/contract/auth.ts`).
import type { ProviderId } from '../contract/index.ts'

/** Who the outside provider says signed in. */
export interface ExternalIdentity {
  provider: Exclude<ProviderId, 'password'>
  issuer: string
  subject: string
  /** Lower-cased; undefined when the provider did not share one. */
  email: string | undefined
  /** Whether the provider vouches for the address (`email_verified`). */
  emailVerified: boolean
  name: string | undefined
}

/** What a redirect sign-in keeps on our side between the start and the callback. */
export interface PendingSignIn {
  state: string
  nonce: string
  codeVerifier: string
}

/** A provider that signs people in by sending the browser to it and back to `redirectUri`. */
export interface RedirectProvider {
  id: Exclude<ProviderId, 'password'>
  label: string
  /** The provider's authorization URL for a new sign-in, and what the callback must check. */
  authorizationRequest(redirectUri: string): Promise<{ url: URL; pending: PendingSignIn }>
  /**
   * Redeems the callback (`callbackUrl`, with its query) for the identity, checking state, nonce
   * and the ID token. Throws {@link SignInRefused} when the provider does not confirm it.
   */
  identify(callbackUrl: URL, redirectUri: string, pending: PendingSignIn): Promise<ExternalIdentity>
}

/** The outside provider refused or could not confirm a sign-in; `reason` is for the log only. */
export class SignInRefused extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'SignInRefused'
  }
}

/** Identity providers configured for the server; without any, only e-mail and password work. */
export interface IdentityDeps {
  oidc?: RedirectProvider | undefined
}

declare module '../http/index.ts' {
  interface AppDeps {
    /** Outside identity providers (OpenID Connect); unset: e-mail and password only. */
    identity?: IdentityDeps | undefined
  }
}
