import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { BackupRefused } from './backup-refused.ts'

/** The manifest's name in a backup folder; written last, so a folder without it is no backup. */
export const MANIFEST_FILE = 'manifest.json'

/**
 * The files a backup may hold: the embedded engine's data folder as a tarball, a PostgreSQL
 * custom-format dump, and committed photos as the photo store names them. Anything else in a
 * manifest (`../`, an absolute path) is refused.
 */
const BACKUP_PATH = /^(pglite\.tar\.gz|database\.pgdump|photos\/[0-9a-f-]{36}(\.thumb)?\.jpg)$/

const BackupFile = z.object({
  path: z.string().regex(BACKUP_PATH),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

const Manifest = z.object({
  format: z.literal('hromada-backup/1'),
  engine: z.enum(['embedded', 'postgres']),
  /** The latest migration applied to the database, e.g. `009_tiles_by_layer.sql`. */
  schema_version: z.string(),
  created_at: z.string(),
  app_version: z.string(),
  files: z.array(BackupFile),
})

/** One file of a backup: its path inside the backup folder, size in bytes and SHA-256 (hex). */
export type BackupFile = z.infer<typeof BackupFile>
/** `manifest.json` of a backup folder. */
export type BackupManifest = z.infer<typeof Manifest>

/** Size and SHA-256 of a file, read as a stream (a dump may be large). */
export async function describeFile(dir: string, path: string): Promise<BackupFile> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(join(dir, path))) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { path, size, sha256: hash.digest('hex') }
}

/** Writes the manifest (last, so that its presence marks a complete backup). */
export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
}

/**
 * Reads the manifest of the backup in `dir` and checks every file it lists against its size
 * and SHA-256, before anything is restored. Files the manifest does not list are never used.
 * @throws BackupRefused naming the first file that is missing or differs, or a malformed manifest.
 */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new BackupRefused(err.code === 'ENOENT' ? `${dir} holds no ${MANIFEST_FILE}: it is not a backup, or an unfinished one` : `${MANIFEST_FILE}: ${err.message}`)
  })
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new BackupRefused(`${MANIFEST_FILE} is not JSON: the backup is damaged`)
  }
  const result = Manifest.safeParse(parsed)
  if (!result.success) throw new BackupRefused(`${MANIFEST_FILE} is not a backup manifest: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const manifest = result.data
  const paths = new Set<string>()
  for (const file of manifest.files) {
    if (paths.has(file.path)) throw new BackupRefused(`${MANIFEST_FILE} lists ${file.path} twice`)
    paths.add(file.path)
    const info = await stat(join(dir, file.path)).catch(() => undefined)
    if (!info?.isFile()) throw new BackupRefused(`${file.path}: listed in the manifest but missing from the backup`)
    if (info.size !== file.size) throw new BackupRefused(`${file.path}: ${info.size} bytes where the manifest says ${file.size}; the backup is damaged or was changed`)
    const actual = await describeFile(dir, file.path)
    if (actual.sha256 !== file.sha256) throw new BackupRefused(`${file.path}: its SHA-256 differs from the manifest's; the backup is damaged or was changed`)
  }
  return manifest
}
