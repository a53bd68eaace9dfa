import { z } from 'zod'
import { Slug } from '../layers/index.ts'

const DistrictId = z.number('must be a district id or null').int('must be a district id or null').positive('must be a district id or null').max(2_147_483_647)

/** `?city=`: one city's rules; absent, every city's. */
export const RoutingRuleListQuery = z.object({ city: Slug.optional() })

/** A rule for a category in one district, or city-wide with `district: null` (the default). */
export const RoutingRuleCreateBody = z
  .object({
    city: Slug,
    category: Slug,
    district: DistrictId.nullable().default(null),
    organisation: Slug,
  })
  .strict()
export type RoutingRuleCreateBody = z.infer<typeof RoutingRuleCreateBody>

/** Only the organisation of a rule changes; a rule for another place is a new rule. */
export const RoutingRulePatchBody = z.object({ organisation: Slug }).strict()

/** A point (degrees) and the category of a would-be appeal in a city. */
export const RoutingPreviewQuery = z.object({
  city: Slug,
  category: Slug,
  lon: z.coerce.number('must be a number (degrees)').finite().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
  lat: z.coerce.number('must be a number (degrees)').finite().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
})
export type RoutingPreviewQuery = z.infer<typeof RoutingPreviewQuery>
