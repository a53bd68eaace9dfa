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

/**
 * Serves the built web app from `root`: hashed assets as immutable; a page path without a file
 * gets `index.html` so deep links (e.g. `/appeals/KYIV-2026-000123`) work, with status 404 when
 * it names no page of the app (which then shows its not-found page). Paths of the API, Open311,
 * tiles, styles and OGC are never answered here. Paths are normalised and must stay inside `root`.
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
    // Gone between the stat and the read (a deploy replacing the build): not found, like any other path.
    const body = await readFile(file).catch(() => undefined)
    if (!body) return next()
    const hashed = file.includes(`${sep}assets${sep}`)
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream')
    c.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
    c.header('X-Content-Type-Options', 'nosniff')
    return c.body(body, status)
  }
}
