import type { PublicAppeal } from './appeal.queries.ts'
import { appealPageUrl } from './appeal-links.ts'

/**
 * A public appeal with absolute links to its page and photos. Photo links name the version of
 * the file (`/photos/<id>.<version>.jpg`), so a redacted photo is published under a new URL.
 * Fields a query adds to the public ones (a distance, the author's contact) are kept.
 */
export function toPublicAppeal<A extends PublicAppeal>(a: A, baseUrl: string) {
  const photoBase = `${baseUrl}/api/appeals/${a.number}/photos`
  return {
    ...a,
    url: appealPageUrl(baseUrl, a.number),
    photos: a.photos.map(({ version, ...p }) => ({ ...p, url: `${photoBase}/${p.id}.${version}.jpg`, thumbnail_url: `${photoBase}/${p.id}.${version}.thumb.jpg` })),
  }
}

/** A list of appeals as GeoJSON points with their public fields. */
export function toAppealFeatureCollection(appeals: PublicAppeal[], baseUrl: string, total: number) {
  return {
    type: 'FeatureCollection' as const,
    numberMatched: total,
    numberReturned: appeals.length,
    features: appeals.map((a) => {
      const { location, ...properties } = toPublicAppeal(a, baseUrl)
      return { type: 'Feature' as const, id: a.number, geometry: { type: 'Point' as const, coordinates: [location.lon, location.lat] as [number, number] }, properties }
    }),
  }
}
