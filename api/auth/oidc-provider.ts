import * as client from 'openid-client'
import { SignInRefused, type ExternalIdentity, type PendingSignIn, type RedirectProvider } from './identity-provider.ts'

/** An OpenID Connect provider's settings (`OIDC_ISSUER`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`, `OIDC_NAME`). */
export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string
  /** The sign-in button's label, e.g. "id.gov.ua". */
  name: string
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * An OpenID Connect provider through `openid-client`: authorization code flow with PKCE (S256),
 * state and nonce, the client authenticating with HTTP Basic (the method every provider must
 * support, RFC 6749 §2.3.1). The issuer's metadata is discovered on first use and kept; a failed
 * discovery is tried again on the next sign-in. Plain `http:` is accepted for a loopback issuer
 * only (development and tests).
 */
export function createOidcProvider(config: OidcConfig): RedirectProvider {
  const issuer = new URL(config.issuer)
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname))) {
    throw new Error(`OIDC_ISSUER must be an https: URL, got "${config.issuer}"`)
  }
  if (!config.clientId || !config.clientSecret) throw new Error('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required with OIDC_ISSUER')
  let discovered: Promise<client.Configuration> | undefined
  const configuration = () => {
    discovered ??= client
      .discovery(issuer, config.clientId, undefined, client.ClientSecretBasic(config.clientSecret), issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {})
      .catch((err: unknown) => {
        discovered = undefined
        throw new SignInRefused(`discovery of ${issuer.href} failed: ${(err as Error).message}`)
      })
    return discovered
  }

  return {
    id: 'oidc',
    label: config.name,
    async authorizationRequest(redirectUri) {
      const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() }
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      })
      return { url, pending }
    },
    async identify(callbackUrl, redirectUri, pending) {
      const settings = await configuration()
      try {
        const tokens = await client.authorizationCodeGrant(
          settings,
          callbackUrl,
          { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true },
          { redirect_uri: redirectUri },
        )
        const claims = tokens.claims()!
        // Providers may put e-mail and name in the ID token or only behind the userinfo endpoint.
        const profile = claims.email === undefined && settings.serverMetadata().userinfo_endpoint ? await client.fetchUserInfo(settings, tokens.access_token, claims.sub) : claims
        return identityOf(settings.serverMetadata().issuer, claims.sub, profile)
      } catch (err) {
        if (err instanceof SignInRefused) throw err
        throw new SignInRefused(`${(err as Error).name}: ${(err as Error).message}`)
      }
    },
  }
}

function identityOf(issuer: string, subject: string, profile: Record<string, unknown>): ExternalIdentity {
  const email = typeof profile.email === 'string' && profile.email.length <= 254 ? profile.email.trim().toLowerCase() : undefined
  const name = typeof profile.name === 'string' ? profile.name.replace(/\p{Cc}/gu, '').trim().slice(0, 200) || undefined : undefined
  return { provider: 'oidc', issuer, subject, email, emailVerified: profile.email_verified === true, name }
}
