import { type LayerSpecification, type SourceSpecification, type StyleSpecification, validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { layersOverAnotherBasemap } from './style.ts'

/**
 * A basemap drawn from someone else's style (`HROMADA_BASEMAP_STYLE`, e.g. OpenFreeMap's or a
 * city's own tile server): its sources and layers, with every URL made absolute, under the
 * city's layers. The page may load it only from the style's origin (the Content-Security-Policy
 * is widened for that origin alone), so sources elsewhere are left out.
 */
export interface ExternalBasemap {
  url: string
  origin: string
  sources: Record<string, SourceSpecification>
  layers: LayerSpecification[]
  glyphs?: string
  sprite?: StyleSpecification['sprite']
  /** Sources left out because they are on another origin. */
  leftOut: string[]
}

/** Why an external style cannot be used; the city's own basemap is drawn meanwhile. */
export class ExternalBasemapError extends Error {}

// A basemap style is tens of kilobytes; a larger answer is not one.
const MAX_STYLE_BYTES = 4 * 1024 * 1024
const FETCH_TIMEOUT_MS = 10_000
/** Ids of the external style's sources and layers are prefixed, so they never meet the city's. */
const PREFIX = 'basemap:'

/** Reads the style at `url` and checks it with MapLibre's validator. */
export async function loadExternalBasemap(url: string): Promise<ExternalBasemap> {
  let res: Response
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { Accept: 'application/json' }, redirect: 'error' })
  } catch (err) {
    throw new ExternalBasemapError(`cannot fetch the basemap style ${url}: ${(err as Error).message}`)
  }
  if (!res.ok) throw new ExternalBasemapError(`the basemap style ${url} answered ${res.status}`)
  const declared = Number(res.headers.get('Content-Length') ?? 0)
  if (declared > MAX_STYLE_BYTES) throw new ExternalBasemapError(`the basemap style ${url} is ${declared} bytes, over ${MAX_STYLE_BYTES}`)
  const text = await readCapped(res, url)
  let style: StyleSpecification
  try {
    style = JSON.parse(text) as StyleSpecification
  } catch {
    throw new ExternalBasemapError(`the basemap style ${url} is not JSON`)
  }
  const errors = typeof style === 'object' && style !== null ? validateStyleMin(style) : [{ message: 'not an object' }]
  if (errors.length) throw new ExternalBasemapError(`the basemap style ${url} is not a valid MapLibre style: ${errors.slice(0, 3).map((e) => e.message).join('; ')}`)
  return fromStyle(url, style)
}

async function readCapped(res: Response, url: string): Promise<string> {
  const chunks: Uint8Array[] = []
  let size = 0
  if (!res.body) return ''
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > MAX_STYLE_BYTES) throw new ExternalBasemapError(`the basemap style ${url} is over ${MAX_STYLE_BYTES} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const absolute = (value: string, base: string) => (value.startsWith('mapbox://') ? value : new URL(value, base).href)

function fromStyle(url: string, style: StyleSpecification): ExternalBasemap {
  const origin = new URL(url).origin
  const sameOrigin = (u: string) => new URL(u).origin === origin
  const sources: Record<string, SourceSpecification> = {}
  const leftOut: string[] = []
  for (const [id, source] of Object.entries(style.sources)) {
    const s = { ...source } as SourceSpecification & { url?: string; tiles?: string[]; data?: unknown }
    if (typeof s.url === 'string') s.url = absolute(s.url, url)
    if (Array.isArray(s.tiles)) s.tiles = s.tiles.map((t) => absoluteTemplate(t, url))
    if (typeof s.data === 'string') s.data = absolute(s.data, url)
    const urls = [s.url, ...(s.tiles ?? []), typeof s.data === 'string' ? s.data : undefined].filter((u): u is string => typeof u === 'string')
    if (urls.every(sameOrigin)) sources[PREFIX + id] = s
    else leftOut.push(id)
  }
  const layers = style.layers
    .filter((l) => !('source' in l) || (typeof l.source === 'string' && sources[PREFIX + l.source]))
    .map((l) => ({ ...l, id: PREFIX + l.id, ...('source' in l && typeof l.source === 'string' && { source: PREFIX + l.source }) }) as LayerSpecification)
  const glyphTemplate = style.glyphs ? absoluteTemplate(style.glyphs, url) : undefined
  const glyphs = glyphTemplate && sameOrigin(glyphTemplate) ? glyphTemplate : undefined
  const sprite = typeof style.sprite === 'string' && sameOrigin(absolute(style.sprite, url)) ? absolute(style.sprite, url) : undefined
  return { url, origin, sources, layers, glyphs, sprite, leftOut }
}

/** A URL template (`{fontstack}/{range}.pbf`) made absolute without its braces being escaped. */
function absoluteTemplate(template: string, base: string): string {
  return decodeURI(new URL(template.replaceAll('{', '%7B').replaceAll('}', '%7D'), base).href).replaceAll('%7B', '{').replaceAll('%7D', '}')
}

/**
 * The city's style over an external basemap: the basemap's layers first (its background
 * included), then the city's own without its background and without the OpenStreetMap
 * basemap layers it replaces. The glyphs stay ours, so every client finds the city's labels
 * on our origin; the basemap's own font stacks are sent on to its glyphs (see {@link externalGlyphUrl}).
 */
export function overExternalBasemap(style: StyleSpecification, basemap: ExternalBasemap): StyleSpecification {
  return {
    ...style,
    ...(basemap.sprite && { sprite: basemap.sprite }),
    sources: { ...basemap.sources, ...style.sources },
    layers: [...basemap.layers, ...layersOverAnotherBasemap(style)],
  }
}

/**
 * Where the basemap's own glyphs of `fontstack` (as MapLibre sends it, commas and all) and a
 * range file (`0-255.pbf`) are: its `glyphs` template filled in; undefined when it has none.
 */
export function externalGlyphUrl(basemap: Pick<ExternalBasemap, 'glyphs'>, fontstack: string, rangeFile: string): string | undefined {
  return basemap.glyphs?.replace('{fontstack}', encodeURIComponent(fontstack)).replace('{range}', rangeFile.replace(/\.pbf$/, ''))
}

type Log = (message: string, fields?: Record<string, unknown>) => void

/**
 * The external basemap as last read: read at start, read again after an hour in the background,
 * and tried again five minutes after a failure, while the city's own basemap is drawn.
 */
export class ExternalBasemapSource {
  private current: ExternalBasemap | undefined
  private loading: Promise<void> | undefined
  private nextRead = 0

  constructor(
    readonly url: string,
    private readonly log: Log,
    private readonly freshMs = 3_600_000,
    private readonly retryMs = 300_000,
  ) {}

  /** The origin the page may load the basemap from. */
  get origin(): string {
    return new URL(this.url).origin
  }

  /** The basemap, or undefined while it cannot be read; the first call waits for the first read. */
  async get(): Promise<ExternalBasemap | undefined> {
    if (Date.now() >= this.nextRead && !this.loading) this.loading = this.read()
    if (!this.current && this.loading) await this.loading
    return this.current
  }

  private async read(): Promise<void> {
    try {
      this.current = await loadExternalBasemap(this.url)
      this.nextRead = Date.now() + this.freshMs
      if (this.current.leftOut.length) this.log(`basemap style: sources on another origin than ${this.origin} left out (the page may not load them)`, { level: 'warn', sources: this.current.leftOut })
    } catch (err) {
      this.nextRead = Date.now() + this.retryMs
      this.log("basemap style not read; the city's own basemap is drawn until it is", { level: 'warn', error: (err as Error).message })
    } finally {
      this.loading = undefined
    }
  }
}
