import type { MiddlewareHandler } from 'hono'
import { type AppEnv, decodeUrlPart, problems } from '../http/index.ts'

// C0 controls and DEL: no path or query parameter of GeoReport v2 holds one, and PostgreSQL
// cannot store NUL.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/

/**
 * Refuses, with a 400 problem, a path or a query parameter (name or value) that is not UTF-8
 * or holds control characters, before any route reads it. The error names the parameter and
 * never repeats its value. Reads the raw URL: the router's decoding keeps malformed
 * sequences as they are.
 */
export function plainTextUrl(): MiddlewareHandler<AppEnv> {
  return async function refuseHostileUrl(c, next) {
    const url = new URL(c.req.url)
    const path = decodeUrlPart(url.pathname)
    if (path === undefined) throw problems.invalid('The path is not valid UTF-8')
    if (CONTROL_CHARACTER.test(path)) throw problems.invalid('The path must not contain control characters')
    for (const pair of url.search.slice(1).split('&')) {
      if (pair === '') continue
      const [rawName = '', ...rest] = pair.split('=')
      const name = decodeUrlPart(rawName)
      if (name === undefined || CONTROL_CHARACTER.test(name)) throw problems.invalid('A parameter name must be UTF-8 text without control characters')
      const value = decodeUrlPart(rest.join('='))
      if (value === undefined) throw problems.invalid(`Invalid parameter ${name}`, [{ field: name, message: 'is not valid UTF-8' }])
      if (CONTROL_CHARACTER.test(value)) throw problems.invalid(`Invalid parameter ${name}`, [{ field: name, message: 'must not contain control characters' }])
    }
    await next()
  }
}
