import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildGlyphRange, decodeGlyphRange, GLYPH_BUFFER, GlyphStore, glyphRangesOf, LABEL_FONT_STACK, writeGlyphFiles } from './index.ts'

const out = mkdtempSync(join(tmpdir(), 'glyphs-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

const codePoints = (text: string) => [...text].map((ch) => ch.codePointAt(0)!)

describe('a glyph range of the label font', () => {
  it('holds the Ukrainian letters ґ є і ї in the Cyrillic range, each a signed distance field of its buffered box', () => {
    const range = decodeGlyphRange(buildGlyphRange(LABEL_FONT_STACK, 1024)!)
    expect(range).toMatchObject({ name: LABEL_FONT_STACK, range: '1024-1279' })
    for (const id of codePoints('ґєіїҐЄІЇ')) {
      const glyph = range.glyphs.find((g) => g.id === id)
      expect(glyph, String.fromCodePoint(id)).toBeDefined()
      expect(glyph!.width).toBeGreaterThan(0)
      expect(glyph!.bitmap.length).toBe((glyph!.width + 2 * GLYPH_BUFFER) * (glyph!.height + 2 * GLYPH_BUFFER))
    }
  })

  it('draws a glyph inside its outline and fades to nothing outside it', () => {
    const range = decodeGlyphRange(buildGlyphRange(LABEL_FONT_STACK, 0)!)
    const l = range.glyphs.find((g) => g.id === 'l'.codePointAt(0))!
    const stride = l.width + 2 * GLYPH_BUFFER
    const row = Math.floor((l.height + 2 * GLYPH_BUFFER) / 2)
    const values = Array.from(l.bitmap.subarray(row * stride, (row + 1) * stride))
    // The stem of an `l` crosses the middle row: inside is above MapLibre's edge (192), the box's sides below it.
    expect(Math.max(...values)).toBeGreaterThan(192)
    expect(values[0]).toBeLessThan(192)
    expect(values[stride - 1]).toBeLessThan(192)
    // A baseline glyph's top is its height above the baseline less the font's ascender (24 px text).
    expect(l.top).toBeLessThan(0)
    expect(l.advance).toBeGreaterThan(0)
  })

  it('keeps a space as a glyph with an advance and no bitmap', () => {
    const space = decodeGlyphRange(buildGlyphRange(LABEL_FONT_STACK, 0)!).glyphs.find((g) => g.id === 32)!
    expect(space).toMatchObject({ width: 0, height: 0 })
    expect(space.bitmap.length).toBe(0)
    expect(space.advance).toBeGreaterThan(0)
  })

  it('has dashes and quotes, and the numero sign', () => {
    const punctuation = decodeGlyphRange(buildGlyphRange(LABEL_FONT_STACK, 8192)!).glyphs.map((g) => g.id)
    expect(punctuation).toEqual(expect.arrayContaining(codePoints('–—‘’“”„…')))
    expect(decodeGlyphRange(buildGlyphRange(LABEL_FONT_STACK, 8448)!).glyphs.map((g) => g.id)).toContain(0x2116)
  })

  it('is undefined for a stack it does not have and for a range the font has nothing in', () => {
    expect(buildGlyphRange('Comic Sans Regular', 0)).toBeUndefined()
    expect(buildGlyphRange(LABEL_FONT_STACK, 0x4e00)).toBeUndefined()
  })
})

describe('the glyph files of the build', () => {
  it('writes every range the font has glyphs in, in seconds, as MapLibre asks for them', () => {
    const started = Date.now()
    const written = writeGlyphFiles(out)
    expect(Date.now() - started).toBeLessThan(20_000)
    const ranges = glyphRangesOf(LABEL_FONT_STACK)
    expect(ranges).toEqual(expect.arrayContaining([0, 256, 1024, 8192, 8448]))
    expect(readdirSync(join(out, LABEL_FONT_STACK)).sort()).toEqual(ranges.map((start) => `${start}-${start + 255}.pbf`).sort())
    expect(written).toEqual({ [LABEL_FONT_STACK]: ranges.length })
  })

  it('are what the store serves, byte for byte, and the store builds a range the build did not write', async () => {
    const store = new GlyphStore(out)
    const file = readFileSync(join(out, LABEL_FONT_STACK, '1024-1279.pbf'))
    expect(Buffer.from((await store.range(LABEL_FONT_STACK, 1024))!.body)).toEqual(file)
    const unbuilt = new GlyphStore(join(out, 'nothing-here'))
    expect(Buffer.from((await unbuilt.range(LABEL_FONT_STACK, 1024))!.body)).toEqual(file)
    expect(await store.range(LABEL_FONT_STACK, 0x4e00)).toBeUndefined()
    expect(await store.range('../../etc', 0)).toBeUndefined()
  })
})
