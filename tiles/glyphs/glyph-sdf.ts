import type { Font, Glyph as FontGlyph } from 'fontkit'
import type { Glyph } from './glyph-pbf.ts'

/** Text size the glyphs are drawn at: MapLibre scales them from 24 px. */
export const GLYPH_SIZE = 24
/** Pixels of distance field around each glyph's ink, which MapLibre expects on every side. */
export const GLYPH_BUFFER = 3
// How far the field reaches (px) and where the edge sits in a byte: MapLibre's shaders read the
// outline at 192/256 and one pixel as 32 steps (node-fontnik's `radius` 8 and `cutoff` 0.25).
const RADIUS = 8
const CUTOFF = 0.25
// A curve is cut into straight pieces of about a pixel (at most 8): at 24 px a piece's sag
// is a small fraction of a pixel, below what the field's edge can show.
const MAX_CURVE_STEPS = 8

/** Pieces for a curve through `points` (x, y pairs): one per pixel of its control polygon. */
function curveSteps(points: number[]): number {
  let length = 0
  for (let i = 2; i < points.length; i += 2) length += Math.hypot(points[i]! - points[i - 2]!, points[i + 1]! - points[i - 1]!)
  return Math.max(1, Math.min(MAX_CURVE_STEPS, Math.ceil(length)))
}

/** Line segments of a glyph's outline, in pixels with y up: x1, y1, x2, y2 for each. */
type Segments = number[]

function outlineSegments(glyph: FontGlyph, scale: number): Segments {
  const out: Segments = []
  let x = 0
  let y = 0
  let startX = 0
  let startY = 0
  const lineTo = (nx: number, ny: number) => {
    if (nx !== x || ny !== y) out.push(x, y, nx, ny)
    x = nx
    y = ny
  }
  for (const { command, args } of glyph.path.commands) {
    const a = args.map((v) => v * scale)
    if (command === 'moveTo') {
      lineTo(startX, startY)
      x = startX = a[0]!
      y = startY = a[1]!
    } else if (command === 'lineTo') {
      lineTo(a[0]!, a[1]!)
    } else if (command === 'quadraticCurveTo') {
      const [x0, y0] = [x, y]
      const steps = curveSteps([x0, y0, ...a])
      for (let i = 1; i <= steps; i++) {
        const t = i / steps
        const u = 1 - t
        lineTo(u * u * x0 + 2 * u * t * a[0]! + t * t * a[2]!, u * u * y0 + 2 * u * t * a[1]! + t * t * a[3]!)
      }
    } else if (command === 'bezierCurveTo') {
      const [x0, y0] = [x, y]
      const steps = curveSteps([x0, y0, ...a])
      for (let i = 1; i <= steps; i++) {
        const t = i / steps
        const u = 1 - t
        lineTo(
          u * u * u * x0 + 3 * u * u * t * a[0]! + 3 * u * t * t * a[2]! + t * t * t * a[4]!,
          u * u * u * y0 + 3 * u * u * t * a[1]! + 3 * u * t * t * a[3]! + t * t * t * a[5]!,
        )
      }
    } else if (command === 'closePath') {
      lineTo(startX, startY)
    }
  }
  lineTo(startX, startY)
  return out
}

/**
 * Signed distance from (px, py) to the outline, negative inside. Inside is decided by the
 * non-zero winding rule, as fonts fill their outlines: contours of a static instance of a
 * variable font may overlap, where even-odd would punch holes.
 */
function signedDistance(segments: Segments, px: number, py: number): number {
  let best = Infinity
  let winding = 0
  for (let i = 0; i < segments.length; i += 4) {
    const x1 = segments[i]!
    const y1 = segments[i + 1]!
    const x2 = segments[i + 2]!
    const y2 = segments[i + 3]!
    const dx = x2 - x1
    const dy = y2 - y1
    const length2 = dx * dx + dy * dy
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / length2))
    const ex = x1 + t * dx - px
    const ey = y1 + t * dy - py
    const d2 = ex * ex + ey * ey
    if (d2 < best) best = d2
    // Crossings of the horizontal ray to the right of the point, signed by the edge's direction.
    if (y1 <= py ? y2 > py : y2 <= py) {
      const side = dx * (py - y1) - (px - x1) * dy
      if (y1 <= py && side > 0) winding++
      else if (y1 > py && side < 0) winding--
    }
  }
  const distance = Math.sqrt(best)
  return winding !== 0 ? -distance : distance
}

/**
 * One glyph of `font` drawn as MapLibre's signed distance field at 24 px, with the metrics
 * MapLibre lays text out by (node-fontnik's: the ink box rounded to whole pixels, its top
 * measured from the line's top by the font's ascender). A glyph without ink gets its advance alone.
 */
export function renderGlyph(font: Font, id: number): Glyph {
  const source = font.glyphForCodePoint(id)
  const scale = GLYPH_SIZE / font.unitsPerEm
  const advance = Math.round(source.advanceWidth * scale)
  const ascender = Math.ceil(font.ascent * scale)
  const segments = outlineSegments(source, scale)
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (let i = 0; i < segments.length; i += 2) {
    minX = Math.min(minX, segments[i]!)
    maxX = Math.max(maxX, segments[i]!)
    minY = Math.min(minY, segments[i + 1]!)
    maxY = Math.max(maxY, segments[i + 1]!)
  }
  const left = Math.round(minX)
  const bottom = Math.round(minY)
  const width = Math.round(maxX) - left
  const height = Math.round(maxY) - bottom
  if (!segments.length || width <= 0 || height <= 0) return { id, bitmap: new Uint8Array(0), width: 0, height: 0, left: 0, top: -ascender, advance }
  const w = width + 2 * GLYPH_BUFFER
  const h = height + 2 * GLYPH_BUFFER
  const bitmap = new Uint8Array(w * h)
  for (let row = 0; row < h; row++) {
    // Rows go top first; the outline's y goes up.
    const py = bottom - GLYPH_BUFFER + (h - row - 1) + 0.5
    for (let col = 0; col < w; col++) {
      const px = left - GLYPH_BUFFER + col + 0.5
      const d = signedDistance(segments, px, py)
      bitmap[row * w + col] = 255 - Math.max(0, Math.min(255, Math.trunc((d / RADIUS + CUTOFF) * 256)))
    }
  }
  return { id, bitmap, width, height, left, top: Math.round(maxY) - ascender, advance }
}
