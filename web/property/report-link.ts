import type { Geometry } from 'geojson'
import type { Language } from '../url-state/index.ts'
import { boundsOf } from './object-geometry.ts'

/** The zoom the map opens an object at: a single building. */
const OBJECT_ZOOM = 17

/**
 * The map showing an object's feature selected, with the "report a problem" flow open about it
 * (the map page starts that flow for its selected feature when the address ends in `#report`).
 * Centred on the object when its place is public; at the city's default view otherwise.
 */
export function reportAboutHref(city: string, feature: { layer: string; id: number }, geometry: Geometry | null, language: Language | undefined): string {
  const parts = [`city=${city}`]
  const box = boundsOf([geometry])
  if (box) parts.push(`map=${OBJECT_ZOOM.toFixed(2)}/${((box[1] + box[3]) / 2).toFixed(5)}/${((box[0] + box[2]) / 2).toFixed(5)}`)
  parts.push(`layers=${feature.layer}`, `feature=${feature.layer}/${feature.id}`)
  if (language && language !== 'uk') parts.push(`lang=${language}`)
  return `/?${parts.join('&')}#report`
}
