import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env.ts'

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
 * Serves the built web app from `root`: hashed assets as immutable, every other GET that is not
 * an API path falls back to `index.html` so deep links (e.g. `/?city=kyiv`) work.
 * Paths are normalised and must stay inside `root`.
 */
export function staticFiles(root: string): MiddlewareHandler<AppEnv> {
  const base = normalize(root + sep)
  return async function serveStatic(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    let path: string
    try {
      path = decodeURIComponent(c.req.path)
    } catch {
      return next()
    }
    let file = normalize(join(base, path))
    if (!file.startsWith(base)) return next()
    const isFile = await stat(file).then((s) => s.isFile(), () => false)
    if (!isFile) {
      if (extname(path) !== '' && path !== '/') return next()
      file = join(base, 'index.html')
    }
    const body = await readFile(file).catch(() => undefined)
    if (!body) return next()
    const hashed = file.includes(`${sep}assets${sep}`)
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream')
    c.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
    c.header('X-Content-Type-Options', 'nosniff')
    return c.body(body, 200)
  }
}
