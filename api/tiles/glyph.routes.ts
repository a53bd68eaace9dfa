import { gzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { externalGlyphUrl, FONT_STACKS, type GlyphFile, GlyphStore } from '../../tiles/index.ts'
import './basemap-deps.ts'
import { type AppEnv, problems } from '../http/index.ts'

// The glyphs change only with a release (the build writes them): a day, then a cheap revalidation.
const GLYPH_CACHE = 'public, max-age=86400'
/** `{start}-{end}.pbf`, at most five digits each: U+FFFF is the last code point MapLibre asks for. */
const RANGE_FILE = /^(\d{1,5})-(\d{1,5})\.pbf$/

const store = new GlyphStore()
const gzipped = new WeakMap<GlyphFile, Uint8Array>()

/** The first stack of a `text-font` list (MapLibre joins it with commas) that we serve. */
function servedStack(fontstack: string): string | undefined {
  return fontstack.split(',').map((name) => name.trim()).find((name) => FONT_STACKS.includes(name))
}

/** The start of a range file's name, or undefined unless it names one whole range of 256. */
function rangeStart(file: string): number | undefined {
  const match = RANGE_FILE.exec(file)
  if (!match) return undefined
  const start = Number(match[1])
  return start % 256 === 0 && Number(match[2]) === start + 255 ? start : undefined
}

/**
 * The glyphs of our styles' labels (`glyphs` in every style): `/fonts/{fontstack}/{start}-{end}.pbf`,
 * signed distance fields in MapLibre's glyph PBF. A comma-joined stack list is served from its
 * first stack we have; a stack we lack goes on (302) to an external basemap's own glyphs when
 * one is drawn. 404 for a stack we lack otherwise, a path that is not a whole range of 256, or
 * a range the font has no glyph in.
 */
export const glyphRoutes = new Hono<AppEnv>().on(['GET', 'HEAD'], '/:fontstack/:range', async (c) => {
  const { fontstack, range } = c.req.param()
  const stack = servedStack(fontstack)
  const start = rangeStart(range)
  if (!stack) {
    // The fonts of an external basemap's labels (HROMADA_BASEMAP_STYLE) are on its glyph server.
    const external = start === undefined ? undefined : await c.var.basemap?.get()
    const elsewhere = external && externalGlyphUrl(external, fontstack, range)
    if (elsewhere) return c.redirect(elsewhere, 302)
    throw problems.notFound('font stack', fontstack)
  }
  const glyphs = start === undefined ? undefined : await store.range(stack, start)
  if (!glyphs) throw problems.notFound('glyph range', `${stack}/${range}`)
  c.header('Cache-Control', GLYPH_CACHE)
  c.header('ETag', glyphs.etag)
  c.header('Vary', 'Accept-Encoding')
  if (c.req.header('If-None-Match')?.split(',').some((t) => t.trim().replace(/^W\//, '') === glyphs.etag)) return c.body(null, 304)
  c.header('Content-Type', 'application/x-protobuf')
  let body = glyphs.body
  // Distance fields shrink to about half; MapLibre's fetch and QGIS take gzip.
  if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
    body = gzipped.get(glyphs) ?? gzipped.set(glyphs, new Uint8Array(gzipSync(glyphs.body))).get(glyphs)!
    c.header('Content-Encoding', 'gzip')
  }
  c.header('Content-Length', String(body.byteLength))
  if (c.req.method === 'HEAD') return c.body(null)
  return c.body(body as Uint8Array<ArrayBuffer>)
})
