import { chmod, mkdir, readdir, readFile } from 'node:fs/promises'
import { BackupRefused } from './backup-refused.ts'
import { dumpEmbedded, EMBEDDED_DUMP, hasEmbeddedCluster, lockForBackup, restoreEmbedded } from './embedded-dump.ts'
import { describeFile, verifyBackup, writeManifest, type BackupManifest } from './manifest.ts'
import { backUpPhotos, committedPhotos, restorePhotos } from './photo-copy.ts'
import { dumpPostgres, POSTGRES_DUMP, postgresObjectCount, postgresSchemaVersion, restorePostgres } from './postgres-dump.ts'

/** The installation a backup is taken from or restored into. */
export interface Installation {
  /** PostgreSQL + PostGIS; unset → the embedded engine in `dataDir`. */
  databaseUrl?: string | undefined
  /** `HROMADA_DATA_DIR`: the embedded database (`pglite/`) and the photos (`uploads/photos`). */
  dataDir: string
  log: (line: string) => void
}

const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url)

async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}

/** The latest migration this version of the app knows. */
async function latestMigration(): Promise<string> {
  return (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort().at(-1) ?? 'none'
}

async function isEmptyFolder(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return []
    throw err
  })
  return names.length === 0
}

/**
 * Backs up an installation into `backupDir` (new or empty): the database (embedded: PGlite's
 * tarball of its data folder, taken under the folder's lock, so the server must be stopped;
 * PostgreSQL: `pg_dump -Fc`, consistent while the app runs), the committed photos, and
 * `manifest.json` listing every file with its size and SHA-256, the engine, the schema
 * version, the time and the app version. Returns the manifest.
 * @throws BackupRefused when the folder holds something already, or the embedded server is running.
 */
export async function backupInstallation(backupDir: string, from: Installation): Promise<BackupManifest> {
  if (!(await isEmptyFolder(backupDir))) throw new BackupRefused(`${backupDir} is not empty: name a new folder for the backup`)
  const engine = from.databaseUrl ? 'postgres' : 'embedded'
  const lock = engine === 'embedded' ? await lockForBackup(from.dataDir) : undefined
  try {
    // It holds residents' personal data: only the owner may enter it.
    await mkdir(backupDir, { recursive: true, mode: 0o700 })
    await chmod(backupDir, 0o700)
    const createdAt = new Date().toISOString()
    let schemaVersion: string
    if (from.databaseUrl) {
      schemaVersion = await postgresSchemaVersion(from.databaseUrl)
      from.log(`backup: dumping the PostgreSQL database (schema ${schemaVersion})…`)
      await dumpPostgres(from.databaseUrl, backupDir)
    } else {
      from.log(`backup: dumping the embedded database in ${from.dataDir}…`)
      schemaVersion = await dumpEmbedded(from.dataDir, backupDir)
    }
    const database = await describeFile(backupDir, from.databaseUrl ? POSTGRES_DUMP : EMBEDDED_DUMP)
    const photos = await backUpPhotos(from.dataDir, backupDir, from.log)
    const manifest: BackupManifest = {
      format: 'hromada-backup/1',
      engine,
      schema_version: schemaVersion,
      created_at: createdAt,
      app_version: await appVersion(),
      files: [database, ...photos],
    }
    await writeManifest(backupDir, manifest)
    from.log(`backup: ${database.path} (${(database.size / 1e6).toFixed(1)} MB) and ${photos.length} photo files in ${backupDir}`)
    return manifest
  } finally {
    await lock?.release()
  }
}

/**
 * Restores the backup in `backupDir` into an installation. First checks every file against the
 * manifest, that the backup is of this engine and of a schema this app knows, and that the
 * target database and photo folder are empty (unless `force`): any refusal leaves everything as
 * it was. Then restores the database and then the photos. With `force`, an embedded database
 * and the photos that were there are kept beside the restored ones (`*.before-restore-<time>`);
 * a PostgreSQL database's `public` schema is dropped. The app must be stopped (the embedded
 * engine's lock proves it there). Returns the manifest.
 * @throws BackupRefused with what is wrong and what to do.
 */
export async function restoreInstallation(backupDir: string, into: Installation & { force: boolean }): Promise<BackupManifest> {
  const manifest = await verifyBackup(backupDir)
  const engine = into.databaseUrl ? 'postgres' : 'embedded'
  if (manifest.engine !== engine) {
    throw new BackupRefused(`this backup is of the ${manifest.engine} engine and the target is ${engine === 'postgres' ? 'PostgreSQL (DATABASE_URL is set)' : 'the embedded engine (DATABASE_URL is unset)'}`)
  }
  const known = await latestMigration()
  if (manifest.schema_version > known) throw new BackupRefused(`this backup's schema (${manifest.schema_version}) is newer than this app's (${known}): restore it with app version ${manifest.app_version} or later`)
  const lock = engine === 'embedded' ? await lockForBackup(into.dataDir) : undefined
  try {
    const databaseHolds = into.databaseUrl ? (await postgresObjectCount(into.databaseUrl)) > 0 : hasEmbeddedCluster(into.dataDir)
    const photosHeld = (await committedPhotos(into.dataDir)).length
    if ((databaseHolds || photosHeld > 0) && !into.force) {
      const what = [databaseHolds && 'the database holds data', photosHeld > 0 && `${photosHeld} photo files are in the photo folder`].filter(Boolean).join(' and ')
      throw new BackupRefused(`the target is not empty (${what}): restore into an empty installation, or pass --force to replace it`)
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    into.log(`restore: verified ${manifest.files.length} files of the ${manifest.engine} backup of ${manifest.created_at} (schema ${manifest.schema_version})`)
    if (into.databaseUrl) await restorePostgres(backupDir, into.databaseUrl, databaseHolds)
    else await restoreEmbedded(backupDir, into.dataDir, stamp, into.log)
    await restorePhotos(backupDir, manifest.files, into.dataDir, stamp, into.log)
    into.log(`restore: the database and ${manifest.files.length - 1} photo files are in place`)
    return manifest
  } finally {
    await lock?.release()
  }
}
