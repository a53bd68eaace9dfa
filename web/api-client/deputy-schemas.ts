import { z } from 'zod'

/**
 * Schemas of the deputies API (`/api/deputies…`). Validated at this edge like every other API
 * payload; past it the inferred types are trusted.
 */

/** A territorial electoral district: its number and name ("ТВО №211"). */
export const ElectoralDistrictSchema = z.object({ number: z.number().int(), name: z.string() })

/** A deputy's public fields: the contact of the office, not of a private person. */
export const DeputySchema = z.object({
  id: z.number().int(),
  city: z.string(),
  district: ElectoralDistrictSchema,
  name: z.string(),
  faction: z.string().nullable(),
  reception_address: z.string().nullable(),
  reception_hours: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  updated_at: z.string(),
})
export type Deputy = z.infer<typeof DeputySchema>

/** `GET /api/deputies/at`: the district holding a point and its deputy (null while the seat is vacant). */
export const DeputyAtSchema = z.object({ district: ElectoralDistrictSchema, deputy: DeputySchema.nullable() })
export type DeputyAt = z.infer<typeof DeputyAtSchema>
