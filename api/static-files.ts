import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { MiddlewareHandler } from 'hono'
import { routeOf } from './contract/index.ts'
import type { AppEnv } from './http/index.ts'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Paths of machines, not people: an unknown one is a 404 problem, never the web page, so that
 * clients and probes (GDAL, QGIS) are not misled by a 200 HTML answer.
 */
const MACHINE_PATHS = /^\/(api|open311|tiles|styles|fonts|ogc)(\/|$)/

/** The compressed copies the web build writes beside each text file, in the order they are preferred. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const

/**
 * The content codings a client accepts, from its `Accept-Encoding` (RFC 9110 §12.5.3): a
 * coding named with `q=0` is refused, `*` stands for any coding not named.
 */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const named = new Map<string, number>()
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.split(';').map((p) => p.replace(/\s+/g, '').toLowerCase())
    if (!token) continue
    const q = params.find((p) => p.startsWith('q='))
    const weight = q === undefined ? 1 : Number(q.slice(2))
    named.set(token, Number.isFinite(weight) ? weight : 0)
  }
  const any = named.get('*') ?? 0
  return new Set(ENCODINGS.map((e) => e.name).filter((name) => (named.get(name) ?? any) > 0))
}

/** How long a browser may keep a file without asking again. */
function cacheControlOf(path: string, file: string): string {
  // Hashed names change with their content; everything else is checked on each use (an ETag
  // answers 304), the service worker and the manifest above all, so a release reaches everyone.
  if (file.includes(`${sep}assets${sep}`)) return 'public, max-age=31536000, immutable'
  if (path.startsWith('/icons/')) return 'public, max-age=86400'
  return 'no-cache'
}

/** The file to send for `file`: its brotli or gzip copy when the client accepts one and it exists. */
async function variantOf(file: string, accepted: Set<string>): Promise<{ path: string; encoding?: string; size: number; mtimeMs: number } | undefined> {
  for (const { name, suffix } of ENCODINGS) {
    if (!accepted.has(name)) continue
    const found = await stat(file + suffix).catch(() => undefined)
    if (found?.isFile()) return { path: file + suffix, encoding: name, size: found.size, mtimeMs: found.mtimeMs }
  }
  const plain = await stat(file).catch(() => undefined)
  return plain?.isFile() ? { path: file, size: plain.size, mtimeMs: plain.mtimeMs } : undefined
}

/**
 * Serves the built web app from `root`: hashed assets as immutable, the rest revalidated by
 * ETag; each text file as the build's brotli or gzip copy when the client accepts it. A page
 * path without a file gets `index.html` so deep links (e.g. `/appeals/KYIV-2026-000123`) work,
 * with status 404 when it names no page of the app (which then shows its not-found page).
 * Paths of the API, Open311, tiles, styles and OGC are never answered here. Paths are
 * normalised and must stay inside `root`.
 */
export function staticFiles(root: string): MiddlewareHandler<AppEnv> {
  const base = normalize(root + sep)
  return async function serveStatic(c, next) {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || MACHINE_PATHS.test(c.req.path)) return next()
    let path: string
    try {
      path = decodeURIComponent(c.req.path)
    } catch {
      // A path that is not valid percent-encoding names no file here; the not-found handler answers.
      return next()
    }
    let file = normalize(join(base, path))
    if (!file.startsWith(base)) return next()
    const isFile = await stat(file).then((s) => s.isFile(), () => false)
    let status: 200 | 404 = 200
    if (!isFile) {
      if (extname(path) !== '' && path !== '/') return next()
      file = join(base, 'index.html')
      if (routeOf(path).page === 'not-found') status = 404
    }
    const variant = await variantOf(file, acceptedEncodings(c.req.header('Accept-Encoding')))
    // Gone between the stat and the read (a deploy replacing the build): not found, like any other path.
    const body = variant && (await readFile(variant.path).catch(() => undefined))
    if (!variant || !body) return next()
    const etag = `"${variant.size.toString(36)}-${Math.trunc(variant.mtimeMs).toString(36)}${variant.encoding ? `-${variant.encoding}` : ''}"`
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream')
    c.header('Cache-Control', cacheControlOf(path, file))
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('ETag', etag)
    c.header('Last-Modified', new Date(variant.mtimeMs).toUTCString())
    if (ENCODINGS.some((e) => existsSync(file + e.suffix))) c.header('Vary', 'Accept-Encoding')
    if (variant.encoding) c.header('Content-Encoding', variant.encoding)
    const known = c.req.header('If-None-Match')
    if (status === 200 && known && known.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return c.body(null, 304)
    c.header('Content-Length', String(body.length))
    if (c.req.method === 'HEAD') return c.body(null, status)
    return c.body(body, status)
  }
}
