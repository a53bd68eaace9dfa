/**
 * The server's configuration, read from the environment once at start (README.md →
 * Configuration). One zod schema holds every variable with its default and the form it accepts,
 * so a typo stops the start with a message naming the variable instead of running with `NaN` or
 * a default the operator did not mean.
 */
import { z } from 'zod'
import { DEFAULT_DATA_DIR, DEFAULT_POOL_SIZE } from '../db/index.ts'
import { DEFAULT_TILE_CACHE_BYTES } from '../tiles/index.ts'
import type { OidcConfig } from './auth/index.ts'
import { parsePublicHosts, parsePublicUrl, parseRateLimit, type RateLimit } from './http/index.ts'

type Env = Record<string, string | undefined>

const MIB = 1024 * 1024

/** An empty or blank variable counts as unset (`PORT=` in a unit file, a blank line in `.env`). */
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : value)

/** A variable that is any text; `fallback` when unset. */
const text = (fallback: string) => z.preprocess(trimmed, z.string().optional()).transform((v) => v ?? fallback)

/** A variable that is any text, or unset. */
const optionalText = () => z.preprocess(trimmed, z.string().optional())

/** A whole number from `min` to `max`; `fallback` when unset. */
function wholeNumber(min: number, max: number, fallback: number) {
  const accepts = `a whole number from ${min} to ${max}`
  return z.preprocess(
    trimmed,
    z
      .string()
      .regex(/^\d+$/, accepts)
      .transform(Number)
      .pipe(z.number().min(min, accepts).max(max, accepts))
      .optional()
      .transform((v) => v ?? fallback),
  )
}

/** `1`/`0` (also `true`/`false`); `fallback` when unset. */
function flag(fallback: boolean) {
  return z.preprocess(
    (value) => (trimmed(value) as string | undefined)?.toLowerCase(),
    z
      .enum(['1', 'true', '0', 'false'], '1 or 0 (also true or false)')
      .optional()
      .transform((v) => (v === undefined ? fallback : v === '1' || v === 'true')),
  )
}

/** Text turned into a value by `parse`, which throws for text it does not accept; unset stays unset. */
function parsed<T>(accepts: string, parse: (text: string) => T) {
  return z.preprocess(
    trimmed,
    z
      .string()
      .transform((value, ctx) => {
        try {
          return parse(value)
        } catch {
          // Becomes the variable's issue, whose message says what the variable accepts.
          ctx.issues.push({ code: 'custom', message: accepts, input: value })
          return z.NEVER
        }
      })
      .optional(),
  )
}

/** A comma-separated list; empty when unset. */
const list = () => z.preprocess(trimmed, z.string().optional()).transform((v) => (v ?? '').split(',').map((item) => item.trim()).filter(Boolean))

/**
 * Every variable the server reads, with its default and the form it accepts. A default is
 * written here, or, where a module has its own for callers that pass nothing (the data folder,
 * the pool, the tile cache), taken from that module. The README's table documents each one.
 */
const ENV_SCHEMA = z.object({
  /** HTTP port of the API, tiles and web app; 0 picks a free one. */
  PORT: wholeNumber(0, 65535, 8787),
  /** Interface to listen on; loopback unless told otherwise. */
  HOST: text('127.0.0.1'),
  /** PostgreSQL with PostGIS; unset: the embedded PGlite + PostGIS. */
  DATABASE_URL: optionalText(),
  /** The embedded database, appeal photos and, without SMTP, the mail outbox. */
  HROMADA_DATA_DIR: text(DEFAULT_DATA_DIR),
  /** Load the demo data into an empty database. */
  HROMADA_DEMO: flag(true),
  /** The origin of every absolute URL; required outside demo mode. */
  PUBLIC_URL: parsed('an origin such as https://map.example.ua (http or https, a host and an optional port, no path)', parsePublicUrl),
  /** Hosts a trusted proxy may name in `X-Forwarded-Host`. */
  PUBLIC_HOSTS: parsed('host names with an optional port, comma-separated, e.g. map.example.ua,karta.example.ua:8443', parsePublicHosts),
  /** Trust the reverse proxy's `X-Forwarded-*` headers and `X-Request-Id`. */
  TRUST_PROXY: flag(false),
  /** Database connections of the server (as many again for tile statements on PostgreSQL). */
  HROMADA_DB_POOL: wholeNumber(1, 1000, DEFAULT_POOL_SIZE),
  /** The in-process tile cache in MiB; 0 turns it off. */
  HROMADA_TILE_CACHE_MB: wholeNumber(0, 1_000_000, DEFAULT_TILE_CACHE_BYTES / MIB),
  /** The largest file a planner may upload for a layer, in MiB. */
  HROMADA_MAX_UPLOAD_MB: wholeNumber(1, 100_000, 512),
  /** The largest PDF a planner may attach to a layer, in MiB; at most 60, so the form fits the 64 MiB multipart limit. */
  HROMADA_MAX_DOCUMENT_MB: wholeNumber(1, 60, 50),
  /** `smtp://…` or `smtps://…`; unset: mail is written as `.eml` files. */
  SMTP_URL: optionalText(),
  HROMADA_BASEMAP_PMTILES: optionalText(),
  HROMADA_BASEMAP_STYLE: parsed('the URL of a MapLibre style (http or https), e.g. https://tiles.openfreemap.org/styles/liberty', parseStyleUrl),
  /** Sender of receipts, status changes and alerts. */
  MAIL_FROM: text('Hromada Map <no-reply@localhost>'),
  /** Appeals (and support, subscriptions) per client address per window. */
  HROMADA_APPEAL_RATE_LIMIT: parsed('"<requests>/<seconds>" with a window of at least 1 second, e.g. 30/3600', parseRateLimit).transform(
    (v): RateLimit => v ?? { limit: 30, windowSeconds: 3600 },
  ),
  /** Keys that may post Open311 requests. */
  OPEN311_API_KEYS: list(),
  /** An OpenID Connect provider to sign in with. */
  OIDC_ISSUER: optionalText(),
  OIDC_CLIENT_ID: text(''),
  OIDC_CLIENT_SECRET: text(''),
  /** The sign-in button's label. */
  OIDC_NAME: text('OpenID Connect'),
  /** A JSON line per request on standard output. */
  HROMADA_ACCESS_LOG: flag(true),
  /** Skip the web build check at start (`npm start`; production images build once). */
  HROMADA_SKIP_BUILD: flag(false),
})

/** An http(s) URL with a host: the external basemap style. */
function parseStyleUrl(text: string): string {
  const url = new URL(text)
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.username || url.password) throw new Error('not an http(s) URL')
  return url.href
}

/** The names of every variable the server reads. */
export const CONFIG_VARIABLES = Object.keys(ENV_SCHEMA.shape) as ReadonlyArray<keyof typeof ENV_SCHEMA.shape>

/** The configuration the environment gives, with every default filled in. */
export interface EnvConfig {
  port: number
  /** Loopback by default; `HOST=0.0.0.0` listens on every interface. */
  host: string
  databaseUrl: string | undefined
  dataDir: string
  /** Load the demo catalogue into an empty database. */
  demo: boolean
  /** `PUBLIC_URL`: the origin of every absolute URL; required outside demo mode. */
  publicUrl: string | undefined
  /** `PUBLIC_HOSTS`: hosts a trusted proxy may name in `X-Forwarded-Host` (with `trustProxy`). */
  publicHosts: string[] | undefined
  /** Trust the reverse proxy's X-Forwarded-For/-Host/-Proto and X-Request-Id. */
  trustProxy: boolean
  poolSize: number
  /** Tile cache bound in MiB; 0 turns the cache off. */
  tileCacheMb: number
  /** The largest layer upload in MiB. */
  maxUploadMb: number
  /** The largest layer document (PDF) in MiB. */
  maxDocumentMb: number
  /** `HROMADA_BASEMAP_PMTILES`: a Protomaps basemap archive on disk, served from our origin. */
  basemapPmtiles: string | undefined
  /** `HROMADA_BASEMAP_STYLE`: a MapLibre style drawn under the city's layers instead of its own basemap. */
  basemapStyle: string | undefined
  /** `smtp://…` to send mail; without it mail is written as `.eml` files to `<dataDir>/outbox`. */
  smtpUrl: string | undefined
  mailFrom: string
  /** Appeal submissions per client address. */
  appealRateLimit: RateLimit
  /** Open311 API keys; demo mode adds its own. */
  open311Keys: string[]
  /** The OpenID Connect provider to sign in with, when `OIDC_ISSUER` is set. */
  oidc: OidcConfig | undefined
  /** `HROMADA_ACCESS_LOG=0` turns the line per request off. */
  logRequests: boolean
  /** `HROMADA_SKIP_BUILD=1`: `npm start` does not check the web build. */
  skipBuild: boolean
}

/** The message for one wrong variable: its name, what it accepts and what it holds. */
function wrongVariable(issue: z.core.$ZodIssue, env: Env): string {
  const name = String(issue.path[0])
  return `${name} must be ${issue.message}; got "${env[name]}"`
}

/**
 * The configuration in `env`. Throws an `Error` naming each variable whose value is not valid
 * (one line each), and for production (`HROMADA_DEMO=0`) without `PUBLIC_URL`.
 */
export function serverConfigFromEnv(env: Env): EnvConfig {
  const result = ENV_SCHEMA.safeParse(env)
  if (!result.success) throw new Error(result.error.issues.map((issue) => wrongVariable(issue, env)).join('\n'))
  const v = result.data
  // Links in mail and in publicly cached documents must not depend on what a client claims.
  if (v.HROMADA_BASEMAP_PMTILES && v.HROMADA_BASEMAP_STYLE) throw new Error('HROMADA_BASEMAP_PMTILES and HROMADA_BASEMAP_STYLE both name a basemap: set one of them')
  if (!v.HROMADA_DEMO && !v.PUBLIC_URL) throw new Error('PUBLIC_URL is required outside demo mode (HROMADA_DEMO=0), e.g. PUBLIC_URL=https://map.example.ua')
  return {
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    dataDir: v.HROMADA_DATA_DIR,
    demo: v.HROMADA_DEMO,
    publicUrl: v.PUBLIC_URL,
    publicHosts: v.PUBLIC_HOSTS,
    trustProxy: v.TRUST_PROXY,
    poolSize: v.HROMADA_DB_POOL,
    tileCacheMb: v.HROMADA_TILE_CACHE_MB,
    maxUploadMb: v.HROMADA_MAX_UPLOAD_MB,
    maxDocumentMb: v.HROMADA_MAX_DOCUMENT_MB,
    basemapPmtiles: v.HROMADA_BASEMAP_PMTILES,
    basemapStyle: v.HROMADA_BASEMAP_STYLE,
    smtpUrl: v.SMTP_URL,
    mailFrom: v.MAIL_FROM,
    appealRateLimit: v.HROMADA_APPEAL_RATE_LIMIT,
    open311Keys: v.OPEN311_API_KEYS,
    oidc: v.OIDC_ISSUER ? { issuer: v.OIDC_ISSUER, clientId: v.OIDC_CLIENT_ID, clientSecret: v.OIDC_CLIENT_SECRET, name: v.OIDC_NAME } : undefined,
    logRequests: v.HROMADA_ACCESS_LOG,
    skipBuild: v.HROMADA_SKIP_BUILD,
  }
}
