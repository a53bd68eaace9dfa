/**
 * The edge's first look at a request, before any route reads it: a URL or body that no route
 * could use safely is refused with a 400 (or 413) problem here, once, instead of reaching SQL
 * as a NUL byte (PostgreSQL refuses those with an error) or a parser as a 10,000-level nest.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from './app-env.ts'
import { HttpProblem, problems } from './problems.ts'

/** Largest JSON or form body (bytes); a multipart body's own limit is set by its route. */
export const MAX_BODY_BYTES = 1024 * 1024
/** Largest multipart body that reaches a route at all; routes that take photos set their own, lower, limits. */
export const MAX_MULTIPART_BYTES = 64 * 1024 * 1024
/** Deepest nesting of arrays and objects in a JSON body; GeoJSON needs 5, our forms 3. */
export const MAX_JSON_DEPTH = 32

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** A `%`-encoded URL part (`+` as space) decoded, or undefined when it is not UTF-8. */
export function decodeUrlPart(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '))
  } catch {
    // Malformed or not UTF-8: the caller answers 400.
    return undefined
  }
}

/** A URL part decoded, or undefined when it is not UTF-8 or holds NUL. */
function decodedPart(part: string): string | undefined {
  const decoded = decodeUrlPart(part)
  return decoded?.includes('\0') ? undefined : decoded
}

/**
 * Why the request's path or query cannot be read, or undefined when it can: every
 * `%`-sequence must decode to UTF-8 text without NUL.
 */
export function urlFault(pathAndQuery: string): string | undefined {
  const queryAt = pathAndQuery.indexOf('?')
  const path = queryAt < 0 ? pathAndQuery : pathAndQuery.slice(0, queryAt)
  if (decodedPart(path) === undefined) return 'The path holds a NUL byte or bytes that are not UTF-8'
  if (queryAt < 0) return undefined
  for (const pair of pathAndQuery.slice(queryAt + 1).split('&')) {
    if (decodedPart(pair) === undefined) return 'The query string holds a NUL byte or bytes that are not UTF-8'
  }
  return undefined
}

/**
 * Why a JSON text cannot be accepted, or undefined: nesting deeper than `maxDepth`, or a NUL
 * character (raw or as `\u0000`) anywhere. One pass over the text, so a hostile nest costs no
 * stack.
 */
export function jsonFault(text: string, maxDepth = MAX_JSON_DEPTH): string | undefined {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (ch === 0) return 'The body holds a NUL character'
    if (inString) {
      if (ch === 0x5c /* \ */) {
        if (text.charCodeAt(i + 1) === 0x75 /* u */ && /^0000$/.test(text.slice(i + 2, i + 6))) return 'The body holds a NUL character (\\u0000)'
        i++
      } else if (ch === 0x22 /* " */) inString = false
    } else if (ch === 0x22) inString = true
    else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (++depth > maxDepth) return `The body nests objects and arrays deeper than ${maxDepth} levels`
    } else if (ch === 0x7d || ch === 0x5d) depth--
  }
  return undefined
}

const mediaType = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
const isJson = (type: string) => type === 'application/json' || type.endsWith('+json')

function tooLarge(limit: number): never {
  throw new HttpProblem('payload-too-large', 413, `The request body is larger than ${limit >= 1048576 ? `${limit / 1048576} MB` : `${limit / 1024} KB`}`)
}
/**
 * The routes that stream a multipart body to disk themselves, under their own limit: a planner's
 * file may be hundreds of megabytes, which must not be held in memory on the way.
 */
const STREAMED_UPLOADS = /^\/api\/layer-uploads\/?$/

const smallBodies = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => tooLarge(MAX_BODY_BYTES) })
const multipartBodies = bodyLimit({ maxSize: MAX_MULTIPART_BYTES, onError: () => tooLarge(MAX_MULTIPART_BYTES) })

/** Refuses the request with a 400 problem naming where the fault is. */
function refuse(field: string, message: string): never {
  throw problems.invalid(message, [{ field, message }])
}

/** The form's text fields checked for NUL; the parsed form stays cached for the route. */
async function checkForm(read: () => Promise<FormData>): Promise<void> {
  let form: FormData
  try {
    form = await read()
  } catch {
    refuse('body', 'The form body cannot be parsed')
  }
  for (const [name, value] of form.entries()) {
    if (name.includes('\0') || (typeof value === 'string' && value.includes('\0'))) refuse(`body.${name.replaceAll('\0', '')}`, 'The field holds a NUL character')
  }
}

/** The body read once, within its limit, and put back so that routes read it as if untouched. */
async function readBody(c: Parameters<MiddlewareHandler<AppEnv>>[0]): Promise<ArrayBuffer> {
  const body = await c.req.arrayBuffer()
  c.req.raw = new Request(c.req.raw, { body })
  return body
}

/**
 * Middleware of every route: the URL must decode to UTF-8 without NUL; a body is at most
 * {@link MAX_BODY_BYTES} (multipart: {@link MAX_MULTIPART_BYTES}, except the streamed uploads
 * of {@link STREAMED_UPLOADS}, which check their own); a JSON body must be UTF-8,
 * nest at most {@link MAX_JSON_DEPTH} levels and hold no NUL; a form's fields no NUL.
 */
export const requestGuard: MiddlewareHandler<AppEnv> = async function guardRequest(c, next) {
  const raw = c.req.raw.url
  const fault = urlFault(raw.slice(raw.indexOf('/', raw.indexOf('//') + 2)))
  if (fault) refuse(fault.startsWith('The path') ? 'path' : 'query', fault)
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' || !c.req.raw.body) return next()
  const type = mediaType(c.req.header('Content-Type'))
  if (type === 'multipart/form-data' && c.req.method === 'POST' && STREAMED_UPLOADS.test(c.req.path)) return next()
  const limit = type === 'multipart/form-data' ? multipartBodies : smallBodies
  return limit(c, async () => {
    const body = await readBody(c)
    if (isJson(type)) {
      let text: string
      try {
        text = strictUtf8.decode(body)
      } catch {
        refuse('body', 'The body is not UTF-8 text')
      }
      const jsonProblem = jsonFault(text)
      if (jsonProblem) refuse('body', jsonProblem)
    } else if (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded') {
      await checkForm(() => c.req.formData())
    }
    await next()
  })
}
