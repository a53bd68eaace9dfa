import { z } from 'zod'
import type { StyleSpecification } from 'maplibre-gl'
import {
  FieldError,
  LayerAttribute,
  LayerStyle,
  LocalizedText,
  LonLatBox,
  Problem as ProblemDocument,
  PublicCity,
  PublicCityList,
  PublicFeature,
  PublicLayer,
  PublicLayerList,
} from '../../api/contract/index.ts'

/**
 * Schemas of the API responses the map page reads. The API is another process, so its payloads
 * are validated at this edge; past it the inferred types are trusted. The schemas of `/api`
 * routes are the API contract's own (`api/contract/`): the server is typed and tested against
 * the same definitions, so the two cannot drift apart. The names here are the web app's.
 */

/** Longitude/latitude box: west, south, east, north. */
export const LonLatBoxSchema = LonLatBox

/** Bilingual text from the API. */
export const LocalizedTextSchema = LocalizedText

/** One city of `GET /api/cities`. */
export const CitySchema = PublicCity
export type City = PublicCity

/** `GET /api/layers/{id}/features/{featureId}`: one feature with all its public attributes. */
export const PublicFeatureSchema = PublicFeature
export type { PublicFeature }

/** `GET /api/cities`. */
export const CityListSchema = PublicCityList

/** How a layer is drawn. */
export const LayerStyleSchema = LayerStyle

/** One public attribute of a layer, with its human label. */
export const LayerAttributeSchema = LayerAttribute
export type { LayerAttribute }

/** One layer of `GET /api/layers?city=…`. */
export const LayerSummarySchema = PublicLayer
export type LayerSummary = PublicLayer

/** `GET /api/layers?city=…`. */
export const LayerListSchema = PublicLayerList

/** One invalid input of a problem: `field` is a path such as `body.contact.email`. */
export const FieldErrorSchema = FieldError
export type { FieldError }

/** An RFC 9457 problem document as the API sends it with every error. */
export const ApiProblemSchema = ProblemDocument

/**
 * A problem as the web app shows it: the API's document, or one built here for a network
 * failure or an answer that does not match its schema (a title, perhaps a detail).
 */
export const ProblemSchema = ProblemDocument.partial().required({ title: true })
export type Problem = z.infer<typeof ProblemSchema>

const StyleEnvelopeSchema = z.object({
  version: z.literal(8),
  sources: z.record(z.string(), z.object({ type: z.string() })),
  layers: z.array(z.object({ id: z.string(), type: z.string() })),
})

/**
 * `GET /styles/{city}.json`: checks the envelope of a MapLibre style only; MapLibre validates
 * the rest against the style specification when it loads the style.
 */
export const MapStyleSchema = z.custom<StyleSpecification>(
  (value) => StyleEnvelopeSchema.safeParse(value).success,
  { message: 'not a MapLibre style (version 8 with sources and layers)' },
)
