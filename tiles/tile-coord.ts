/** A tile address in the XYZ (slippy map) scheme. */
export interface TileCoord {
  z: number
  x: number
  y: number
}

/** The deepest zoom the platform serves tiles for; clients overzoom beyond it. */
export const MAX_TILE_ZOOM = 22
/** Half the Web Mercator world width in metres. */
const ORIGIN = 20037508.342789244

/**
 * Parses the `z/x/y` parts of a tile URL. Returns undefined for anything that is not a tile of
 * the pyramid: non-integers, negative numbers, x or y beyond 2^z − 1, z beyond {@link MAX_TILE_ZOOM}.
 */
export function parseTileCoord(z: string, x: string, y: string): TileCoord | undefined {
  if (![z, x, y].every((s) => /^\d{1,8}$/.test(s))) return undefined
  const t = { z: Number(z), x: Number(x), y: Number(y) }
  const n = 2 ** t.z
  if (t.z > MAX_TILE_ZOOM || t.x >= n || t.y >= n) return undefined
  return t
}

/** The tile's width in Web Mercator metres. */
export function tileWidth(z: number): number {
  return (2 * ORIGIN) / 2 ** z
}

/** The tile holding a lon/lat point at zoom z. */
export function lonLatToTile(lon: number, lat: number, z: number): TileCoord {
  const n = 2 ** z
  const clampLat = Math.max(-85.0511, Math.min(85.0511, lat))
  const x = Math.floor(((lon + 180) / 360) * n)
  const r = (clampLat * Math.PI) / 180
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)
  return { z, x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) }
}

/** Every tile of zoom z that covers a lon/lat box `[w, s, e, n]`, row by row. */
export function tilesInBbox([w, s, e, n]: readonly number[], z: number): TileCoord[] {
  const min = lonLatToTile(w!, n!, z)
  const max = lonLatToTile(e!, s!, z)
  const tiles: TileCoord[] = []
  for (let y = min.y; y <= max.y; y++) for (let x = min.x; x <= max.x; x++) tiles.push({ z, x, y })
  return tiles
}
