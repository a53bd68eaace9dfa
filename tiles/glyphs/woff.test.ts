import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { create, type Font } from 'fontkit'
import { describe, expect, it } from 'vitest'
import { woffToSfnt } from './woff.ts'

const require = createRequire(import.meta.url)
const file = (name: string) => readFileSync(require.resolve(name))

describe('a WOFF font unwrapped', () => {
  it.each(['latin', 'cyrillic'])('is the same font to fontkit as the %s WOFF it came from', (subset) => {
    const woff = file(`@fontsource/noto-sans/files/noto-sans-${subset}-400-normal.woff`)
    const packed = create(woff) as Font
    const plain = create(woffToSfnt(woff)) as Font
    expect(plain.type).toBe('TTF')
    expect(plain.numGlyphs).toBe(packed.numGlyphs)
    expect(plain.characterSet).toEqual(packed.characterSet)
    for (const ch of subset === 'latin' ? 'Kyiv&@' : 'ҐЄІЇЖ№') {
      const id = ch.codePointAt(0)!
      expect(plain.glyphForCodePoint(id).path.toSVG(), ch).toBe(packed.glyphForCodePoint(id).path.toSVG())
    }
  })

  it('leaves a font that is not WOFF as it is', () => {
    const ttf = file('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
    expect(woffToSfnt(ttf)).toBe(ttf)
  })
})
