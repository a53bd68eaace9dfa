import type { Polygon } from 'geojson'

/** A lon/lat position. */
export type LonLat = [number, number]

/** Six decimals of a degree: about 10 cm, more than a drawn area needs, and a shorter URL. */
const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6

/** The polygon of three or more corners, its ring closed back to the first; undefined for fewer. */
export function areaPolygon(corners: readonly LonLat[]): Polygon | undefined {
  if (corners.length < 3) return undefined
  const ring = [...corners, corners[0]!].map(([lon, lat]) => [round(lon), round(lat)])
  return { type: 'Polygon', coordinates: [ring] }
}

/** The polygon as the JSON text the list's `within` filter takes (and the URL keeps). */
export function polygonText(polygon: Polygon): string {
  return JSON.stringify({ type: 'Polygon', coordinates: polygon.coordinates.map((ring) => ring.map(([lon, lat]) => [round(lon!), round(lat!)])) })
}

const isPosition = (p: unknown): p is LonLat => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90

/**
 * Reads `within` text back as a polygon: an outer ring of four or more positions on the globe
 * that ends where it starts. Undefined for anything else (a hand-edited link), which then filters nothing.
 */
export function parsePolygonText(text: string): Polygon | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    // Documented fallback: a malformed link is read as "no drawn area".
    return undefined
  }
  if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== 'Polygon') return undefined
  const rings = (value as { coordinates?: unknown }).coordinates
  if (!Array.isArray(rings) || rings.length === 0) return undefined
  for (const ring of rings) {
    if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPosition)) return undefined
    const first = ring[0] as LonLat
    const last = ring[ring.length - 1] as LonLat
    if (first[0] !== last[0] || first[1] !== last[1]) return undefined
  }
  return { type: 'Polygon', coordinates: rings as LonLat[][] }
}
