import type { Kysely } from 'kysely'
import type { DB } from '../db/index.ts'
import { publicAttributeNames, type AttributeField, type GeometryKind, type LayerStyle } from '../layers/index.ts'
import type { TileLayer } from './tile-source.ts'
import { listTileLayers } from './tile.queries.ts'

/** A public layer as the tile server needs it, with its current version. */
export interface TileLayerInfo extends TileLayer {
  version: number
  minzoom: number
  maxzoom: number
}

/** The public attribute a polygon layer is labelled with, if any. */
function labelOf(style: unknown, publicAttributes: string[]): string | undefined {
  const label = (style as LayerStyle | null)?.label
  return label && publicAttributes.includes(label) ? label : undefined
}

/** Point layers with more features than this are clustered at low zoom. */
const CLUSTER_THRESHOLD = 1000
/** Zoom from which points of a clustered layer are drawn one by one. */
const CLUSTER_BELOW = 14

function sameLayer(a: TileLayerInfo, b: TileLayerInfo): boolean {
  const keys = Object.keys(b) as Array<keyof TileLayerInfo>
  return keys.length === Object.keys(a).length && keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]))
}

/** How many TTLs a catalogue may be served while a fresh one is read behind it. */
const STALE_SERVED_FOR = 10

/**
 * The public layers and their versions, re-read from the database when they are older than
 * `ttlMs`. The read happens behind the requests that find them stale: they go on with the
 * catalogue in hand (for up to ten TTLs), so no request waits for it. Every replica reads the
 * same table, so they agree on which version a tile belongs to, and a write shows in tiles,
 * within `ttlMs` and one read.
 */
export class LayerDirectory {
  #layers = new Map<string, TileLayerInfo>()
  #loadedAt = Number.NEGATIVE_INFINITY
  #loading: Promise<void> | undefined

  constructor(
    private readonly db: Kysely<DB>,
    private readonly ttlMs = 500,
  ) {}

  /**
   * A public layer by id, or undefined when there is none. `fresh`: read the catalogue first
   * when it is older than the TTL (a client named a version the server may not know yet).
   */
  async get(id: string, fresh = false): Promise<TileLayerInfo | undefined> {
    if (!this.#usable() || (fresh && Date.now() - this.#loadedAt > this.ttlMs)) await this.refresh()
    return this.#layers.get(id)
  }

  /**
   * A public layer by id without waiting; undefined when there is no such layer, or when the
   * catalogue is too old to serve (then ask {@link get}).
   */
  peek(id: string): TileLayerInfo | undefined {
    return this.#usable() ? this.#layers.get(id) : undefined
  }

  /** True while the catalogue may be served; starts reading a fresh one once it is stale. */
  #usable(): boolean {
    const age = Date.now() - this.#loadedAt
    if (age <= this.ttlMs) return true
    // A failed read is retried by the next request; past the grace period `get` reports it.
    if (!this.#loading) this.refresh().catch(() => undefined)
    return age <= this.ttlMs * STALE_SERVED_FOR
  }

  /** Re-reads the catalogue now (one query shared by concurrent callers). */
  refresh(): Promise<void> {
    this.#loading ??= this.#load().finally(() => (this.#loading = undefined))
    return this.#loading
  }

  async #load(): Promise<void> {
    const rows = await listTileLayers(this.db)
    const layers = new Map<string, TileLayerInfo>()
    for (const r of rows) {
      const geometryType = r.geometry_type as GeometryKind
      const attributes = r.attributes as AttributeField[]
      const layer: TileLayerInfo = {
        id: r.id,
        geometryType,
        labelAttribute: labelOf(r.style, publicAttributeNames({ attributes })),
        clusterBelow: geometryType === 'point' && r.feature_count > CLUSTER_THRESHOLD ? CLUSTER_BELOW : undefined,
        version: Number(r.version),
        minzoom: r.minzoom,
        maxzoom: r.maxzoom,
      }
      // The same object while nothing changed: compiled tile statements are kept per object.
      const previous = this.#layers.get(r.id)
      layers.set(r.id, previous && sameLayer(previous, layer) ? previous : layer)
    }
    this.#layers = layers
    this.#loadedAt = Date.now()
  }
}
