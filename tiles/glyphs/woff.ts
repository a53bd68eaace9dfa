import { inflateSync } from 'node:zlib'

const WOFF = 0x774f4646 // 'wOFF'
const WOFF_HEADER = 44
const WOFF_ENTRY = 20
const SFNT_HEADER = 12
const SFNT_ENTRY = 16

/**
 * A WOFF 1.0 font unwrapped to the plain OpenType/TrueType file it packs
 * (https://www.w3.org/TR/WOFF/): each table inflated once. fontkit reads WOFF too, but inflates
 * a table again for every glyph it reads from it, which made drawing a range seconds slower.
 * Any other font is returned as it is.
 */
export function woffToSfnt(font: Buffer): Buffer {
  if (font.length < WOFF_HEADER || font.readUInt32BE(0) !== WOFF) return font
  const flavor = font.readUInt32BE(4)
  const count = font.readUInt16BE(12)
  const tables = Array.from({ length: count }, (_, i) => {
    const at = WOFF_HEADER + i * WOFF_ENTRY
    const offset = font.readUInt32BE(at + 4)
    const compressed = font.readUInt32BE(at + 8)
    const length = font.readUInt32BE(at + 12)
    const stored = font.subarray(offset, offset + compressed)
    return { tag: font.readUInt32BE(at), checksum: font.readUInt32BE(at + 16), data: compressed < length ? inflateSync(stored) : stored }
  })
  const directory = SFNT_HEADER + count * SFNT_ENTRY
  const size = tables.reduce((sum, t) => sum + ((t.data.length + 3) & ~3), directory)
  const out = Buffer.alloc(size)
  const power = 2 ** Math.floor(Math.log2(count))
  out.writeUInt32BE(flavor, 0)
  out.writeUInt16BE(count, 4)
  out.writeUInt16BE(power * 16, 6)
  out.writeUInt16BE(Math.log2(power), 8)
  out.writeUInt16BE(count * 16 - power * 16, 10)
  let offset = directory
  tables.forEach((t, i) => {
    const at = SFNT_HEADER + i * SFNT_ENTRY
    out.writeUInt32BE(t.tag, at)
    out.writeUInt32BE(t.checksum, at + 4)
    out.writeUInt32BE(offset, at + 8)
    out.writeUInt32BE(t.data.length, at + 12)
    t.data.copy(out, offset)
    offset += (t.data.length + 3) & ~3
  })
  return out
}
