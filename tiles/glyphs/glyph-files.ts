import { createHash } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildGlyphRange, FONT_STACKS, glyphRangesOf } from './font-stacks.ts'

/** Where the build writes the glyphs (`npm run build`), beside the web app's `dist/web`. */
export const GLYPHS_DIST = fileURLToPath(new URL('../../dist/fonts', import.meta.url))

/** A range's file name as MapLibre asks for it: `{start}-{end}.pbf`. */
const fileName = (start: number) => `${start}-${start + 255}.pbf`

/**
 * Writes every range of every stack we serve to `dir/{stack}/{start}-{end}.pbf` (default
 * `dist/fonts`), as the build does, in place of whatever `dir` held. Returns how many ranges
 * each stack got.
 */
export function writeGlyphFiles(dir: string = GLYPHS_DIST): Record<string, number> {
  // Files of a stack or range no longer served would be served on: the folder is the build's alone.
  rmSync(dir, { recursive: true, force: true })
  const written: Record<string, number> = {}
  for (const stack of FONT_STACKS) {
    mkdirSync(join(dir, stack), { recursive: true })
    written[stack] = 0
    for (const start of glyphRangesOf(stack)) {
      const bytes = buildGlyphRange(stack, start)
      if (!bytes) continue
      writeFileSync(join(dir, stack, fileName(start)), bytes)
      written[stack]++
    }
  }
  return written
}

/** One served glyph range: its bytes and a strong ETag of them. */
export interface GlyphFile {
  body: Uint8Array
  etag: string
}

/**
 * The glyph ranges the server answers with: read from the build's files once, kept in memory
 * (a few hundred kilobytes in all). Where the build has not written them (a development
 * checkout, the tests) a range is drawn from the font on first use, the same bytes the build writes.
 */
export class GlyphStore {
  private readonly ranges = new Map<string, Promise<GlyphFile | undefined>>()

  constructor(private readonly dir: string = GLYPHS_DIST) {}

  /** A range of a stack we serve; undefined for another stack, a start that is not a range's, or an empty range. */
  range(stack: string, start: number): Promise<GlyphFile | undefined> {
    // Only names of our own stacks reach the disk: no request text becomes a path.
    if (!FONT_STACKS.includes(stack) || !glyphRangesOf(stack).includes(start)) return Promise.resolve(undefined)
    const key = `${stack}/${start}`
    let found = this.ranges.get(key)
    if (!found) {
      found = this.load(stack, start).catch((err: unknown) => {
        // A read that failed is tried again by the next request rather than remembered.
        this.ranges.delete(key)
        throw err
      })
      this.ranges.set(key, found)
    }
    return found
  }

  private async load(stack: string, start: number): Promise<GlyphFile | undefined> {
    const body = await readFile(join(this.dir, stack, fileName(start))).then(
      (bytes) => new Uint8Array(bytes),
      (err: NodeJS.ErrnoException) => {
        // Not built: draw it now (documented fallback). Any other failure is the caller's to see.
        if (err.code !== 'ENOENT') throw err
        return buildGlyphRange(stack, start)
      },
    )
    return body && { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` }
  }
}
