/** Zips made byte by byte, for tests of what no polite tool writes. */
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'

/** One entry of a zip built by `buildZip`: the raw parts of its headers, so a test can make them lie. */
export interface ZipEntrySpec {
  /** A string is written as UTF-8 with bit 11 set; raw bytes are written as they are, without it. */
  name: string | Buffer
  data?: Buffer
  /** Already deflated data (with `size` and `crc` of the inflated bytes), for entries too big to hold. */
  deflated?: { bytes: Buffer; size: number; crc: number }
  method?: 0 | 8
  flags?: number
  /** Unix mode in the upper 16 bits, as Info-ZIP writes it. */
  unixMode?: number
  /** Overrides the uncompressed size written in both headers (a header that lies). */
  declaredSize?: number
}

/**
 * Writes a zip by the APPNOTE layout (local headers, data, central directory, end record), so a
 * test can make what no polite tool writes: traversal names, symlinks, encrypted flags, lying sizes.
 */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const utf8 = typeof entry.name === 'string'
    const name = utf8 ? Buffer.from(entry.name as string) : (entry.name as Buffer)
    const method = entry.deflated ? 8 : (entry.method ?? 8)
    const raw = entry.data ?? Buffer.alloc(0)
    const body = entry.deflated?.bytes ?? (method === 8 ? deflateRawSync(raw) : raw)
    const size = entry.declaredSize ?? entry.deflated?.size ?? raw.length
    const crc = entry.deflated?.crc ?? crc32(raw)
    const flags = (entry.flags ?? 0) | (utf8 ? 0x800 : 0)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(entry.unixMode === undefined ? 20 : (3 << 8) | 20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(flags, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(((entry.unixMode ?? 0) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** Deflates `megabytes` MB of zeros a megabyte at a time: the body of a zip bomb, never held whole. */
export async function deflatedZeros(megabytes: number): Promise<{ bytes: Buffer; size: number; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024)
  const deflate = createDeflateRaw({ level: 9 })
  const out: Buffer[] = []
  deflate.on('data', (b: Buffer) => out.push(b))
  const done = new Promise((resolve) => deflate.on('end', resolve))
  let crc = 0
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(chunk, crc)
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  deflate.end()
  await done
  return { bytes: Buffer.concat(out), size: megabytes * chunk.length, crc }
}
