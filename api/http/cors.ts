/**
 * Cross-origin reads of the city's open data. A map or a dashboard on another site may read
 * every public answer (`Access-Control-Allow-Origin: *`, which browsers never combine with
 * cookies); nothing that reads or changes a session is ever opened to another origin.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env.ts'

/** Paths whose GET answers are public open data, the same for everyone. */
const PUBLIC_READS: readonly RegExp[] = [
  /^\/tiles\//,
  /^\/styles\//,
  /^\/fonts\//,
  /^\/ogc(\/|$)/,
  /^\/open311\//,
  /^\/api\/(health|layers|cities|addresses|appeal-categories|deputies|openapi\.json)(\/|$)/,
  /^\/api\/stats\/appeals(\/|$)/,
  /^\/api\/(catalogue|3\/action)(\/|$)/,
  /^\/data\/(catalog\.jsonld|SOURCES\.md)$/,
  // An appeal's public page and lists; the author's tracking view (a secret link) is not.
  /^\/api\/appeals(?!\/track(\/|$))(\/|$)/,
]

/** Whether `path` is a public read that other sites may fetch. */
export const isPublicRead = (path: string): boolean => PUBLIC_READS.some((re) => re.test(path))

/** Request headers a cross-origin reader may send: revalidation and ranges. */
const ALLOWED_HEADERS = 'Accept, Accept-Language, If-None-Match, If-Modified-Since, Range'
/** Response headers a cross-origin reader may see besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = 'ETag, Link, Content-Length, Content-Range, Accept-Ranges, Retry-After'

/**
 * CORS for public reads: GET and HEAD answers carry `Access-Control-Allow-Origin: *`, and their
 * preflight (`OPTIONS` with `Access-Control-Request-Method: GET`) answers 204. Any other path,
 * or any other method, gets no CORS headers, so a browser keeps other sites out of sessions.
 */
export const publicReadCors: MiddlewareHandler<AppEnv> = async function allowPublicReads(c, next) {
  const method = c.req.method
  if (!isPublicRead(c.req.path)) return next()
  if (method === 'OPTIONS') {
    const wanted = c.req.header('Access-Control-Request-Method')
    if (!c.req.header('Origin') || !wanted) return next()
    if (wanted !== 'GET' && wanted !== 'HEAD') return c.body(null, 204, { Allow: 'GET, HEAD, OPTIONS' })
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '86400',
    })
  }
  await next()
  if (method === 'GET' || method === 'HEAD') {
    c.res.headers.set('Access-Control-Allow-Origin', '*')
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  }
}
