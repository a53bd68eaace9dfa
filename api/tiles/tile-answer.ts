import { negotiateEncoding, parseTileCoord, type ServedTile, type TileCoord, type TileLayerInfo, type TileRef, type TileService } from '../../tiles/index.ts'
import { problems } from '../http/index.ts'

const MVT = 'application/vnd.mapbox-vector-tile'
const IMMUTABLE = 'public, max-age=31536000, immutable'
// Without ?v= (or with an old one) the client must revalidate; the ETag makes that cheap.
const REVALIDATE = 'public, max-age=0, must-revalidate'

/** What a tile request carries. */
export interface TileRequest {
  layer: string
  z: string
  x: string
  /** `{y}.mvt` or `{y}.pbf`. */
  file: string
  version: string | undefined
  acceptEncoding: string | undefined
  ifNoneMatch: string | undefined
}

/** A tile response, ready to write. Its headers may be shared between answers: never change them. */
export interface TileAnswer {
  status: 200 | 204 | 304
  headers: Readonly<Record<string, string>>
  body: Uint8Array | undefined
}

/** True when an If-None-Match header names this ETag (weak comparison, RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const bare = (t: string) => t.trim().replace(/^W\//, '')
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag))
}

/**
 * The layers and tile a request names: one layer, or several joined by commas for a composite
 * tile. Throws an `HttpProblem` for a path that is not a tile of the pyramid or a malformed
 * layer list.
 */
export function parseTileRequest(r: Pick<TileRequest, 'layer' | 'z' | 'x' | 'file'>): TileRef {
  return { layerIds: layerIdsOf(r.layer), coord: tileCoordOf(r) }
}

/**
 * Answers one tile request (one layer, or several joined by commas: `/tiles/a,b/z/x/y.mvt`
 * gives one tile with all their layers, for one round trip instead of several): 200 with the
 * tile (compressed as the client accepts), 204 when the tile is empty, 304 when the client's
 * ETag matches. Throws an `HttpProblem` for a path that is not a tile of the pyramid or an
 * unknown layer. Used by the Hono route and by the server's fast path alike, so both answer
 * byte for byte the same.
 */
export async function answerTile(tiles: TileService, r: TileRequest, parsed = parseTileRequest(r)): Promise<TileAnswer> {
  const layers: TileLayerInfo[] = []
  for (const id of parsed.layerIds) {
    // A URL that names a version asks for that version: know the newest before answering.
    const layer = await tiles.layer(id, r.version !== undefined)
    if (!layer) throw problems.notFound('layer', id)
    layers.push(layer)
  }
  return answerWith(await tiles.getTile(layers, parsed.coord, negotiateEncoding(r.acceptEncoding)), r)
}

/**
 * Most layers one composite tile may combine: every public layer of a city, which its TileJSON
 * (`/tiles/{city}.json`) names in one tile URL, with room to grow. Each layer is one statement,
 * as it would be in a request of its own.
 */
export const MAX_COMPOSITE_LAYERS = 64

/** The layer ids of a request: one, or several joined by commas for a composite tile. */
function layerIdsOf(layer: string): string[] {
  const ids = layer.split(',')
  if (ids.length > MAX_COMPOSITE_LAYERS || new Set(ids).size !== ids.length || ids.some((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))) {
    throw problems.invalid(`A tile combines up to ${MAX_COMPOSITE_LAYERS} different layers, as ids joined by commas`, [
      { field: 'path', message: 'layer ids must be distinct slugs joined by commas' },
    ])
  }
  return ids
}

/**
 * The answer to a tile request from the cache alone, without waiting: undefined unless the
 * tile is cached at the layer's current version in the coding the client accepts, and the
 * request names no other version.
 */
export function answerCachedTile(tiles: TileService, r: TileRequest, parsed: TileRef): TileAnswer | undefined {
  const tile = tiles.peekTile(parsed, negotiateEncoding(r.acceptEncoding))
  // A URL naming another version than the cached tile's may know of a write the server has
  // not read yet: it goes the way that reads the catalogue first.
  if (!tile || (r.version !== undefined && r.version !== tile.version)) return undefined
  return answerWith(tile, r)
}

function tileCoordOf(r: Pick<TileRequest, 'z' | 'x' | 'file'>): TileCoord {
  const coord = /^\d+\.(mvt|pbf)$/.test(r.file) ? parseTileCoord(r.z, r.x, r.file.slice(0, r.file.indexOf('.'))) : undefined
  if (!coord) {
    throw problems.invalid(`No tile ${r.z}/${r.x}/${r.file}: z must be 0–22 and x, y within 0…2^z−1`, [
      { field: 'path', message: 'not a tile of the XYZ pyramid' },
    ])
  }
  return coord
}

/** The answers for one served tile, at a versioned (immutable) URL and at a plain one, made on first use. */
interface TileAnswers {
  immutable?: TileAnswer
  revalidate?: TileAnswer
}

/**
 * Answers made once per served tile and kept as long as it is (the cache holds it): a map view
 * asks for the same tiles again and again, and building and checking eight headers was a
 * large share of a cache hit's work.
 */
const answersOf = new WeakMap<ServedTile, TileAnswers>()

function tileHeaders(tile: ServedTile, cacheControl: string): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {
    'Cache-Control': cacheControl,
    ETag: tile.etag,
    Vary: 'Accept-Encoding',
    // Map clients fetch tiles in CORS mode, so this also satisfies pages that require CORP.
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
  }
  // A 204 carries no body and so no length or type (RFC 9110 §8.6).
  if (tile.body.byteLength > 0) {
    headers['Content-Type'] = MVT
    if (tile.encoding !== 'identity') headers['Content-Encoding'] = tile.encoding
    headers['Content-Length'] = String(tile.body.byteLength)
  }
  return Object.freeze(headers)
}

function newAnswer(tile: ServedTile, cacheControl: string): TileAnswer {
  const headers = tileHeaders(tile, cacheControl)
  return tile.body.byteLength === 0 ? { status: 204, headers, body: undefined } : { status: 200, headers, body: tile.body }
}

function answerWith(tile: ServedTile, r: TileRequest): TileAnswer {
  const immutable = r.version === tile.version
  if (matchesEtag(r.ifNoneMatch, tile.etag)) {
    const { 'Content-Type': _, 'Content-Encoding': __, 'Content-Length': ___, ...headers } = tileHeaders(tile, immutable ? IMMUTABLE : REVALIDATE)
    return { status: 304, headers, body: undefined }
  }
  let known = answersOf.get(tile)
  if (!known) answersOf.set(tile, (known = {}))
  return immutable ? (known.immutable ??= newAnswer(tile, IMMUTABLE)) : (known.revalidate ??= newAnswer(tile, REVALIDATE))
}
