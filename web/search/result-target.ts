import { formatMapUrl, type Camera, type Language, type MapUrlState } from '../url-state/index.ts'
import type { SearchResult } from './search-request.ts'

/** The zoom a found point is shown at: a single building. */
export const PLACE_ZOOM = 17

/** What a link to a result depends on besides the result: the city, the language, the screen. */
export interface ResultContext {
  cityId: string
  language: Language
  /** The size of the map a box is fitted to, in CSS pixels. */
  viewport: { width: number; height: number }
}

/** Room left around a fitted box, in CSS pixels, so its edges do not touch the screen's. */
const FIT_PADDING_PX = 48

/** The width of the world at zoom 0 in MapLibre, in CSS pixels (512-pixel tiles). */
const WORLD_PX = 512

/** Kinds that are a place, not an object: the map goes there and selects nothing. */
const PLACE_KINDS: ReadonlySet<SearchResult['kind']> = new Set(['address', 'street', 'district'])

/** Web Mercator's y of a latitude, in radians of the equator's length. */
const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))
const latitudeOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90

/**
 * The camera that shows a box `[west, south, east, north]` whole on a map of `viewport`, as
 * MapLibre's `fitBounds` would with a margin of {@link FIT_PADDING_PX}: centred in Web Mercator
 * (so north of the middle latitude), and never closer than {@link PLACE_ZOOM}.
 */
export function cameraForBbox(bbox: readonly [number, number, number, number] | readonly number[], viewport: ResultContext['viewport']): Camera {
  const [west, south, east, north] = bbox as [number, number, number, number]
  const width = Math.max(viewport.width - 2 * FIT_PADDING_PX, 1)
  const height = Math.max(viewport.height - 2 * FIT_PADDING_PX, 1)
  const spanX = (east - west) / 360
  const spanY = (mercatorY(north) - mercatorY(south)) / (2 * Math.PI)
  const fit = (pixels: number, span: number) => (span > 0 ? Math.log2(pixels / (WORLD_PX * span)) : PLACE_ZOOM)
  const zoom = Math.max(0, Math.min(PLACE_ZOOM, fit(width, spanX), fit(height, spanY)))
  return { zoom, lat: latitudeOf((mercatorY(north) + mercatorY(south)) / 2), lon: (west + east) / 2 }
}

/**
 * Where choosing a result leads. A result with a page (an appeal, a project, a property object)
 * opens it. A result with a place opens the map there: a point at a single building with a pin
 * named by the result, a box fitted to the screen; an object of a layer (a parcel, a shop) is also
 * selected and its layer drawn. An address, a street or a district is only a place: the layer an
 * address comes from (a licence register, polling stations) is its source, not what was asked for.
 * A layer alone is turned on. Anything else searches for its title on the search page.
 */
export function resultHref(result: SearchResult, context: ResultContext): string {
  const { cityId, language } = context
  if (result.url) return withLanguage(result.url, language)
  const object = !PLACE_KINDS.has(result.kind) && result.layer !== undefined
  const state: MapUrlState = { city: cityId, lang: language }
  if (object) state.show = result.layer
  if (object && result.feature_id !== undefined) state.feature = { layerId: result.layer!, featureId: result.feature_id }
  if (result.point) {
    const [lon, lat] = result.point
    state.camera = { zoom: PLACE_ZOOM, lat, lon }
    state.pin = { lat, lon, label: result.title }
  } else if (result.bbox) {
    state.camera = cameraForBbox(result.bbox, context.viewport)
  } else if (!object) {
    return searchPageHref(cityId, result.title, language)
  }
  return `/${formatMapUrl(state)}`
}

/** The search page listing every result of `query` in a city. */
export function searchPageHref(cityId: string, query: string, language: Language): string {
  return `/search${formatMapUrl({ city: cityId, lang: language, query })}`
}

/** `path` with the interface language added to its query, unless it is Ukrainian (the default). */
function withLanguage(path: string, language: Language): string {
  if (language === 'uk') return path
  const url = new URL(path, 'http://localhost')
  url.searchParams.set('lang', language)
  return `${url.pathname}${url.search}${url.hash}`
}
