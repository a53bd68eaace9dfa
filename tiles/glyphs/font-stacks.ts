import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { create, type Font } from 'fontkit'
import { encodeGlyphRange, type Glyph } from './glyph-pbf.ts'
import { renderGlyph } from './glyph-sdf.ts'
import { woffToSfnt } from './woff.ts'

/** The font stack every label of our styles names in `text-font`: the page's own Noto Sans, at 400. */
export const LABEL_FONT_STACK = 'Noto Sans Regular'

// @fontsource ships Noto Sans cut into Unicode subsets, one file each; a stack is their union,
// the first file that has a code point drawing it (Latin, then Cyrillic: Ukrainian, № and ₴ are there).
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext']
const FILES: Readonly<Record<string, readonly string[]>> = {
  [LABEL_FONT_STACK]: SUBSETS.map((subset) => `@fontsource/noto-sans/files/noto-sans-${subset}-400-normal.woff`),
}

/** The font stacks served, by name. */
export const FONT_STACKS: readonly string[] = Object.keys(FILES)

/** The highest code point a glyph range may start at: MapLibre asks in ranges of 256 up to U+FFFF. */
const LAST_RANGE = 65280

const require = createRequire(import.meta.url)
const faces = new Map<string, Font[]>()

/** The faces of a stack, opened once; undefined for a stack we do not have. */
function facesOf(stack: string): Font[] | undefined {
  const files = Object.hasOwn(FILES, stack) ? FILES[stack] : undefined
  if (!files) return undefined
  let opened = faces.get(stack)
  if (!opened) {
    opened = files.map((file) => create(woffToSfnt(readFileSync(require.resolve(file)))) as Font)
    faces.set(stack, opened)
  }
  return opened
}

/** The code points of a stack in the range from `start`, each with the face that draws it. */
function codePointsIn(stack: string, start: number): Array<[number, Font]> {
  const stackFaces = facesOf(stack) ?? []
  const found: Array<[number, Font]> = []
  for (let id = start; id < start + 256; id++) {
    const face = stackFaces.find((f) => f.hasGlyphForCodePoint(id))
    if (face) found.push([id, face])
  }
  return found
}

/** The starts of the ranges of 256 in which a stack has glyphs (empty for a stack we do not have). */
export function glyphRangesOf(stack: string): readonly number[] {
  const faces = facesOf(stack)
  if (!faces) return []
  let ranges = rangesOf.get(stack)
  if (!ranges) {
    const starts = new Set<number>()
    for (const face of faces) for (const id of face.characterSet) if (id <= LAST_RANGE + 255) starts.add(id - (id % 256))
    ranges = [...starts].sort((a, b) => a - b)
    rangesOf.set(stack, ranges)
  }
  return ranges
}

const rangesOf = new Map<string, readonly number[]>()

/**
 * The glyph PBF of one range (`start` a multiple of 256, the range `start`–`start+255`) of a
 * stack: every glyph the stack has there, drawn as a signed distance field. Undefined for a
 * stack we do not have, a start that is not a range's, or a range without a single glyph.
 */
export function buildGlyphRange(stack: string, start: number): Uint8Array | undefined {
  if (!Number.isInteger(start) || start < 0 || start > LAST_RANGE || start % 256 !== 0) return undefined
  const points = codePointsIn(stack, start)
  if (!points.length) return undefined
  const glyphs: Glyph[] = points.map(([id, face]) => renderGlyph(face, id))
  return encodeGlyphRange({ name: stack, range: `${start}-${start + 255}`, glyphs })
}
