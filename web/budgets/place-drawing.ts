import type { ProposalGeometry } from './budget-api.ts'

/** A lon/lat position. */
export type LonLat = [number, number]

/** The place being marked for a proposal: nothing yet, a point, or an area's corners (closed once the author says it is done). */
export type DrawnPlace = { kind: 'none' } | { kind: 'point'; at: LonLat } | { kind: 'area'; corners: LonLat[]; closed: boolean }

/**
 * The GeoJSON of a marked place: a Point, or a Polygon whose ring is closed back to its first
 * corner. Null while there is nothing to send: no place, or an area not closed or of fewer than three corners.
 */
export function placeGeometry(place: DrawnPlace): ProposalGeometry | null {
  if (place.kind === 'point') return { type: 'Point', coordinates: place.at }
  if (place.kind === 'area' && place.closed && place.corners.length >= 3) return { type: 'Polygon', coordinates: [[...place.corners, place.corners[0]!]] }
  return null
}

/**
 * Reads corners typed one per line as "latitude, longitude" (the order map apps copy them in;
 * a comma, semicolon or space between), the keyboard's way to draw an area. Blank lines are
 * skipped. Answers the corners as lon/lat, or the number of the first line it cannot read.
 */
export function parseCorners(text: string): { corners: LonLat[] } | { badLine: number } {
  const corners: LonLat[] = []
  const lines = text.split('\n')
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue
    const parts = line.trim().split(/\s*[,;]\s*|\s+/)
    const [lat, lon] = parts.map(Number)
    if (parts.length !== 2 || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat!) > 90 || Math.abs(lon!) > 180) return { badLine: index + 1 }
    corners.push([lon!, lat!])
  }
  return { corners }
}
