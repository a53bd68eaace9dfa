import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib'
import { LRUCache } from 'lru-cache'

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)
const GZIP_OPTIONS = { level: 6 }
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }

/**
 * Tiles up to this size are compressed in the request's own tick, larger ones on Node's thread
 * pool. For a tile of a few KB the pool's round trip costs several times the compression
 * itself (measured on the demo's z14 and z16 tiles, 2.2 KB on average: about 60 µs of CPU
 * each in the tick, 500–650 µs with the pool), while 16 KB take 0.2–0.6 ms to compress: no
 * request waits long behind one.
 */
const COMPRESS_IN_TICK_MAX = 16 * 1024

/** Content codings a tile can be sent in. */
export type TileEncoding = 'br' | 'gzip' | 'identity'

/** One encoded tile with its compressed forms, made on first demand and kept. */
export interface CachedTile {
  raw: Uint8Array
  etag: string
  gzip?: Uint8Array
  br?: Uint8Array
  /** What the entry serves in each coding, made on first use (see `TileService`). */
  served?: Partial<Record<TileEncoding, unknown>>
}

/**
 * An in-process LRU of tiles bounded by bytes, keyed by (layer, version, z, x, y): a write to a
 * layer changes its version, so stale entries are never read again and simply age out.
 */
export class TileCache {
  readonly #lru: LRUCache<string, CachedTile>

  constructor(maxBytes: number) {
    this.#lru = new LRUCache<string, CachedTile>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (t) => 64 + t.raw.byteLength + (t.gzip?.byteLength ?? 0) + (t.br?.byteLength ?? 0),
    })
  }

  get(key: string): CachedTile | undefined {
    return this.#lru.get(key)
  }

  set(key: string, tile: CachedTile): void {
    this.#lru.set(key, tile)
  }

  get size(): number {
    return this.#lru.size
  }
}

/**
 * Makes the tile's body in a coding the first time it is asked for and keeps it on the entry.
 * Returns whether it had to (so the cache can account for the new bytes).
 */
export async function compressTile(tile: CachedTile, encoding: TileEncoding): Promise<boolean> {
  if (encoding === 'identity' || tile.raw.byteLength === 0 || tile[encoding]) return false
  const inTick = tile.raw.byteLength <= COMPRESS_IN_TICK_MAX
  if (encoding === 'gzip') tile.gzip = inTick ? gzipSync(tile.raw, GZIP_OPTIONS) : await gzipAsync(tile.raw, GZIP_OPTIONS)
  else tile.br = inTick ? brotliCompressSync(tile.raw, BROTLI_OPTIONS) : await brotliAsync(tile.raw, BROTLI_OPTIONS)
  return true
}

/** The tile's body in a coding it already has (see {@link compressTile}). */
export function bodyIn(tile: CachedTile, encoding: TileEncoding): Uint8Array {
  return (encoding === 'identity' ? tile.raw : tile[encoding]) ?? tile.raw
}

/** Codings picked, by Accept-Encoding value: clients send a handful of distinct values. */
const negotiated = new Map<string, TileEncoding>()

/** Picks the best coding the client accepts (`br` over `gzip`), by the Accept-Encoding header. */
export function negotiateEncoding(acceptEncoding: string | undefined): TileEncoding {
  if (acceptEncoding === undefined) return 'identity'
  let encoding = negotiated.get(acceptEncoding)
  if (encoding === undefined) {
    if (negotiated.size >= 256) negotiated.clear()
    negotiated.set(acceptEncoding, (encoding = pickEncoding(acceptEncoding)))
  }
  return encoding
}

function pickEncoding(acceptEncoding: string): TileEncoding {
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    if (name) accepted.set(name, q ? Number(q.slice(2)) : 1)
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  if (ok('br')) return 'br'
  if (ok('gzip')) return 'gzip'
  return 'identity'
}
