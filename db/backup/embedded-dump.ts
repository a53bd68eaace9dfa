import { existsSync } from 'node:fs'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EmbeddedDatabaseInUse, type EmbeddedLock, lockEmbeddedDatabase, openEmbeddedPglite, PGLITE_DIR } from '../index.ts'
import { BackupRefused } from './backup-refused.ts'

/** The embedded engine's part of a backup: its data folder as PGlite's own gzip tarball. */
export const EMBEDDED_DUMP = 'pglite.tar.gz'

/** Whether `dataDir` holds an embedded cluster (PostgreSQL's `PG_VERSION` marks one). */
export function hasEmbeddedCluster(dataDir: string): boolean {
  return existsSync(join(dataDir, PGLITE_DIR, 'PG_VERSION'))
}

/**
 * Takes the data folder's lock for a backup or restore; a running server holds it.
 * @throws BackupRefused while a server (or another backup) has the database open.
 */
export async function lockForBackup(dataDir: string): Promise<EmbeddedLock> {
  try {
    return await lockEmbeddedDatabase(dataDir)
  } catch (err) {
    if (err instanceof EmbeddedDatabaseInUse) throw new BackupRefused(err.message)
    throw err
  }
}

/**
 * Writes the embedded database of `dataDir` to `backupDir/pglite.tar.gz` with PGlite's
 * `dumpDataDir` (the caller holds the lock, so no server writes meanwhile) and returns its
 * schema version (the latest migration applied).
 */
export async function dumpEmbedded(dataDir: string, backupDir: string): Promise<string> {
  if (!hasEmbeddedCluster(dataDir)) throw new BackupRefused(`${join(dataDir, PGLITE_DIR)} holds no embedded database: check HROMADA_DATA_DIR`)
  const pglite = await openEmbeddedPglite(dataDir)
  try {
    const version = await pglite.query<{ name: string | null }>('SELECT max(name) AS name FROM schema_migrations')
    const tarball = await pglite.dumpDataDir('gzip')
    await writeFile(join(backupDir, EMBEDDED_DUMP), Buffer.from(await tarball.arrayBuffer()))
    return version.rows[0]?.name ?? 'none'
  } finally {
    await pglite.close()
  }
}

/**
 * Makes `<dataDir>/pglite` from the backup's tarball: loaded by PGlite into a folder beside it,
 * opened and checked, then swapped in by renaming. An existing cluster (restore with
 * `--force`) is kept as `pglite.before-restore-<stamp>`. The caller holds the lock.
 */
export async function restoreEmbedded(backupDir: string, dataDir: string, stamp: string, log: (line: string) => void): Promise<void> {
  const staging = join(dataDir, `${PGLITE_DIR}.restoring`)
  await rm(staging, { recursive: true, force: true })
  const tarball = new File([await readFile(join(backupDir, EMBEDDED_DUMP))], EMBEDDED_DUMP, { type: 'application/gzip' })
  const pglite = await openEmbeddedPglite(dataDir, { clusterDir: staging, loadDataDir: tarball })
  try {
    await pglite.query('SELECT count(*) FROM schema_migrations')
  } finally {
    await pglite.close()
  }
  const target = join(dataDir, PGLITE_DIR)
  if (existsSync(target)) {
    const aside = `${target}.before-restore-${stamp}`
    await rename(target, aside)
    log(`restore: the embedded database that was there is kept in ${aside}`)
  }
  await rename(staging, target)
}
