import { createHash } from 'node:crypto'
import type { Context } from 'hono'

/**
 * A stored photo as an HTTP response: JPEG, with a strong `ETag` that is the SHA-256 of its
 * bytes, so that the route's `etag()` middleware answers a matching `If-None-Match` with 304.
 */
export function photoResponse(c: Context, bytes: Buffer, cacheControl: string): Response {
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': 'image/jpeg',
    'Cache-Control': cacheControl,
    ETag: `"${createHash('sha256').update(bytes).digest('hex')}"`,
    'X-Content-Type-Options': 'nosniff',
  })
}
