import { createHash, randomBytes } from 'node:crypto'

/** An unguessable token (256 bits) as 43 URL-safe characters. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Tokens and e-mails are stored only as SHA-256 digests. */
export function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

/** The public page of an appeal in the web app. */
export function appealPageUrl(baseUrl: string, number: string): string {
  return `${baseUrl}/appeals/${number}`
}

/** The author's private page, reachable without an account. */
export function trackingPageUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/appeals/track/${token}`
}
