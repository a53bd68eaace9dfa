import { spawn } from 'node:child_process'
import { join } from 'node:path'
import pg from 'pg'
import { BackupRefused } from './backup-refused.ts'

/** The PostgreSQL part of a backup: `pg_dump --format=custom` of the whole database. */
export const POSTGRES_DUMP = 'database.pgdump'

/**
 * The URL without its password, and the password for `PGPASSWORD`: the client tools get it
 * through their environment, not their arguments, which every user of the machine can read.
 */
function clientConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  // Not through `URL`: `postgres://user@/db?host=/run/postgresql` (a unix socket) has no host it accepts.
  const inline = /^(postgres(?:ql)?:\/\/[^:@/]*):([^@/]*)@/.exec(databaseUrl)
  let url = inline ? `${inline[1]}@${databaseUrl.slice(inline[0].length)}` : databaseUrl
  let password = inline ? decodeURIComponent(inline[2]!) : undefined
  const query = /([?&])password=([^&]*)&?/.exec(url)
  if (query) {
    password = decodeURIComponent(query[2]!)
    url = url.slice(0, query.index) + (query[0].endsWith('&') ? query[1] : '') + url.slice(query.index + query[0].length)
  }
  return { url, env: { ...process.env, ...(password && { PGPASSWORD: password }) } }
}

/** Runs a PostgreSQL client tool; its error output becomes the error's message. */
function runClientTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new BackupRefused(`${tool} is not installed: install the PostgreSQL client tools (Debian: postgresql-client-15)`) : err),
    )
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}): ${errors.trim()}`))))
  })
}

async function withClient<T>(databaseUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl })
  // Without a listener, a server that goes away (a restart) ends the process with an unhandled
  // 'error'; the query in progress fails with that error and is reported by the caller.
  client.on('error', () => {})
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** The latest migration applied to the database at `databaseUrl`. */
export function postgresSchemaVersion(databaseUrl: string): Promise<string> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ name: string | null }>('SELECT max(name) AS name FROM schema_migrations')
    return rows[0]?.name ?? 'none'
  })
}

/**
 * How many tables, views and sequences the database holds outside PostgreSQL's own schemas and
 * its extensions (PostGIS's `spatial_ref_sys` does not count): 0 for an empty database.
 */
export function postgresObjectCount(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ n: number }>(`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
         AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`)
    return rows[0]!.n
  })
}

/** Dumps the whole database (every schema, run-time layer tables included) with `pg_dump -Fc`. */
export async function dumpPostgres(databaseUrl: string, backupDir: string): Promise<void> {
  const { url, env } = clientConnection(databaseUrl)
  await runClientTool('pg_dump', ['--format=custom', `--file=${join(backupDir, POSTGRES_DUMP)}`, `--dbname=${url}`], env)
}

/**
 * Restores the dump into the database at `databaseUrl` in one transaction (all or nothing),
 * objects owned by the connecting role. PostGIS must be installed on the server; the dump
 * creates the extension. With `replace`, the `public` schema is dropped first (with the
 * extension in it), so that no table of the old database survives next to the restored ones.
 */
export async function restorePostgres(backupDir: string, databaseUrl: string, replace: boolean): Promise<void> {
  if (replace) {
    await withClient(databaseUrl, (client) => client.query('BEGIN; DROP SCHEMA public CASCADE; CREATE SCHEMA public; COMMIT'))
  }
  const { url, env } = clientConnection(databaseUrl)
  await runClientTool('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${url}`, join(backupDir, POSTGRES_DUMP)], env)
}
