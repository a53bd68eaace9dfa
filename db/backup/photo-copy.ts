import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { describeFile, type BackupFile } from './manifest.ts'

/** A committed photo or thumbnail as `DiskPhotoStore` names it; staged files (`pending/`) are never copied. */
const PHOTO_FILE = /^[0-9a-f-]{36}(\.thumb)?\.jpg$/

/** The committed photos of an installation: `<dataDir>/uploads/photos`. */
export function photosDir(dataDir: string): string {
  return join(dataDir, 'uploads', 'photos')
}

/** The committed photo files in `dataDir`, sorted; none when the folder does not exist yet. */
export async function committedPhotos(dataDir: string): Promise<string[]> {
  const names = await readdir(photosDir(dataDir)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return []
    throw err
  })
  return names.filter((n) => PHOTO_FILE.test(n)).sort()
}

/**
 * Copies the committed photos of `dataDir` into `backupDir/photos` and describes each copy.
 * A photo deleted while the copy runs (a redaction on a live PostgreSQL installation) is
 * left out with a log line: its row names the replacement.
 */
export async function backUpPhotos(dataDir: string, backupDir: string, log: (line: string) => void): Promise<BackupFile[]> {
  await mkdir(join(backupDir, 'photos'), { recursive: true })
  const files: BackupFile[] = []
  for (const name of await committedPhotos(dataDir)) {
    try {
      await copyFile(join(photosDir(dataDir), name), join(backupDir, 'photos', name))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      log(`backup: photo ${name} was removed while copying; left out`)
      continue
    }
    files.push(await describeFile(backupDir, `photos/${name}`))
  }
  return files
}

/**
 * Puts the backup's photos in place of `<dataDir>/uploads/photos`: copied into a folder
 * beside it, each copy checked against the manifest again, then swapped in by renaming. An
 * existing folder (restore with `--force`) is kept as `photos.before-restore-<stamp>`.
 */
export async function restorePhotos(backupDir: string, files: BackupFile[], dataDir: string, stamp: string, log: (line: string) => void): Promise<void> {
  const target = photosDir(dataDir)
  const staging = `${target}.restoring`
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  for (const file of files.filter((f) => f.path.startsWith('photos/'))) {
    const name = file.path.slice('photos/'.length)
    await copyFile(join(backupDir, file.path), join(staging, name))
    const copy = await describeFile(staging, name)
    if (copy.sha256 !== file.sha256) throw new Error(`photo ${name} changed while it was restored`)
  }
  const existing = await readdir(target).catch(() => undefined)
  if (existing) {
    const aside = `${target}.before-restore-${stamp}`
    await rename(target, aside)
    log(`restore: the photos that were there are kept in ${aside}`)
  }
  await rename(staging, target)
}
