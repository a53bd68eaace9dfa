/**
 * Glyphs for map labels: signed distance fields of the label font in MapLibre's glyph PBF,
 * written by the build and served at `/fonts/{fontstack}/{range}.pbf`, so MapLibre Native, QGIS
 * and any other client draws our styles' labels without the page's web fonts.
 */
export { decodeGlyphRange, encodeGlyphRange, type Glyph, type GlyphRange } from './glyph-pbf.ts'
export { GLYPH_BUFFER, GLYPH_SIZE } from './glyph-sdf.ts'
export { buildGlyphRange, FONT_STACKS, glyphRangesOf, LABEL_FONT_STACK } from './font-stacks.ts'
export { type GlyphFile, GlyphStore, GLYPHS_DIST, writeGlyphFiles } from './glyph-files.ts'
