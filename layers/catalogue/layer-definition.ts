/**
 * The catalogue's vocabulary: what a layer is, independent of where its features come from.
 * A definition becomes one row of the `layers` table; its attribute schema decides which
 * properties are stored, which are public, and how they are labelled.
 */
import { THEMES, type AttributeType, type GeometryKind, type LayerStyle, type LocalizedText, type ThemeId, type UpdateFrequency } from '../../api/contract/index.ts'

/**
 * Bilingual text, the geometry families, attribute types and how a layer is drawn are the API
 * contract's, as the layer goes out in the catalogue.
 */
export type { AttributeType, GeometryKind, LayerStyle, LocalizedText, UpdateFrequency }

/** The city slugs of the platform. A new hromada is a new entry in `cities`. */
export type CitySlug = string

/**
 * Themes group the catalogue in the web app, in display order. The list is the API contract's,
 * which the web app and the API read too (the contract imports nothing but zod).
 */
export { THEMES, type ThemeId }

/** One attribute of a layer's schema. Fields with `public: false` never leave the database. */
export interface AttributeField {
  /** Key in the stored feature properties (already renamed from the source). */
  name: string
  type: AttributeType
  label: LocalizedText
  public: boolean
  /**
   * Carried in the layer's tiles, with the fields its style labels and colours by. Layers mark
   * the few fields the map draws and filters by, so that tiles stay small; the feature API has
   * the whole record. A layer that marks none carries every public field in its tiles.
   */
  overview?: boolean
}

/** A public attribute of a live layer's schema, labelled in both languages; `overview` puts it in the tiles. */
export function publicAttribute(name: string, type: AttributeType, uk: string, en: string, overview = false): AttributeField {
  return { name, type, label: { uk, en }, public: true, ...(overview && { overview }) }
}

/** Everything the catalogue knows about a layer. */
/** Licence id of OpenStreetMap-derived layers. */
export const ODBL = 'ODbL-1.0'

/** Attribution every map showing OpenStreetMap-derived data must carry. */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors'

/**
 * The licence of a layer whose source states none: said honestly, never guessed. The data
 * passport links it to the list of sources, where what is known of the source is written.
 */
export const SOURCE_LICENCE_UNKNOWN = 'source licence unknown'

/** Highest zoom the tile server renders; MapLibre overzooms beyond it. */
export const TILE_MAXZOOM = 16

export interface LayerDefinition {
  /** Stable slug `<city>-<name>`, e.g. `kyiv-land-parcels`. */
  id: string
  city: CitySlug
  theme: ThemeId
  title: LocalizedText
  description: LocalizedText
  geometryType: GeometryKind
  attributes: AttributeField[]
  style: LayerStyle
  minzoom: number
  maxzoom: number
  licence: string
  attribution: string
  /** True when the features were generated, not observed; the web app says so. */
  synthetic?: boolean
  /** Residents can report a problem with one of its features (an appeal about the object). */
  acceptsAppeals?: boolean
  /** Where the data comes from (a register, a repository at a commit); kept as it is when unset. */
  source?: string
  /** How often the data changes (the data passport's); kept as it is when unset. */
  updateFrequency?: UpdateFrequency
}
