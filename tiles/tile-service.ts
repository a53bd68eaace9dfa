import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { DB } from '../db/index.ts'
import { JsTileSource } from './js-tile-source.ts'
import { LayerDirectory, type TileLayerInfo } from './layer-directory.ts'
import { PostgisTileSource } from './postgis-tile-source.ts'
import { bodyIn, compressTile, TileCache, type CachedTile, type TileEncoding } from './tile-cache.ts'
import type { TileCoord } from './tile-coord.ts'
import type { TileSource } from './tile-source.ts'
import { hasNativeMvt } from './tile.queries.ts'

/** A tile ready to send. */
export interface ServedTile {
  body: Uint8Array
  encoding: TileEncoding
  etag: string
  /** What `?v=` names for this tile to be immutable (see {@link tileVersion}). */
  version: string
}

/**
 * A tile of one or more layers, as a caller that asks for it again and again keeps it: the
 * service notes on it which layer versions it was last resolved against, so a cache hit needs
 * no new key while the layers stay as they are.
 */
export interface TileRef {
  readonly layerIds: readonly string[]
  readonly coord: TileCoord
  resolved?: { layers: readonly TileLayerInfo[]; key: string }
}

/** The tile cache's bound when none is given (`HROMADA_TILE_CACHE_MB` defaults to it). */
export const DEFAULT_TILE_CACHE_BYTES = 64 * 1024 * 1024

/** Options of {@link TileService}. */
export interface TileServiceOptions {
  /** Force an encoder; default: ST_AsMVT when the database has it, JS otherwise. */
  encoder?: 'postgis' | 'js'
  /** Tile cache bound in bytes (default {@link DEFAULT_TILE_CACHE_BYTES}; 0 disables caching). */
  cacheBytes?: number
  /** How long a layer's version may be served from memory (default 500 ms). */
  versionTtlMs?: number
  /** With a pool, tile statements run as named prepared statements (parsed and planned once per connection). */
  pool?: pg.Pool
}

/** Changes whenever the tile SQL or encoding changes, so old ETags never match new bytes. */
const TILE_FORMAT = 'hromada-tiles-2'

function tileKey(layers: readonly TileLayerInfo[], t: TileCoord): string {
  return `${layers.map((l) => `${l.id}@${l.version}`).join('+')}/${t.z}/${t.x}/${t.y}`
}

/** The version a tile URL's `?v=` must name: the layer's version, or the layers' joined by dots. */
export function tileVersion(layers: readonly Pick<TileLayerInfo, 'version'>[]): string {
  return layers.map((l) => l.version).join('.')
}

/** What a cache entry serves in a coding, made once and kept on the entry: it belongs to one set of versions. */
function served(tile: CachedTile, sent: TileEncoding, layers: readonly TileLayerInfo[]): ServedTile {
  const known = (tile.served ??= {}) as Partial<Record<TileEncoding, ServedTile>>
  // One strong ETag per representation (RFC 9110 §8.8.3): the coding is part of it.
  return (known[sent] ??= {
    body: bodyIn(tile, sent),
    encoding: sent,
    etag: sent === 'identity' ? tile.etag : `${tile.etag.slice(0, -1)}-${sent}"`,
    version: tileVersion(layers),
  })
}

/** Tiles of the public layers: versioned, cached and compressed. */
export class TileService {
  readonly layers: LayerDirectory
  readonly #cache: TileCache | undefined
  /** Counts tiles encoded by the source (cache misses), so tests can prove the cache works. */
  encoded = 0

  private constructor(
    readonly source: TileSource,
    db: Kysely<DB>,
    options: TileServiceOptions,
  ) {
    this.layers = new LayerDirectory(db, options.versionTtlMs)
    const cacheBytes = options.cacheBytes ?? DEFAULT_TILE_CACHE_BYTES
    this.#cache = cacheBytes > 0 ? new TileCache(cacheBytes) : undefined
  }

  /** Picks the encoder once, at start-up. */
  static async create(db: Kysely<DB>, options: TileServiceOptions = {}): Promise<TileService> {
    const encoder = options.encoder ?? ((await hasNativeMvt(db)) ? 'postgis' : 'js')
    const source = encoder === 'postgis' ? new PostgisTileSource(db, options.pool) : new JsTileSource(db, options.pool)
    return new TileService(source, db, options)
  }

  /** A public layer's tile metadata, or undefined; `fresh` as in {@link LayerDirectory.get}. */
  layer(id: string, fresh = false): Promise<TileLayerInfo | undefined> {
    return this.layers.get(id, fresh)
  }

  /**
   * The tile from the cache without waiting, when every layer's version is fresh and the tile is
   * cached in that coding; undefined otherwise (then ask {@link getTile}). Answering a cache
   * hit in the same tick as the request roughly doubles what one Node process serves.
   */
  peekTile(ref: TileRef, encoding: TileEncoding): ServedTile | undefined {
    let resolved = ref.resolved
    for (let i = 0; i < ref.layerIds.length; i++) {
      const layer = this.layers.peek(ref.layerIds[i]!)
      if (!layer) return undefined
      if (resolved?.layers[i] !== layer) resolved = undefined
    }
    if (!resolved) {
      const layers = ref.layerIds.map((id) => this.layers.peek(id)!)
      ref.resolved = resolved = { layers, key: tileKey(layers, ref.coord) }
    }
    const tile = this.#cache?.get(resolved.key)
    if (!tile) return undefined
    const sent: TileEncoding = tile.raw.byteLength === 0 ? 'identity' : encoding
    if (sent !== 'identity' && !tile[sent]) return undefined
    return served(tile, sent, resolved.layers)
  }

  /**
   * The tile of one or more layers in the requested coding (several layers: their tiles one
   * after the other, which is one tile with all their layers, MVT spec 4.1); an empty body when
   * the tile holds nothing (including zooms outside a layer's range).
   */
  async getTile(layers: readonly TileLayerInfo[], t: TileCoord, encoding: TileEncoding): Promise<ServedTile> {
    const key = tileKey(layers, t)
    let tile = this.#cache?.get(key)
    if (!tile) {
      const parts = await Promise.all(layers.map((l) => (t.z < l.minzoom ? new Uint8Array() : this.source.getTile(l, t))))
      const raw = parts.length === 1 ? parts[0]! : Buffer.concat(parts)
      this.encoded++
      // The key names the layer versions, so it identifies the bytes; hashing the bytes too
      // cost more than the rest of a cache miss's work in Node.
      const etag = `"${createHash('sha1').update(TILE_FORMAT).update(this.source.encoder).update(key).digest('base64url').slice(0, 22)}"`
      tile = { raw, etag }
      this.#cache?.set(key, tile)
    }
    const sent: TileEncoding = tile.raw.byteLength === 0 ? 'identity' : encoding
    // Re-inserting updates the entry's byte size now that it holds a compressed copy too.
    if (await compressTile(tile, sent)) this.#cache?.set(key, tile)
    return served(tile, sent, layers)
  }

}
