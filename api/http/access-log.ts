/**
 * Structured logs: one JSON object per line, so that nothing a client puts in a path, a header
 * or a body can start a line of its own (`%0a` arrives as `\n` inside a JSON string), and log
 * collectors read fields instead of guessing at text.
 */
import { ServerResponse, type IncomingMessage, type RequestListener } from 'node:http'
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
 * on Linux for files and pipes). Each line is copied into a byte buffer at once: strings kept
 * for a whole batch outlived the young generation and made the garbage collector copy and
 * promote them (measured: several microseconds more per warm tile).
 */
export function batchedSink(out: { write(chunk: Uint8Array): unknown }, intervalMs = 200, maxBytes = 64 * 1024): LogSink {
  const buffer = Buffer.allocUnsafe(maxBytes)
  let used = 0
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (!used) return
    // A copy: `out` may keep the chunk while the buffer takes the next lines.
    const chunk = Buffer.from(buffer.subarray(0, used))
    used = 0
    out.write(chunk)
  }
  return {
    write(line) {
      // A UTF-16 unit takes at most 3 bytes in UTF-8.
      if (used + line.length * 3 > maxBytes) flush()
      if (line.length * 3 > maxBytes) return void out.write(Buffer.from(line))
      used += buffer.write(line, used)
      timer ??= setTimeout(flush, intervalMs).unref()
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

/** Incoming request ids we keep (from a trusted proxy), so a request can be followed across services. */
const FORWARDED_ID = /^[A-Za-z0-9._-]{1,64}$/

// Ids of this process's requests: a random prefix per start and a counter, unique across
// restarts and replicas, and cheaper than a UUID for every tile.
const ID_PREFIX = randomBytes(6).toString('base64url')
let lastId = 0

/**
 * A new id for the request: the proxy's `X-Request-Id` when `trustProxy` and it is a plain
 * token of at most 64 characters, otherwise one of our own. A client that reaches us directly
 * cannot choose the id our logs file its request under.
 */
export function requestIdOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    // From the raw list: building `req.headers` costs more than the rest of a cached tile's answer.
    const raw = req.rawHeaders
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!
      if (name.length === 12 && name.toLowerCase() === 'x-request-id' && FORWARDED_ID.test(raw[i + 1]!)) return raw[i + 1]!
    }
  }
  return `${ID_PREFIX}-${(++lastId).toString(36)}`
}

const REQUEST_ID = Symbol('requestId')
const STARTED = Symbol('started')
type Tagged = IncomingMessage & { [REQUEST_ID]?: string; [STARTED]?: number }

/** The id {@link withRequestIds} gave this request (for the access log, a problem, an error line). */
export const loggedRequestId = (req: IncomingMessage): string | undefined => (req as Tagged)[REQUEST_ID]

/**
 * A node:http listener that gives every request its id (see {@link requestIdOf}) before
 * `listener` sees it. Every answer sends it back as `X-Request-Id`: the app's through
 * {@link sendingRequestId}, the tile fast path's in the head it writes. The access log and the
 * problem documents name the same id.
 */
export function withRequestIds(listener: RequestListener, options: { trustProxy: boolean }): RequestListener {
  const { trustProxy } = options
  return function tagRequest(req: IncomingMessage, res: ServerResponse) {
    ;(req as Tagged)[REQUEST_ID] = requestIdOf(req, trustProxy)
    return listener(req, res)
  }
}

/**
 * `listener` with the request's id set as the `X-Request-Id` header before it answers. Not for
 * the tile fast path: a header set ahead makes Node merge it with the head's on every answer,
 * which costs a cached tile a measurable share of its time; that path adds it to its own head.
 */
export function sendingRequestId(listener: RequestListener): RequestListener {
  return function sendRequestId(req: IncomingMessage, res: ServerResponse) {
    const id = loggedRequestId(req)
    if (id) res.setHeader('X-Request-Id', id)
    return listener(req, res)
  }
}

// The time of a line, made once per millisecond: a busy server writes many lines in each.
let isoAt = 0
let iso = ''
function isoNow(): string {
  const now = Date.now()
  if (now !== isoAt) {
    isoAt = now
    iso = new Date(now).toISOString()
  }
  return iso
}

/** The request's line: written out by hand (only the path holds anything a client chose, and it is JSON-quoted). */
function requestLine(res: ServerResponse, req: Tagged): string {
  const ms = Math.round((performance.now() - req[STARTED]!) * 10) / 10
  // Under a listener without `withRequestIds` a request still gets an id of its own.
  return `{"time":"${isoNow()}","level":"info","msg":"request","id":"${(req[REQUEST_ID] ??= requestIdOf(req, false))}","method":${JSON.stringify(req.method)},"path":${JSON.stringify(loggedPath(req.url ?? ''))},"status":${res.statusCode},"ms":${ms}}\n`
}

/**
 * The node:http response class of a server that logs every request as one JSON line when its
 * answer ends: request id (see {@link withRequestIds}), method, path (see {@link loggedPath}),
 * status and milliseconds from the request's arrival to the end of the answer. No addresses, queries, headers or
 * bodies are logged. Pass it as `createServer({ ServerResponse: loggedResponses(sink) }, …)`.
 *
 * A subclass rather than a listener on each response: a tile server answers tens of thousands
 * of requests a second, and a `'close'` listener per response cost a warm tile hit a third of
 * its throughput, where this costs a few per cent.
 */
export function loggedResponses(sink: LogSink): typeof ServerResponse {
  const end = ServerResponse.prototype.end
  class LoggedResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
    constructor(req: Request) {
      super(req)
      ;(req as Tagged)[STARTED] = performance.now()
    }
  }
  const endAnswer = end as (this: ServerResponse, chunk: unknown, encoding: unknown, callback: unknown) => ServerResponse
  LoggedResponse.prototype.end = function endAndLog(this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) {
    const ended = this.writableEnded
    const result = endAnswer.call(this, chunk, encoding, callback)
    if (!ended) sink.write(requestLine(this, this.req as Tagged))
    return result
  } as ServerResponse['end']
  return LoggedResponse
}
