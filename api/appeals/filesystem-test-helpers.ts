/**
 * A small filesystem of a test's own (tmpfs), for storage faults as they really happen: a disk
 * that fills up and a folder that turns read-only. Mounting needs root (CI runs as root); where
 * it is not permitted, `mountTestFilesystem` says why and the tests that need it are skipped.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmdirSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A mounted tmpfs and the faults a test can put it in. */
export interface TestFilesystem {
  dir: string
  /** Writes a filler file so that only about `leaveBytes` stay free. */
  fill(leaveBytes: number): void
  /** Removes the filler file. */
  empty(): void
  readOnly(): void
  writable(): void
  unmount(): void
}

function mount(...args: string[]): void {
  execFileSync('mount', args, { stdio: 'pipe' })
}

/**
 * Mounts a tmpfs of `sizeKb` in a fresh temporary folder. Returns the reason as a string when
 * mounting is not permitted here (not root, or no `mount`).
 */
export function mountTestFilesystem(sizeKb: number): TestFilesystem | string {
  const dir = mkdtempSync(join(tmpdir(), 'hromada-tmpfs-'))
  try {
    mount('-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', dir)
  } catch (err) {
    rmdirSync(dir)
    return `mounting a tmpfs is not permitted here (${((err as { stderr?: Buffer }).stderr?.toString() || (err as Error).message).trim()})`
  }
  const filler = join(dir, 'filler')
  return {
    dir,
    fill(leaveBytes) {
      const { bavail, bsize } = statfsSync(dir)
      writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - leaveBytes)))
    },
    empty() {
      try {
        unlinkSync(filler)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      }
    },
    readOnly: () => mount('-o', 'remount,ro', dir),
    writable: () => mount('-o', 'remount,rw', dir),
    unmount() {
      execFileSync('umount', [dir], { stdio: 'pipe' })
      rmdirSync(dir)
    },
  }
}
