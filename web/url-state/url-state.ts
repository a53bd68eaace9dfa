import { z } from 'zod'
import { AppealStatusSchema } from '../api-client/index.ts'

/**
 * The map view as it lives in the URL, so that every view can be shared and restored:
 *
 *   ?city=kyiv&map=12.50/50.45010/30.52340&layers=kyiv-land-parcels,kyiv-districts
 *    &feature=kyiv-land-parcels/1234&lang=en
 *
 * - `map` is zoom/latitude/longitude, as on openstreetmap.org;
 * - `layers` lists the visible layers; absent means the city's default set, empty means none;
 * - `feature` is the selected feature as `<layer id>/<feature id>`;
 * - `lang` is omitted for Ukrainian, the default;
 * - `edition` is the participatory-budget edition the budget section shows;
 * - `appeal-status`, `appeal-category`, `appeal-from`, `appeal-to` filter the appeals layer
 *   (absent means no filter) and `appeal-view` draws it as a heatmap or hexagons instead of points;
 * - `pin` is a place the search found, as latitude,longitude, marked with a pin named by `pin-label`;
 * - `show` is a layer to draw besides the visible ones (the layer of an object the search found);
 * - `q` is the text searched for (the search page).
 *
 * Every parameter is validated on its own: a malformed one is dropped, the others still apply.
 */

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/)

/** A camera position: zoom and the centre in WGS 84. */
export const CameraSchema = z.object({
  zoom: z.number().min(0).max(24),
  lat: z.number().min(-85.06).max(85.06),
  lon: z.number().min(-180).max(180),
})
export type Camera = z.infer<typeof CameraSchema>

/** A feature id as vector tiles carry it: an unsigned integer, or a string for promoted ids. */
export const FeatureIdSchema = z.union([z.number().int().nonnegative(), z.string().min(1)])
export type FeatureId = z.infer<typeof FeatureIdSchema>

/** A reference to one feature: its layer and its stable id (never an index in a list). */
export const FeatureRefSchema = z.object({ layerId: slug, featureId: FeatureIdSchema })
export type FeatureRef = z.infer<typeof FeatureRefSchema>

/** The interface languages; Ukrainian first. */
export const LANGUAGES = ['uk', 'en'] as const
export const LanguageSchema = z.enum(LANGUAGES)
export type Language = z.infer<typeof LanguageSchema>

const IsoDateSchema = z.iso.date()

/** Which appeals the appeals layer shows; every field absent shows them all. */
export const AppealFilterSchema = z.object({
  statuses: z.array(AppealStatusSchema).optional(),
  categories: z.array(slug).optional(),
  /** Filed on or after this day, `YYYY-MM-DD`. */
  from: IsoDateSchema.optional(),
  /** Filed on or before this day, `YYYY-MM-DD`. */
  to: IsoDateSchema.optional(),
})
export type AppealFilter = z.infer<typeof AppealFilterSchema>

/** How the appeals layer is drawn: MapLibre points, or a deck.gl heatmap or hexagon bins. */
export const APPEAL_VIEWS = ['points', 'heatmap', 'hexagons'] as const
export const AppealViewSchema = z.enum(APPEAL_VIEWS)
export type AppealView = z.infer<typeof AppealViewSchema>

/** A place marked on the map with a pin: a point the search found, and what it is called. */
export const PinSchema = z.object({
  lat: z.number().min(-85.06).max(85.06),
  lon: z.number().min(-180).max(180),
  label: z.string().min(1).max(300).optional(),
})
export type Pin = z.infer<typeof PinSchema>

/** Everything the URL says about the view. Each field is absent when the URL does not set it. */
export const MapUrlStateSchema = z.object({
  city: slug.optional(),
  camera: CameraSchema.optional(),
  layers: z.array(slug).optional(),
  feature: FeatureRefSchema.optional(),
  lang: LanguageSchema.optional(),
  appealFilter: AppealFilterSchema.optional(),
  appealView: AppealViewSchema.optional(),
  /** The participatory-budget edition a page of that section shows. */
  edition: z.number().int().positive().optional(),
  /** A place the search found, marked with a pin. */
  pin: PinSchema.optional(),
  /** A layer drawn besides the visible ones, until the catalogue is changed. */
  show: slug.optional(),
  /** The text searched for. */
  query: z.string().max(200).optional(),
  /** The theme a list of layers is narrowed to (the open-data catalogue). */
  theme: slug.optional(),
})
export type MapUrlState = z.infer<typeof MapUrlStateSchema>

const CameraParamSchema = z
  .string()
  .transform((text) => text.split('/').map(Number))
  .pipe(z.tuple([z.number(), z.number(), z.number()]))
  .transform(([zoom, lat, lon]) => ({ zoom, lat, lon }))
  .pipe(CameraSchema)

const LayersParamSchema = z
  .string()
  .transform((text) => (text === '' ? [] : text.split(',')))
  .pipe(z.array(slug))

const FeatureParamSchema = z
  .string()
  .transform((text) => {
    const slash = text.indexOf('/')
    if (slash < 1) return { layerId: '', featureId: '' } // fails the pipe below
    const id = text.slice(slash + 1)
    // Tile feature ids are integers; anything else is kept as a string id.
    return { layerId: text.slice(0, slash), featureId: /^\d{1,15}$/.test(id) ? Number(id) : id }
  })
  .pipe(FeatureRefSchema)

const PinParamSchema = z
  .string()
  .transform((text) => text.split(',').map(Number))
  .pipe(z.tuple([z.number(), z.number()]))
  .transform(([lat, lon]) => ({ lat, lon }))
  .pipe(PinSchema.omit({ label: true }))

const StatusListParamSchema = z
  .string()
  .transform((text) => text.split(','))
  .pipe(z.array(AppealStatusSchema).min(1))

const EditionParamSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/)
  .transform(Number)

/**
 * Reads the view from a query string (`location.search`, with or without the leading `?`).
 * Returns an empty state for an empty query; invalid parameters are left out.
 * @example parseMapUrl('?city=kyiv&map=12/50.45/30.52') // { city: 'kyiv', camera: { zoom: 12, lat: 50.45, lon: 30.52 } }
 */
export function parseMapUrl(search: string): MapUrlState {
  const params = new URLSearchParams(search)
  const read = <T>(name: string, schema: z.ZodType<T, string>): T | undefined => {
    const value = params.get(name)
    if (value === null) return undefined
    const parsed = schema.safeParse(value)
    return parsed.success ? parsed.data : undefined
  }
  const appealFilter: AppealFilter = {
    statuses: read('appeal-status', StatusListParamSchema),
    categories: read('appeal-category', LayersParamSchema),
    from: read('appeal-from', IsoDateSchema),
    to: read('appeal-to', IsoDateSchema),
  }
  const pin = read('pin', PinParamSchema)
  const pinLabel = params.get('pin-label') || undefined
  return {
    city: read('city', slug),
    camera: read('map', CameraParamSchema),
    layers: read('layers', LayersParamSchema),
    feature: read('feature', FeatureParamSchema),
    lang: read('lang', LanguageSchema),
    appealFilter: isEmptyAppealFilter(appealFilter) ? undefined : appealFilter,
    appealView: read('appeal-view', AppealViewSchema),
    edition: read('edition', EditionParamSchema),
    pin: pin && (pinLabel ? { ...pin, label: pinLabel.slice(0, 300) } : pin),
    show: read('show', slug),
    query: read('q', z.string().max(200)),
    theme: read('theme', slug),
  }
}

/** Whether a filter lets every appeal through (no field set, or only empty lists). */
export function isEmptyAppealFilter(filter: AppealFilter | undefined): boolean {
  return !filter || (!filter.statuses?.length && !filter.categories?.length && !filter.from && !filter.to)
}

/**
 * Writes the view as a query string with a leading `?` (or `''` when nothing is set). Ids are
 * slugs and numbers, so commas and slashes stay readable instead of being percent-encoded.
 */
export function formatMapUrl(state: MapUrlState): string {
  const parts: string[] = []
  if (state.city) parts.push(`city=${state.city}`)
  if (state.camera) {
    const { zoom, lat, lon } = state.camera
    parts.push(`map=${zoom.toFixed(2)}/${lat.toFixed(5)}/${lon.toFixed(5)}`)
  }
  if (state.layers) parts.push(`layers=${state.layers.join(',')}`)
  if (state.feature) {
    parts.push(`feature=${state.feature.layerId}/${encodeURIComponent(String(state.feature.featureId))}`)
  }
  if (state.edition !== undefined) parts.push(`edition=${state.edition}`)
  if (state.lang && state.lang !== 'uk') parts.push(`lang=${state.lang}`)
  const filter = state.appealFilter
  if (filter?.statuses?.length) parts.push(`appeal-status=${filter.statuses.join(',')}`)
  if (filter?.categories?.length) parts.push(`appeal-category=${filter.categories.join(',')}`)
  if (filter?.from) parts.push(`appeal-from=${filter.from}`)
  if (filter?.to) parts.push(`appeal-to=${filter.to}`)
  if (state.appealView && state.appealView !== 'points') parts.push(`appeal-view=${state.appealView}`)
  if (state.pin) {
    parts.push(`pin=${state.pin.lat.toFixed(5)},${state.pin.lon.toFixed(5)}`)
    if (state.pin.label) parts.push(`pin-label=${encodeURIComponent(state.pin.label)}`)
  }
  if (state.show) parts.push(`show=${state.show}`)
  if (state.query) parts.push(`q=${encodeURIComponent(state.query)}`)
  if (state.theme) parts.push(`theme=${state.theme}`)
  return parts.length > 0 ? `?${parts.join('&')}` : ''
}

/** Whether two feature references name the same feature. */
export function isSameFeature(a: FeatureRef | undefined, b: FeatureRef | undefined): boolean {
  return a?.layerId === b?.layerId && a?.featureId === b?.featureId
}
