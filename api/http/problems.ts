import type { IncomingMessage } from 'node:http'
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { loggedPath, loggedRequestId, type Log } from './access-log.ts'

/** The kinds of problem the API reports; each has a page at `/problems/<type>` in the docs. */
export type ProblemType =
  | 'invalid-input'
  | 'not-found'
  | 'method-not-allowed'
  | 'conflict'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'unauthorized'
  | 'forbidden'
  | 'unavailable'
  | 'insufficient-storage'
  | 'unreadable-file'
  | 'internal'

/** One wrong input field: where it is (`query.bbox`, `body.lat`) and what is wrong with it. */
export interface FieldError {
  field: string
  message: string
}

const TITLES: Record<ProblemType, string> = {
  'invalid-input': 'The request has invalid input',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict with the current state',
  'payload-too-large': 'The request body is too large',
  'unsupported-media-type': 'Unsupported media type',
  'rate-limited': 'Too many requests',
  unauthorized: 'Sign-in required',
  forbidden: 'Not allowed',
  unavailable: 'The service is temporarily unavailable',
  'insufficient-storage': 'No room to store the upload',
  'unreadable-file': 'The file cannot be used',
  internal: 'Internal error',
}

/** An RFC 9457 problem, thrown anywhere and rendered by the root error handler. */
export class HttpProblem extends HTTPException {
  /** Seconds for a `Retry-After` header (429 and 503). */
  retryAfter?: number
  constructor(
    readonly type: ProblemType,
    status: ContentfulStatusCode,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(status, { message: detail })
  }
}

/** Ready-made problems for the common cases. */
export const problems = {
  notFound: (what: string, id: string) => new HttpProblem('not-found', 404, `No ${what} "${id}"`),
  invalid: (detail: string, errors?: FieldError[]) => new HttpProblem('invalid-input', 400, detail, errors),
}

/** The id the server gave the request (`X-Request-Id`); unset when the app runs without node:http. */
function requestIdOfContext(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  return incoming && loggedRequestId(incoming)
}

function problemBody(c: Context, type: ProblemType, status: number, detail: string, errors?: FieldError[]) {
  const requestId = requestIdOfContext(c)
  return {
    type: `/problems/${type}`,
    title: TITLES[type],
    status,
    detail,
    instance: c.req.path,
    ...(errors && { errors }),
    // The same id as the response's `X-Request-Id` and the access log line.
    ...(requestId && { request_id: requestId }),
  }
}

function sendProblem(c: Context, type: ProblemType, status: ContentfulStatusCode, detail: string, errors?: FieldError[]) {
  return c.body(JSON.stringify(problemBody(c, type, status, detail, errors)), status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Cache-Control': 'no-store',
  })
}

const PG_CLIENT_ERRORS: Record<string, [ProblemType, ContentfulStatusCode]> = {
  '23505': ['conflict', 409], // unique_violation
  '23503': ['conflict', 409], // foreign_key_violation
  '23514': ['invalid-input', 400], // check_violation
  '22P02': ['invalid-input', 400], // invalid_text_representation
  '23502': ['invalid-input', 400], // not_null_violation
}

// Node's socket errors when the database host refuses, drops or cannot be found.
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])
// SQLSTATE class 08 (connection exception); 57P01–57P03 (the server is shutting down, crashed,
// or not yet accepting connections); 53300 (too many connections); 57014 (statement timeout).
// https://www.postgresql.org/docs/15/errcodes-appendix.html
const UNAVAILABLE_SQLSTATE = /^(?:08[0-9A-Z]{3}|57P0[123]|53300|57014)$/
// What `pg` itself throws when a connection dies, cannot be made in time, or the pool has
// no connection to give within `connectionTimeoutMillis`.
const LOST_CONNECTION_MESSAGES = /^(?:Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Query read timeout)/

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5

/**
 * Whether an error means the database is unreachable or went away (refused, reset, shut
 * down, timed out), rather than that the request or the code was wrong. These become a 503
 * `unavailable` problem with `Retry-After`: the pool replaces dead connections by itself, so
 * the same request succeeds once the database is back.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false
  const { code, syscall, message } = err as { code?: unknown; syscall?: unknown; message?: unknown }
  if (typeof code === 'string') {
    if (UNREACHABLE_SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)) return true
    // The unix socket file is gone while the server is down.
    if (code === 'ENOENT' && syscall === 'connect') return true
  }
  // Connecting to a name with several addresses fails with every address's error.
  if (err instanceof AggregateError && err.errors.some(isDatabaseUnavailable)) return true
  return typeof message === 'string' && LOST_CONNECTION_MESSAGES.test(message)
}

/**
 * The one root error handler: known problems go out as they are, database constraint
 * violations become 409/400, an unreachable database a 503 with `Retry-After`, and anything
 * else a 500 with a request id, logged without leaking its message to the client.
 */
export function problemHandler(log: Log): ErrorHandler {
  return function renderProblem(err, c) {
    if (err instanceof HttpProblem) {
      if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter))
      return sendProblem(c, err.type, err.status, err.detail, err.errors)
    }
    const code = (err as { code?: unknown }).code
    const known = typeof code === 'string' ? PG_CLIENT_ERRORS[code] : undefined
    if (known) return sendProblem(c, known[0], known[1], 'The request conflicts with the data or breaks one of its rules')
    if (isDatabaseUnavailable(err)) {
      c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
      return sendProblem(c, 'unavailable', 503, 'The database cannot be reached at the moment; please try again shortly')
    }
    if (err instanceof HTTPException && err.status < 500) {
      return sendProblem(c, err.status === 413 ? 'payload-too-large' : 'invalid-input', err.status as ContentfulStatusCode, err.message || 'Bad request')
    }
    const requestId = requestIdOfContext(c) ?? crypto.randomUUID()
    log('internal error', { level: 'error', id: requestId, method: c.req.method, path: loggedPath(c.req.path), error: (err as Error).stack ?? String(err) })
    return sendProblem(c, 'internal', 500, `Something went wrong on our side (request ${requestId})`)
  }
}

/** 404 for every path no route claims. */
export const notFoundHandler: NotFoundHandler = (c) => sendProblem(c, 'not-found', 404, `Nothing at ${c.req.path}`)
