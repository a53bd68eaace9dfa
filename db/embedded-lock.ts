import { readFileSync } from 'node:fs'
import { mkdir, open, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'

/** The lock file of an embedded data folder: the process that has its PGlite open. */
export const EMBEDDED_LOCK_FILE = 'pglite.lock'

/** Thrown when another live process has the embedded database of a data folder open. */
export class EmbeddedDatabaseInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the embedded database in ${dataDir} is in use by process ${pid}: stop the server first`)
    this.name = 'EmbeddedDatabaseInUse'
  }
}

/** A held lock; `release` removes the file. */
export interface EmbeddedLock {
  release(): Promise<void>
}

/** Lock files this process holds, so that it never takes its own twice. */
const held = new Set<string>()

/**
 * When the process started (clock ticks since boot, from `/proc`), so that a lock left by a
 * dead process whose number was given to another one is recognised as stale; undefined
 * where `/proc` is absent (then the number alone decides).
 */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 22; the command name (field 2) may hold spaces, so count from its closing bracket.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return undefined // no /proc here, or no such process: the liveness check below decides
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether the lock recorded as `text` still belongs to a running process other than a reused number. */
function holder(text: string): number | undefined {
  const [pidText, started] = text.trim().split(' ')
  const pid = Number(pidText)
  if (!Number.isSafeInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined
  if (started && startTime(pid) !== undefined && startTime(pid) !== started) return undefined
  return pid
}

/**
 * Takes the lock of the embedded database in `dataDir` (`<dataDir>/pglite.lock`, holding the
 * process id and start time). PGlite has no lock of its own, and two processes opening the
 * same folder would corrupt it; the backup also uses the lock to refuse a running server. A
 * lock left by a process that has died is taken over.
 * @throws EmbeddedDatabaseInUse when a live process holds it (this one included).
 */
export async function lockEmbeddedDatabase(dataDir: string): Promise<EmbeddedLock> {
  await mkdir(dataDir, { recursive: true })
  const path = join(dataDir, EMBEDDED_LOCK_FILE)
  if (held.has(path)) throw new EmbeddedDatabaseInUse(dataDir, process.pid)
  for (let attempt = 0; ; attempt++) {
    try {
      const file = await open(path, 'wx', 0o600)
      await file.writeFile(`${process.pid} ${startTime(process.pid) ?? ''}\n`)
      await file.close()
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw err
      const pid = holder(await readFile(path, 'utf8').catch(() => ''))
      if (pid !== undefined && pid !== process.pid) throw new EmbeddedDatabaseInUse(dataDir, pid)
      // Left by a process that is gone (or by an earlier life of this process number).
      await unlink(path).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e
      })
    }
  }
  held.add(path)
  return {
    async release() {
      if (!held.delete(path)) return
      await unlink(path).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e
      })
    },
  }
}
