/**
 * Structured logs: one JSON object per line, so that nothing a client puts in a path, a header
 * or a body can start a line of its own (`%0a` arrives as `\n` inside a JSON string), and log
 * collectors read fields instead of guessing at text.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'

/** Where log lines go: `write` takes one complete line (with its `\n`). */
export interface LogSink {
  write(line: string): void
  /** Writes out whatever is buffered (at exit). */
  flush(): void
}

/**
 * A sink that gathers lines and writes them out every `intervalMs` or at `maxBytes`, so that a
 * busy tile server makes one write per batch instead of one per request (stdout is synchronous
 * on Linux for files and pipes).
 */
export function batchedSink(out: { write(text: string): unknown }, intervalMs = 200, maxBytes = 64 * 1024): LogSink {
  let buffer = ''
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (!buffer) return
    const text = buffer
    buffer = ''
    out.write(text)
  }
  return {
    write(line) {
      buffer += line
      if (buffer.length >= maxBytes) flush()
      else timer ??= setTimeout(flush, intervalMs).unref()
    },
    flush,
  }
}

/**
 * The service's log: a message and, optionally, fields of its own (`level` among them:
 * `info` unless given). Written as one JSON line by {@link logLine}.
 */
export type Log = (msg: string, fields?: Record<string, unknown>) => void

/** A line of the service's own log (`msg`), as a JSON object with its time and level. */
export function logLine(level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`
}

// Secrets that travel in paths: tracking, confirmation and reset tokens (43 base64url characters).
const TOKEN_SEGMENT = /\/[A-Za-z0-9_-]{43}(?=\/|$)/g

/**
 * The path as logged: without the query string (it may hold e-mail addresses or search words)
 * and with secret tokens replaced by `:token`; at most 300 characters.
 */
export function loggedPath(url: string): string {
  const queryAt = url.indexOf('?')
  const path = queryAt < 0 ? url : url.slice(0, queryAt)
  return path.replace(TOKEN_SEGMENT, '/:token').slice(0, 300)
}

/** Incoming request ids we keep (from a proxy), so a request can be followed across services. */
const FORWARDED_ID = /^[A-Za-z0-9._-]{1,64}$/

// Ids of this process's requests: a random prefix per start and a counter, unique across
// restarts and replicas, and cheaper than a UUID for every tile.
const ID_PREFIX = randomBytes(6).toString('base64url')
let lastId = 0

/** The request's id: the proxy's `X-Request-Id` when it is a plain token, otherwise a new one. */
export function requestIdOf(req: IncomingMessage): string {
  // From the raw list: building `req.headers` costs more than the rest of a cached tile's answer.
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!
    if (name.length === 12 && name.toLowerCase() === 'x-request-id' && FORWARDED_ID.test(raw[i + 1]!)) return raw[i + 1]!
  }
  return `${ID_PREFIX}-${(++lastId).toString(36)}`
}

const REQUEST_ID = Symbol('requestId')
type Tagged = IncomingMessage & { [REQUEST_ID]?: string }

/** The id the access log gave this request (for error lines and `X-Request-Id`). */
export const loggedRequestId = (req: IncomingMessage): string | undefined => (req as Tagged)[REQUEST_ID]

function logAnswered(this: ServerResponse, sink: LogSink, req: Tagged, started: number) {
  const ms = Math.round((performance.now() - started) * 10) / 10
  // Written out by hand (only the path can hold anything a client chose, and it is JSON-quoted):
  // a tile server logs tens of thousands of these a second.
  sink.write(
    `{"time":"${new Date().toISOString()}","level":"info","msg":"request","id":"${req[REQUEST_ID]}","method":${JSON.stringify(req.method)},"path":${JSON.stringify(loggedPath(req.url ?? ''))},"status":${this.statusCode},"ms":${ms}${this.writableFinished ? '' : ',"aborted":true'}}\n`,
  )
}

/**
 * A node:http listener that logs every request it passes to `inner` as one JSON line: request
 * id, method, path (see {@link loggedPath}), status and duration in ms. No addresses, queries,
 * headers or bodies are logged. Sets `X-Request-Id` on the answer.
 */
export function accessLog(sink: LogSink, inner: RequestListener): RequestListener {
  return function logRequest(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now()
    const id = requestIdOf(req)
    ;(req as Tagged)[REQUEST_ID] = id
    res.setHeader('X-Request-Id', id)
    res.once('close', logAnswered.bind(res, sink, req as Tagged, started))
    inner(req, res)
  }
}
