import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { EmbeddedDatabaseInUse, lockEmbeddedDatabase } from './embedded-lock.ts'

const folder = () => mkdtempSync(join(tmpdir(), 'hromada-lock-'))

describe('the lock of an embedded data folder', () => {
  it('refuses a second holder while the first has it, and is free again once released', async () => {
    const dir = folder()
    const lock = await lockEmbeddedDatabase(dir)
    await expect(lockEmbeddedDatabase(dir)).rejects.toThrow(EmbeddedDatabaseInUse)
    await lock.release()
    const again = await lockEmbeddedDatabase(dir)
    await again.release()
  })

  it('refuses a folder whose lock names another live process', async () => {
    const dir = folder()
    // The parent of this process is alive for the whole test.
    writeFileSync(join(dir, 'pglite.lock'), `${process.ppid}\n`)
    await expect(lockEmbeddedDatabase(dir)).rejects.toThrow(`in use by process ${process.ppid}`)
  })

  it('takes over a lock left by a process that has died', async () => {
    const dir = folder()
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
    writeFileSync(join(dir, 'pglite.lock'), `${dead} 1\n`)
    const lock = await lockEmbeddedDatabase(dir)
    expect(readFileSync(join(dir, 'pglite.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} `))
    await lock.release()
  })
})
