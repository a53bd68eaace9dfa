import { z } from 'zod'
import { APPEAL_STATUSES, AppealNumber, OPEN_STATUSES as OPEN_STATUS_LIST } from '../../api/contract/index.ts'
import { LocalizedTextSchema } from './api-schemas.ts'

/**
 * Schemas of the appeals API (`/api/appeals…`, `/api/appeal-categories`). Validated at this
 * edge like every other API payload; past it the inferred types are trusted.
 */

/** The workflow statuses of an appeal, in the order an appeal moves through them. */
export { APPEAL_STATUSES }
export const AppealStatusSchema = z.enum(APPEAL_STATUSES)
export type AppealStatus = z.infer<typeof AppealStatusSchema>

/** Statuses where the city still owes an answer: residents can still say "me too". */
export const OPEN_STATUSES: ReadonlySet<AppealStatus> = new Set(OPEN_STATUS_LIST)

/** `KYIV-2026-000123`: a city code, the year and a counter. */
export const AppealNumberSchema = AppealNumber
export type AppealNumber = z.infer<typeof AppealNumberSchema>

/** One extra question a category asks; its `type` decides the input. */
export const CategoryQuestionSchema = z.object({
  id: z.string(),
  type: z.enum(['text', 'integer', 'number', 'boolean', 'date', 'select']),
  label: LocalizedTextSchema,
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: LocalizedTextSchema })).optional(),
})
export type CategoryQuestion = z.infer<typeof CategoryQuestionSchema>

/** One category of `GET /api/appeal-categories`. */
export const AppealCategorySchema = z.object({
  id: z.string(),
  group: z.string(),
  name: LocalizedTextSchema,
  term_days: z.number().int(),
  duplicate_radius_m: z.number(),
  questions: z.array(CategoryQuestionSchema),
})
export type AppealCategory = z.infer<typeof AppealCategorySchema>
export const AppealCategoryListSchema = z.array(AppealCategorySchema)

const OrganisationSchema = z.object({ id: z.string(), name: LocalizedTextSchema })

/** A photo of an appeal: taken when reporting, or of the work done. */
export const AppealPhotoSchema = z.object({
  id: z.number(),
  stage: z.enum(['report', 'work']),
  width: z.number(),
  height: z.number(),
  url: z.string(),
  thumbnail_url: z.string(),
})
export type AppealPhoto = z.infer<typeof AppealPhotoSchema>

/** One entry of an appeal's public timeline. */
export const TimelineEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(['created', 'status', 'extended', 'confirmed', 'reopened', 'recategorised', 'routed', 'taken', 'escalated', 'work-photos', 'redacted']),
  status: AppealStatusSchema,
  response: z.string().nullable(),
  reason: z.string().nullable(),
  due_at: z.string().nullable(),
  organisation: OrganisationSchema.nullable(),
})
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>

/** An appeal as anyone may see it (the list and nearby endpoints send it without a timeline). */
export const PublicAppealSchema = z.object({
  number: AppealNumberSchema,
  city: z.string(),
  status: AppealStatusSchema,
  overdue: z.boolean(),
  category: z.object({ id: z.string(), group: z.string(), name: LocalizedTextSchema }),
  description: z.string(),
  answers: z.record(z.string(), z.unknown()),
  address: z.string().nullable(),
  district: z.object({ id: z.number(), name: z.string() }).nullable(),
  organisation: OrganisationSchema.nullable(),
  location: z.object({ lon: z.number(), lat: z.number() }),
  author: z.string().nullable(),
  supporters: z.number().int(),
  created_at: z.string(),
  due_at: z.string(),
  resolved_at: z.string().nullable(),
  confirmed_at: z.string().nullable(),
  reopen_count: z.number().int(),
  rejection_reason: z.string().nullable(),
  duplicate_of: z.string().nullable(),
  synthetic: z.boolean(),
  deputy: z.object({ name: z.string(), district: z.object({ number: z.number().int(), name: z.string() }) }).nullable().default(null),
  photos: z.array(AppealPhotoSchema),
  url: z.string(),
  timeline: z.array(TimelineEntrySchema).default([]),
})
export type PublicAppeal = z.infer<typeof PublicAppealSchema>

/** `GET /api/appeals/track/{token}`: the author's own view, with the privacy choices they made. */
export const TrackedAppealSchema = PublicAppealSchema.extend({
  is_public: z.boolean(),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
})
export type TrackedAppeal = z.infer<typeof TrackedAppealSchema>

/** `GET /api/appeals/nearby`: open appeals of one category around a point, nearest first. */
export const NearbyAppealsSchema = z.object({
  appeals: z.array(PublicAppealSchema.extend({ distance_m: z.number() })),
})
export type NearbyAppeal = z.infer<typeof NearbyAppealsSchema>['appeals'][number]

/** `POST /api/appeals` → 201: what the resident keeps. */
export const AppealReceiptSchema = z.object({
  number: AppealNumberSchema,
  status: z.literal('new'),
  tracking_url: z.string(),
  url: z.string(),
  category: z.string(),
  district: z.string().nullable(),
  address: z.string().nullable(),
  due_at: z.string(),
  created_at: z.string(),
  photos: z.number().int(),
})
export type AppealReceipt = z.infer<typeof AppealReceiptSchema>

/** `POST /api/appeals/{number}/support`. */
export const SupportResultSchema = z.object({ number: z.string(), supporters: z.number().int(), counted: z.boolean() })
export type SupportResult = z.infer<typeof SupportResultSchema>

/** `POST /api/appeals/track/{token}/confirm|reopen`. */
export const FeedbackResultSchema = z.object({ number: z.string(), status: AppealStatusSchema })

/** `GET /api/appeals?format=geojson`: appeals as points, with the total for paging. */
export const AppealPointsSchema = z.object({
  numberMatched: z.number().int(),
  features: z.array(
    z.object({
      geometry: z.object({ coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({ status: AppealStatusSchema }),
    }),
  ),
})

/** `POST /api/appeal-subscriptions` → 202: the confirmation mail is on its way (double opt-in). */
/** `GET /api/addresses?city=&q=`: addresses of the city's public layers matching the query. */
export const AddressMatchListSchema = z.array(z.object({ label: z.string(), lon: z.number(), lat: z.number(), layer: z.string() }))
export type AddressMatch = z.infer<typeof AddressMatchListSchema>[number]

/** `GET /api/cities/{id}/districts`: the ids that alerts and appeal filters take. */
export const DistrictListSchema = z.array(z.object({ id: z.number().int(), name: z.string() }))
export type District = z.infer<typeof DistrictListSchema>[number]

export const SubscriptionReceiptSchema = z.object({ status: z.literal('confirmation-sent') })
