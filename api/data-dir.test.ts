import { mkdirSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { preparePrivateDataDir } from './data-dir.ts'

const modeOf = (path: string) => statSync(path).mode & 0o777

describe('the data folder', () => {
  it('is created private to the service', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hromada-data-')), 'new', 'data')
    await preparePrivateDataDir(dir, () => {})
    expect(modeOf(dir)).toBe(0o700)
  })

  it('is made private when it was readable by others, and says so', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hromada-data-')), 'open')
    mkdirSync(dir, { mode: 0o755 })
    const lines: string[] = []
    await preparePrivateDataDir(dir, (msg) => lines.push(msg))
    expect(modeOf(dir)).toBe(0o700)
    expect(lines).toEqual([expect.stringContaining('now mode 0700')])
  })
})
