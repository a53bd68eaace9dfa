import { describe, expect, it } from 'vitest'
import { filterTar } from './postgis-bundle.ts'

/** A ustar entry: header (name, octal size, type) and the data padded to 512 bytes. */
function entry(name: string, data: string, type = '0'): Buffer {
  const header = Buffer.alloc(512)
  header.write(name, 0, 'latin1')
  header.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124, 'latin1')
  header.write(type, 156, 'latin1')
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512)
  body.write(data)
  return Buffer.concat([header, body])
}

function names(tar: Buffer): string[] {
  const out: string[] = []
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = tar.subarray(off, off + 512)
    if (h.every((b) => b === 0)) break
    const size = Number.parseInt(h.subarray(124, 136).toString('latin1').replace(/\0.*$/s, ''), 8)
    out.push(h.subarray(0, 100).toString('latin1').replace(/\0.*$/s, ''))
    off += 512 + Math.ceil(size / 512) * 512
  }
  return out
}

describe('filterTar', () => {
  const tar = Buffer.concat([
    entry('lib/keep.so', 'x'.repeat(700)),
    entry('lib/drop.so', 'y'.repeat(10)),
    entry('share/link.sql', '', '2'),
    entry('share/keep.sql', 'CREATE …'),
    Buffer.alloc(1024),
  ])

  it('keeps the chosen files with their data and drops the rest and every link', () => {
    const kept = filterTar(tar, (n) => n.includes('keep') || n.includes('link'))
    expect(names(kept)).toEqual(['lib/keep.so', 'share/keep.sql'])
    expect(kept.subarray(512, 512 + 700).toString()).toBe('x'.repeat(700))
  })

  it('ends the archive with two empty blocks', () => {
    const kept = filterTar(tar, () => false)
    expect(kept.length).toBe(1024)
    expect(kept.every((b) => b === 0)).toBe(true)
  })
})
