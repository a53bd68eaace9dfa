import { chmod, mkdir, stat } from 'node:fs/promises'
import type { Log } from './http/index.ts'

/**
 * Makes the data folder (`HROMADA_DATA_DIR`) private to the service's user: it holds the
 * embedded database's files, residents' photos and, without SMTP, their mail, so nobody else
 * on the machine may read it. Created with mode 0700; an existing folder of ours is set to
 * 0700; one of another user is left as it is, with a warning in the log.
 */
export async function preparePrivateDataDir(dir: string, log: Log): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const info = await stat(dir)
  if ((info.mode & 0o077) === 0) return
  if (process.getuid && info.uid !== process.getuid()) {
    log(`the data folder ${dir} belongs to another user and others may read it; make it mode 0700`, { level: 'warn' })
    return
  }
  await chmod(dir, 0o700)
  log(`the data folder ${dir} was readable by others; it is now mode 0700`)
}
