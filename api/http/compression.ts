/**
 * Compression of dynamic answers (gzip or deflate, as the client accepts), without rebuilding
 * an answer that goes out uncompressed: Hono's `compress` names `Accept-Encoding` in `Vary`
 * through `c.header`, which turns a finished answer's text body into a stream (measured on a
 * 1 MB OGC items page: a third of the server's time went to that copy). The header is set on
 * the answer's own headers first, so an uncompressed answer is written as it is.
 */
import type { MiddlewareHandler } from 'hono'
import { compress } from 'hono/compress'

/** Adds `Accept-Encoding` to a `Vary` header's value, unless it is there already or is `*`. */
export function varyOnEncoding(vary: string | null): string {
  if (!vary) return 'Accept-Encoding'
  if (vary.trim() === '*' || /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) return vary
  return `${vary}, Accept-Encoding`
}

/** `compress()` whose answers, compressed or not, vary on `Accept-Encoding` without being rebuilt. */
export function compressed(): MiddlewareHandler {
  const gzip = compress()
  return (c, next) =>
    gzip(c, async () => {
      await next()
      c.res.headers.set('Vary', varyOnEncoding(c.res.headers.get('Vary')))
    })
}
