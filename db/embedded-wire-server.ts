import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer, type Server, type Socket } from 'node:net'
import type { PGlite } from '@electric-sql/pglite'

const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104
const CANCEL_REQUEST = 80877102
const PROTOCOL_3 = 196608
/** A startup or password message longer than this is not a client's: the connection is dropped. */
const MAX_AUTH_MESSAGE = 10_000
/** A client that has not authenticated by then is disconnected, as PostgreSQL's `authentication_timeout`. */
const AUTH_TIMEOUT_MS = 10_000
/** SQLSTATE of DEALLOCATE for a statement that does not exist. */
const INVALID_STATEMENT_NAME = '26000'
/** Messages after which the server answers: Sync, simple Query, Flush, copy end. */
const BATCH_ENDS = new Set(['S', 'Q', 'H', 'c', 'f'])

interface Batch {
  conn: Connection
  bytes: Uint8Array
  /** ReadyForQuery messages the client waits for: one per Sync or Query (one for startup). */
  readyCount: number
  done: () => void
}

/**
 * The backend's answer with at most `readyCount` ReadyForQuery messages. PGlite answers an
 * error in an extended-protocol batch with two of them; passing both on would make the
 * client take the second as the end of its next query and shift every answer after it.
 */
export function limitReadyForQuery(out: Uint8Array, readyCount: number): Uint8Array {
  const frames: Uint8Array[] = []
  let ready = 0
  let dropped = false
  for (let i = 0; i + 5 <= out.length; ) {
    const length = 1 + new DataView(out.buffer, out.byteOffset + i + 1, 4).getInt32(0)
    const isReady = out[i] === 0x5a // 'Z'
    if (!isReady || ready++ < readyCount) frames.push(out.subarray(i, i + length))
    else dropped = true
    i += length
  }
  return dropped ? Buffer.concat(frames) : out
}

/** Messages that name a prepared statement: Parse, Bind, Describe and Close. */
const NAMING = new Set(['P', 'B', 'D', 'C'])

/**
 * The message with its prepared-statement name made the connection's own. PGlite is one
 * session, so two connections preparing the same name (as two clients of one pool do) would
 * collide; on a real server each has its own. The unnamed statement stays unnamed: it lives
 * for one batch, and batches never interleave.
 */
export function renameStatement(conn: Pick<Connection, 'statementPrefix' | 'statements'>, type: string, message: Buffer): Buffer {
  if (!NAMING.has(type)) return message
  // Bind names a portal first; Describe and Close name a statement only after an 'S'.
  let at = 5
  if (type === 'B') at = message.indexOf(0, at) + 1
  else if (type === 'D' || type === 'C') {
    if (message[at] !== 0x53) return message // 'P': a portal
    at += 1
  }
  const end = message.indexOf(0, at)
  if (end <= at) return message
  const name = `${conn.statementPrefix}${message.toString('utf8', at, end)}`
  if (type === 'P') conn.statements.add(name)
  if (type === 'C') conn.statements.delete(name)
  const renamed = Buffer.concat([message.subarray(0, at), Buffer.from(name, 'utf8'), message.subarray(end)])
  renamed.writeInt32BE(renamed.length - 1, 1)
  return renamed
}

/** The `user` parameter of a startup message, for the refusal's text. */
function startupUser(startup: Buffer | undefined): string {
  const params = startup ? startup.subarray(8).toString('utf8').split('\0') : []
  const at = params.indexOf('user')
  return (at >= 0 && at % 2 === 0 ? params[at + 1] : undefined)?.replace(/[^\w.@-]/g, '?') ?? ''
}

interface Connection {
  socket: Socket
  /** Prefix of the connection's named statements in the one PGlite session. */
  statementPrefix: string
  /** The named statements it prepared, deallocated when it goes. */
  statements: Set<string>
  /** `startup`: before the startup message; `password`: asked for it; `ready`: authenticated; `refused`: being closed. */
  state: 'startup' | 'password' | 'ready' | 'refused'
  /** The client's startup message, handed to PGlite once the password is right. */
  startup: Buffer | undefined
  buffer: Buffer
  pending: Buffer[]
  /** Batches run one at a time per connection, in order. */
  chain: Promise<void>
  /** The client went away: its remaining batches are dropped and its transaction rolled back. */
  closed: boolean
}

/**
 * The backend's ErrorResponse with severity FATAL, SQLSTATE `code` and `text`, as PostgreSQL
 * sends it before closing a connection it refuses.
 */
export function fatalError(code: string, text: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${text}\0\0`, 'utf8')
  const head = Buffer.alloc(5)
  head.write('E', 0, 'latin1')
  head.writeInt32BE(fields.length + 4, 1)
  return Buffer.concat([head, fields])
}

/** AuthenticationCleartextPassword: the server asks for the password. */
const ASK_PASSWORD = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])

/** Whether `given` is `secret`, in time that tells nothing about either (both are hashed first). */
function isSecret(given: Buffer, secret: Buffer): boolean {
  const digest = (b: Buffer) => createHash('sha256').update(b).digest()
  return timingSafeEqual(digest(given), digest(secret))
}

/** Options of {@link EmbeddedWireServer}. */
export interface WireServerOptions {
  /**
   * The password every client must send (in cleartext: the server listens on a unix socket or
   * loopback only). A client without it gets ErrorResponse 28P01 and is disconnected.
   */
  secret: string
  /** Where failures of the embedded engine itself are said (a query's own error goes to its client). */
  log?: ((line: string) => void) | undefined
}

/**
 * A PostgreSQL wire-protocol server in front of one PGlite instance, so that `pg` connects to
 * it exactly as to a real server. Every connection must authenticate with the installation's
 * secret before PGlite sees a byte of it. PGlite is a single session, so the server runs whole
 * request batches (everything up to a Sync or a simple Query) one at a time, never message by
 * message: two connections' extended-protocol statements can never interleave. While a
 * connection holds an open transaction, only its batches run; if it disconnects mid-way the
 * transaction is rolled back.
 */
export class EmbeddedWireServer {
  readonly #db: PGlite
  readonly #server: Server
  readonly #queue: Batch[] = []
  #owner: Connection | undefined
  #pumping = false
  readonly #sockets = new Set<Socket>()
  #connections = 0
  /** Named statements of closed connections, to deallocate between transactions. */
  readonly #unused: string[] = []
  readonly #secret: Buffer
  readonly #log: (line: string) => void

  constructor(db: PGlite, options: WireServerOptions) {
    if (options.secret.length < 16) throw new Error('embedded PostGIS: the wire server needs a secret of 16 characters or more')
    this.#db = db
    this.#log = options.log ?? (() => {})
    this.#secret = Buffer.from(options.secret, 'utf8')
    this.#server = createServer((socket) => this.#accept(socket))
  }

  /** Listens on a unix socket at `path` (its folder must exist) and returns the path. */
  async listenOnSocket(path: string): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(path, () => resolve())
    })
    return path
  }

  /** Listens on a loopback port (0: any free one) and returns the port. */
  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(port, host, () => resolve())
    })
    const address = this.#server.address()
    if (!address || typeof address === 'string') throw new Error('embedded PostGIS: no TCP address')
    return address.port
  }

  /** Stops accepting connections and closes the open ones. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()))
    // The server is closed with its connections: pools reconnect if they outlive it.
    for (const socket of this.#sockets) socket.destroy()
    await closed
  }

  #accept(socket: Socket): void {
    socket.setNoDelay(true)
    const conn: Connection = {
      socket,
      statementPrefix: `c${++this.#connections}_`,
      statements: new Set(),
      state: 'startup',
      startup: undefined,
      buffer: Buffer.alloc(0),
      pending: [],
      chain: Promise.resolve(),
      closed: false,
    }
    const authTimer = setTimeout(() => {
      if (conn.state !== 'ready') socket.destroy()
    }, AUTH_TIMEOUT_MS)
    socket.on('data', (data) => this.#receive(conn, data))
    socket.on('error', () => socket.destroy())
    socket.on('close', () => {
      clearTimeout(authTimer)
      this.#sockets.delete(socket)
      void this.#release(conn)
    })
    this.#sockets.add(socket)
  }

  #receive(conn: Connection, data: Buffer): void {
    if (conn.state === 'refused') return
    conn.buffer = Buffer.concat([conn.buffer, data])
    for (;;) {
      if (conn.state === 'startup') {
        if (conn.buffer.length < 8) return
        const length = conn.buffer.readInt32BE(0)
        if (length < 8 || length > MAX_AUTH_MESSAGE) return void conn.socket.destroy()
        if (conn.buffer.length < length) return
        const code = conn.buffer.readInt32BE(4)
        const message = conn.buffer.subarray(0, length)
        conn.buffer = conn.buffer.subarray(length)
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) conn.socket.write('N')
        else if (code === CANCEL_REQUEST) conn.socket.end()
        else if (code === PROTOCOL_3) {
          conn.state = 'password'
          conn.startup = Buffer.from(message)
          conn.socket.write(ASK_PASSWORD)
        } else conn.socket.destroy()
        continue
      }
      if (conn.buffer.length < 5) return
      const type = String.fromCharCode(conn.buffer[0]!)
      const length = 1 + conn.buffer.readInt32BE(1)
      if (conn.state === 'password' && (length < 5 || length > MAX_AUTH_MESSAGE)) return void conn.socket.destroy()
      if (conn.buffer.length < length) return
      const message = conn.buffer.subarray(0, length)
      conn.buffer = conn.buffer.subarray(length)
      if (conn.state === 'password') {
        if (!this.#authenticate(conn, type, message)) return
        continue
      }
      if (type === 'X') {
        conn.socket.end()
        return
      }
      conn.pending.push(renameStatement(conn, type, message))
      if (BATCH_ENDS.has(type)) {
        this.#submit(conn, Buffer.concat(conn.pending), type === 'S' || type === 'Q' ? 1 : 0)
        conn.pending = []
      }
    }
  }

  /**
   * Checks the client's answer to the password request. The right secret hands its startup
   * message to PGlite, which answers AuthenticationOk and the session parameters; anything
   * else is refused as PostgreSQL refuses a wrong password, and the connection closed.
   */
  #authenticate(conn: Connection, type: string, message: Buffer): boolean {
    const end = message.indexOf(0, 5)
    const given = type === 'p' && end >= 5 ? message.subarray(5, end) : undefined
    if (given === undefined || !isSecret(given, this.#secret)) {
      conn.state = 'refused'
      conn.buffer = Buffer.alloc(0)
      conn.socket.end(fatalError('28P01', `password authentication failed for user "${startupUser(conn.startup)}"`))
      return false
    }
    conn.state = 'ready'
    this.#submit(conn, conn.startup!, 1)
    conn.startup = undefined
    return true
  }

  #submit(conn: Connection, bytes: Uint8Array, readyCount: number): void {
    conn.chain = conn.chain.then(
      () =>
        new Promise<void>((done) => {
          if (conn.closed) return done()
          this.#queue.push({ conn, bytes, readyCount, done })
          void this.#pump()
        }),
    )
  }

  /** Runs queued batches; inside a transaction only the owner's batches are eligible. */
  async #pump(): Promise<void> {
    if (this.#pumping) return
    this.#pumping = true
    try {
      for (;;) {
        const i = this.#owner ? this.#queue.findIndex((b) => b.conn === this.#owner) : 0
        if (i < 0 || this.#queue.length === 0) return
        const [batch] = this.#queue.splice(i, 1)
        const { conn, bytes, readyCount, done } = batch!
        try {
          const out = await this.#db.runExclusive(() => this.#db.execProtocolRaw(bytes))
          if (conn.socket.writable) conn.socket.write(limitReadyForQuery(out, readyCount))
        } catch (err) {
          // A query's own error comes back inside `out`; this is the engine failing, and the
          // client, which no longer knows where its protocol stands, is disconnected.
          this.#log(`embedded PostGIS: a batch of connection ${conn.statementPrefix.slice(0, -1)} failed (${(err as Error).message}); that connection is closed`)
          conn.socket.destroy()
        }
        this.#owner = this.#inTransaction() ? conn : undefined
        // The client died while its batch ran (a crash mid-transaction): nobody will end it.
        if (conn.closed && this.#owner === conn) await this.#rollback()
        if (!this.#owner) await this.#deallocate()
        done()
      }
    } finally {
      this.#pumping = false
    }
  }

  /** Whether the engine holds an open transaction; false once it has failed and can no longer say. */
  #inTransaction(): boolean {
    try {
      return this.#db.isInTransaction()
    } catch {
      // Expected after the engine failed a batch, which was logged then; nothing runs on it anymore.
      return false
    }
  }

  /**
   * A closed connection gives up its place; an open transaction of it is rolled back, and its
   * named statements are deallocated.
   */
  async #release(conn: Connection): Promise<void> {
    conn.closed = true
    for (let i = this.#queue.length - 1; i >= 0; i--) if (this.#queue[i]!.conn === conn) this.#queue.splice(i, 1)[0]!.done()
    // While one of its batches runs, #pump rolls back when that batch ends.
    if (this.#owner === conn && !this.#pumping) {
      await this.#rollback()
      void this.#pump()
    }
    this.#unused.push(...conn.statements)
    if (!this.#pumping && !this.#owner) await this.#deallocate()
  }

  /**
   * Deallocates the statements of closed connections. Only between transactions: an error
   * inside another connection's transaction would abort it.
   */
  async #deallocate(): Promise<void> {
    // Closing with the engine (shutdown): their session is gone with them.
    if (this.#db.closed) {
      this.#unused.length = 0
      return
    }
    for (const name of this.#unused.splice(0)) {
      await this.#db.exec(`DEALLOCATE "${name.replaceAll('"', '""')}"`).catch((err: { code?: string; message?: string }) => {
        // Expected: a statement whose Parse failed, or that its client closed, does not exist.
        if (err.code !== INVALID_STATEMENT_NAME) this.#log(`embedded PostGIS: deallocating ${name} failed (${err.message}); it stays until the engine restarts`)
      })
    }
  }

  async #rollback(): Promise<void> {
    // `exec` takes PGlite's query lock itself; inside `runExclusive` it would wait for itself.
    // Without a transaction open, ROLLBACK only warns; an error here is the engine's own.
    await this.#db.exec('ROLLBACK').catch((err: Error) => this.#log(`embedded PostGIS: rolling back a closed connection's transaction failed (${err.message})`))
    this.#owner = undefined
  }
}
