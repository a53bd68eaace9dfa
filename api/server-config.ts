/**
 * The server's configuration read from the environment (README.md → Configuration). Every
 * value is checked here, so a typo stops the start with a message naming the variable instead
 * of running with `NaN` or a default the operator did not mean.
 */
import { parsePublicHosts, parsePublicUrl } from './http/origin.ts'
import { parseRateLimit } from './rate-limit.ts'
import type { ServerConfig } from './server.ts'

/** What the environment configures: everything but where logs go and the web app's folder. */
export type EnvConfig = Omit<ServerConfig, 'log' | 'accessLog' | 'webRoot'> & {
  /** `HROMADA_ACCESS_LOG=0` turns the line per request off (default on). */
  logRequests: boolean
}

type Env = Record<string, string | undefined>

/** A whole number from `min` to `max`, or `fallback` when the variable is unset or empty. */
function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim()
  if (!text) return fallback
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${text}"`)
  return Number(text)
}

/** `1`/`0` (also `true`/`false`), or `fallback` when unset. */
function flag(env: Env, name: string, fallback: boolean): boolean {
  const text = env[name]?.trim().toLowerCase()
  if (!text) return fallback
  if (text === '1' || text === 'true') return true
  if (text === '0' || text === 'false') return false
  throw new Error(`${name} must be 1 or 0; got "${env[name]}"`)
}

/** Wraps a parser's error so that the message names the variable. */
function named<T>(name: string, text: string | undefined, parse: (text: string) => T): T | undefined {
  if (!text?.trim()) return undefined
  try {
    return parse(text.trim())
  } catch (err) {
    throw new Error(`${name}: ${(err as Error).message}`)
  }
}

/**
 * The configuration in `env`; throws an `Error` naming the variable for a value that is not
 * valid, and for production (`HROMADA_DEMO=0`) without `PUBLIC_URL`.
 */
export function serverConfigFromEnv(env: Env): EnvConfig {
  const demo = flag(env, 'HROMADA_DEMO', true)
  const publicUrl = named('PUBLIC_URL', env.PUBLIC_URL, parsePublicUrl)
  if (!demo && !publicUrl) throw new Error('PUBLIC_URL is required outside demo mode (HROMADA_DEMO=0), e.g. PUBLIC_URL=https://map.example.ua')
  const issuer = env.OIDC_ISSUER?.trim()
  return {
    port: integer(env, 'PORT', 8787, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    dataDir: env.HROMADA_DATA_DIR?.trim() || './.data',
    demo,
    publicUrl,
    publicHosts: named('PUBLIC_HOSTS', env.PUBLIC_HOSTS, parsePublicHosts),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    poolSize: integer(env, 'HROMADA_DB_POOL', 8, 1, 1000),
    tileCacheMb: integer(env, 'HROMADA_TILE_CACHE_MB', 64, 0, 1_000_000),
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    mailFrom: env.MAIL_FROM?.trim() || undefined,
    appealRateLimit: named('HROMADA_APPEAL_RATE_LIMIT', env.HROMADA_APPEAL_RATE_LIMIT, parseRateLimit),
    open311Keys: env.OPEN311_API_KEYS?.split(',').map((k) => k.trim()).filter(Boolean),
    oidc: issuer ? { issuer, clientId: env.OIDC_CLIENT_ID ?? '', clientSecret: env.OIDC_CLIENT_SECRET ?? '', name: env.OIDC_NAME || 'OpenID Connect' } : undefined,
    logRequests: flag(env, 'HROMADA_ACCESS_LOG', true),
  }
}
