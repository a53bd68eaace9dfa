import { z } from 'zod'
import type { StyleSpecification } from 'maplibre-gl'
import type { LayerStyle, LocalizedText } from '../../layers/index.ts'
import { THEME_ORDER } from '../catalogue/themes.ts'

/**
 * Schemas of the API responses the map page reads. The API is another process, so its payloads
 * are validated at this edge; past it the inferred types are trusted.
 */

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/)

/** Longitude/latitude box: west, south, east, north. */
export const LonLatBoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()])

/** Bilingual text from the API. */
export const LocalizedTextSchema: z.ZodType<LocalizedText> = z.object({ uk: z.string(), en: z.string() })

/** One city of `GET /api/cities`. */
export const CitySchema = z.object({
  id: slug,
  name: LocalizedTextSchema,
  center: z.tuple([z.number(), z.number()]),
  zoom: z.number(),
  /** Null until the city's boundary is known (e.g. while the demo data loads). */
  bbox: LonLatBoxSchema.nullable(),
  style: z.string().min(1),
})
export type City = z.infer<typeof CitySchema>

/** `GET /api/layers/{id}/features/{featureId}`: one feature with all its public attributes. */
export const PublicFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.number(),
  properties: z.record(z.string(), z.unknown()),
})
export type PublicFeature = z.infer<typeof PublicFeatureSchema>

/** `GET /api/cities`. */
export const CityListSchema = z.array(CitySchema)

/** How a layer is drawn; mirrors `LayerStyle` of the layer catalogue. */
export const LayerStyleSchema: z.ZodType<LayerStyle> = z.object({
  color: z.string(),
  stroke: z.string().optional(),
  opacity: z.number().optional(),
  radius: z.number().optional(),
  width: z.number().optional(),
  label: z.string().optional(),
  basemap: z.boolean().optional(),
  categoryField: z.string().optional(),
  categories: z
    .array(z.object({ value: z.union([z.string(), z.number()]), color: z.string(), label: LocalizedTextSchema }))
    .optional(),
})

/** One public attribute of a layer, with its human label. */
export const LayerAttributeSchema = z.object({
  name: z.string(),
  type: z.enum(['string', 'number', 'integer', 'boolean', 'date']),
  label: LocalizedTextSchema,
})
export type LayerAttribute = z.infer<typeof LayerAttributeSchema>

/** One layer of `GET /api/layers?city=…`. */
export const LayerSummarySchema = z.object({
  id: slug,
  city: slug,
  theme: z.enum(THEME_ORDER),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  geometry_type: z.enum(['point', 'line', 'polygon']),
  attributes: z.array(LayerAttributeSchema),
  style: LayerStyleSchema,
  minzoom: z.number(),
  maxzoom: z.number(),
  licence: z.string(),
  attribution: z.string(),
  synthetic: z.boolean(),
  version: z.number(),
  feature_count: z.number().int().nonnegative(),
  bbox: LonLatBoxSchema.nullable(),
  tilejson: z.string(),
  downloads: z.object({ geojson: z.string(), csv: z.string() }),
})
export type LayerSummary = z.infer<typeof LayerSummarySchema>

/** `GET /api/layers?city=…`. */
export const LayerListSchema = z.array(LayerSummarySchema)

/** One invalid input of a problem: `field` is a path such as `body.contact.email`. */
export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() })
export type FieldError = z.infer<typeof FieldErrorSchema>

/** An RFC 9457 problem document, as every API error is sent; `errors` lists invalid inputs. */
export const ProblemSchema = z.object({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int().optional(),
  detail: z.string().optional(),
  errors: z.array(FieldErrorSchema).optional(),
})
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
