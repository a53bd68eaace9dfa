import { PbfReader, PbfWriter } from 'pbf'

/**
 * One glyph of a range as MapLibre reads it (`glyphs.proto` of mapbox/node-fontnik): a signed
 * distance field of `(width + 6) × (height + 6)` bytes, rows top first, and its metrics in
 * pixels of 24 px text. A glyph without ink (a space) has no bitmap and zero size.
 */
export interface Glyph {
  id: number
  bitmap: Uint8Array
  width: number
  height: number
  left: number
  /** The top of the ink relative to the line's top: its height above the baseline less the ascender. */
  top: number
  advance: number
}

/** One fontstack's glyphs of one range of 256 code points: `name` is the stack, `range` `"start-end"`. */
export interface GlyphRange {
  name: string
  range: string
  glyphs: Glyph[]
}

// Field numbers of glyphs.proto: glyphs { stacks = 1 }, fontstack { name = 1, range = 2, glyphs = 3 },
// glyph { id = 1, bitmap = 2, width = 3, height = 4, left = 5 (sint32), top = 6 (sint32), advance = 7 }.
function writeGlyph(glyph: Glyph, pbf: PbfWriter): void {
  pbf.writeVarintField(1, glyph.id)
  if (glyph.bitmap.length) pbf.writeBytesField(2, glyph.bitmap)
  pbf.writeVarintField(3, glyph.width)
  pbf.writeVarintField(4, glyph.height)
  pbf.writeSVarintField(5, glyph.left)
  pbf.writeSVarintField(6, glyph.top)
  pbf.writeVarintField(7, glyph.advance)
}

function writeStack(stack: GlyphRange, pbf: PbfWriter): void {
  pbf.writeStringField(1, stack.name)
  pbf.writeStringField(2, stack.range)
  for (const glyph of stack.glyphs) pbf.writeMessage(3, writeGlyph, glyph)
}

/** Encodes a range as the glyph PBF MapLibre GL JS, MapLibre Native and QGIS fetch from a style's `glyphs` URL. */
export function encodeGlyphRange(range: GlyphRange): Uint8Array {
  const pbf = new PbfWriter()
  pbf.writeMessage(1, writeStack, range)
  return pbf.finish()
}

/**
 * Reads a glyph PBF (the first fontstack in it; a composited file names several stacks in one).
 * Fields it does not know are skipped, as the format allows extensions.
 */
export function decodeGlyphRange(bytes: Uint8Array): GlyphRange {
  const stacks = new PbfReader(bytes).readFields<GlyphRange[]>((tag, found, pbf) => {
    if (tag === 1) found.push(pbf.readMessage(readStack, { name: '', range: '', glyphs: [] }))
  }, [])
  return stacks[0] ?? { name: '', range: '', glyphs: [] }
}

function readStack(tag: number, stack: GlyphRange, pbf: PbfReader): void {
  if (tag === 1) stack.name = pbf.readString()
  else if (tag === 2) stack.range = pbf.readString()
  else if (tag === 3) stack.glyphs.push(pbf.readMessage(readGlyph, { id: 0, bitmap: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0, advance: 0 }))
}

function readGlyph(tag: number, glyph: Glyph, pbf: PbfReader): void {
  if (tag === 1) glyph.id = pbf.readVarint()
  else if (tag === 2) glyph.bitmap = pbf.readBytes()
  else if (tag === 3) glyph.width = pbf.readVarint()
  else if (tag === 4) glyph.height = pbf.readVarint()
  else if (tag === 5) glyph.left = pbf.readSVarint()
  else if (tag === 6) glyph.top = pbf.readSVarint()
  else if (tag === 7) glyph.advance = pbf.readVarint()
}
