import { randomBytes } from 'node:crypto'
import { chmod, lstat, mkdir, open, readFile, unlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { EmbeddedWireServer } from './embedded-wire-server.ts'

/** Folder of the socket, inside the data folder; only its owner may enter it (0700). */
export const SOCKET_DIR = 'pglite-socket'
/** The installation's secret: the password of the embedded engine, readable by its owner only (0600). */
export const SECRET_FILE = 'pglite-secret'
/**
 * The port in the socket's name (`.s.PGSQL.5432`), PostgreSQL's default, so that
 * `psql -h <data folder>/pglite-socket` finds it. No TCP port is opened.
 */
const SOCKET_PORT = 5432
/** Longest unix socket path Linux accepts (`sun_path` is 108 bytes with its NUL). */
const SOCKET_PATH_LIMIT = 107

/** Where the wire server accepts connections. */
export type EmbeddedAddress = { socket: string } | { host: '127.0.0.1'; port: number }

/** The embedded engine as served to `pg`. */
export interface EmbeddedService {
  /** The URL the app connects with; it holds the secret, so it is never logged. */
  url: string
  address: EmbeddedAddress
  close(): Promise<void>
}

/**
 * The installation's secret, made on first use (32 random bytes as hex) in
 * `<dataDir>/pglite-secret` with mode 0600, and read at every later start. A file that others
 * may read is made private again first.
 */
export async function embeddedSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, SECRET_FILE)
  try {
    const file = await open(path, 'wx', 0o600)
    try {
      await file.writeFile(`${randomBytes(32).toString('hex')}\n`)
      await file.sync()
    } finally {
      await file.close()
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  const info = await lstat(path)
  if (!info.isFile()) throw new Error(`embedded PostGIS: ${path} is not a plain file`)
  if ((info.mode & 0o077) !== 0) await chmod(path, 0o600)
  const secret = (await readFile(path, 'utf8')).trim()
  if (!/^[0-9a-f]{64}$/.test(secret)) throw new Error(`embedded PostGIS: ${path} does not hold a secret; delete it to make a new one`)
  return secret
}

/** The socket path in `dataDir`, or undefined when it is too long for a unix socket. */
function socketPath(dataDir: string): string | undefined {
  const path = join(resolve(dataDir), SOCKET_DIR, `.s.PGSQL.${SOCKET_PORT}`)
  return Buffer.byteLength(path) <= SOCKET_PATH_LIMIT ? path : undefined
}

/** Makes the socket's folder private (0700, whatever the umask) and removes a socket left by a crash. */
async function prepareSocket(path: string): Promise<void> {
  const dir = join(path, '..')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const info = await lstat(dir)
  if (!info.isDirectory()) throw new Error(`embedded PostGIS: ${dir} is not a folder`)
  await chmod(dir, 0o700)
  // The caller holds the data folder's lock, so a socket file here is a dead server's.
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err
  })
}

/**
 * Serves `pglite` to clients that hold the installation's secret: on a unix socket in
 * `<dataDir>/pglite-socket` (mode 0700), or, when that path is longer than a socket path may be
 * or the file system has no sockets, on a free loopback port. The caller holds the data
 * folder's lock (`lockEmbeddedDatabase`).
 */
export async function serveEmbedded(pglite: PGlite, dataDir: string, log: (line: string) => void): Promise<EmbeddedService> {
  await mkdir(dataDir, { recursive: true })
  const secret = await embeddedSecret(dataDir)
  const path = socketPath(dataDir)
  const onSocket = path ? await listenOnSocket(pglite, secret, path, log) : undefined
  if (onSocket) return onSocket
  if (!path) log(`embedded PostGIS: the data folder's path is too long for a unix socket; serving on a loopback port with the installation's password`)
  const server = new EmbeddedWireServer(pglite, { secret, log })
  const port = await server.listen(0)
  return {
    url: `postgres://postgres:${secret}@127.0.0.1:${port}/postgres`,
    address: { host: '127.0.0.1', port },
    close: () => server.close(),
  }
}

async function listenOnSocket(pglite: PGlite, secret: string, path: string, log: (line: string) => void): Promise<EmbeddedService | undefined> {
  const server = new EmbeddedWireServer(pglite, { secret, log })
  try {
    await prepareSocket(path)
    await server.listenOnSocket(path)
    await chmod(path, 0o600)
  } catch (err) {
    log(`embedded PostGIS: no unix socket at ${path} (${(err as Error).message}); serving on a loopback port with the installation's password`)
    // Fails, as expected, when it never started listening (ERR_SERVER_NOT_RUNNING): nothing to close.
    await server.close().catch(() => undefined)
    return undefined
  }
  const dir = join(path, '..')
  return {
    url: `postgres://postgres:${secret}@localhost/postgres?host=${encodeURIComponent(dir)}&port=${SOCKET_PORT}`,
    address: { socket: path },
    close: () => server.close(),
  }
}
