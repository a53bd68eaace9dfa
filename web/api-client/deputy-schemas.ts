import { DeputyAt, ElectoralDistrict, PublicDeputy } from '../../api/contract/index.ts'

/**
 * Schemas of the deputies API (`/api/deputies…`), as the API contract describes them. Validated
 * at this edge like every other API payload; past it the inferred types are trusted.
 */

/** A territorial electoral district: its number and name ("ТВО №211"). */
export const ElectoralDistrictSchema = ElectoralDistrict

/** A deputy's public fields: the contact of the office, not of a private person. */
export const DeputySchema = PublicDeputy
export type Deputy = PublicDeputy

/** `GET /api/deputies/at`: the district holding a point and its deputy (null while the seat is vacant). */
export const DeputyAtSchema = DeputyAt
export type { DeputyAt }
