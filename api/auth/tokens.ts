import { createHash, randomBytes } from 'node:crypto'

/** An unguessable token (256 bits) as 43 URL-safe characters: sessions, links in mail, tracking pages. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Tokens and e-mails are stored only as SHA-256 digests. */
export function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}
