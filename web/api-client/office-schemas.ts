import { z } from 'zod'
import { LEGAL_TERM_DAYS } from '../../api/contract/index.ts'
import { LocalizedTextSchema } from './api-schemas.ts'
import { RoleSchema, UserIdSchema } from './session-schemas.ts'
import { AppealNumberSchema, AppealPhotoSchema, AppealStatusSchema, TimelineEntrySchema } from './appeal-schemas.ts'

/**
 * Schemas of the back-office API (`/api/office…`, `/api/audit`, `/api/admin…`,
 * `/api/deputies`). Validated at this edge like every other API payload; past it the inferred
 * types are trusted.
 */


/** The queues of `GET /api/office/appeals?queue=`. */
export const OFFICE_QUEUES = ['triage', 'organisation', 'mine', 'overdue', 'escalated', 'all'] as const
export type OfficeQueue = (typeof OFFICE_QUEUES)[number]

const LabelledSchema = z.object({ id: z.string(), name: LocalizedTextSchema })
const PersonSchema = z.object({ id: UserIdSchema, name: z.string() })

/** One row of an office queue; `description` is cut to 200 characters. */
export const OfficeAppealSummarySchema = z.object({
  number: AppealNumberSchema,
  city: z.string(),
  status: AppealStatusSchema,
  category: LabelledSchema,
  district: z.object({ id: z.number(), name: z.string() }).nullable(),
  organisation: LabelledSchema.nullable(),
  executor: PersonSchema.nullable(),
  address: z.string().nullable(),
  description: z.string(),
  created_at: z.string(),
  due_at: z.string(),
  overdue: z.boolean(),
  extended: z.boolean(),
  escalated_at: z.string().nullable(),
  supporter_count: z.number().int(),
  photo_count: z.number().int(),
})
export type OfficeAppealSummary = z.infer<typeof OfficeAppealSummarySchema>

/** `GET /api/office/appeals`: one page of a queue and the number of matches. */
export const OfficeAppealListSchema = z.object({ total: z.number().int(), items: z.array(OfficeAppealSummarySchema) })
export type OfficeAppealList = z.infer<typeof OfficeAppealListSchema>

/** What staff can do to an appeal; the API lists the ones this user may do now. */
export const OFFICE_ACTIONS = ['register', 'route', 'recategorise', 'merge', 'reject', 'redact', 'take', 'status', 'extend', 'notes', 'work-photos', 'reassign'] as const
export type OfficeAction = (typeof OFFICE_ACTIONS)[number]

const isOfficeAction = (action: string): action is OfficeAction => (OFFICE_ACTIONS as readonly string[]).includes(action)

/** `[before, after]` of each attribute an audited change touched. */
export const AuditChangesSchema = z.record(z.string(), z.tuple([z.unknown(), z.unknown()]))
export type AuditChanges = z.infer<typeof AuditChangesSchema>

/** One entry of an appeal's audit trail. */
export const AppealAuditEntrySchema = z.object({
  id: z.union([z.number(), z.string()]),
  at: z.string(),
  actor: z.string().nullable(),
  actor_name: z.string().nullable(),
  action: z.string(),
  changes: AuditChangesSchema,
})
export type AppealAuditEntry = z.infer<typeof AppealAuditEntrySchema>

/** An internal note: staff only, never public. */
export const AppealNoteSchema = z.object({ id: z.union([z.number(), z.string()]), at: z.string(), author: PersonSchema.nullable(), body: z.string() })
export type AppealNote = z.infer<typeof AppealNoteSchema>

/** `GET /api/office/appeals/{number}` and the answer of every write to it. */
export const OfficeAppealSchema = OfficeAppealSummarySchema.extend({
  answers: z.record(z.string(), z.unknown()),
  is_public: z.boolean(),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  // Not in the written contract; shown on the mini-map and used for nearby duplicates when sent.
  location: z.object({ lon: z.number(), lat: z.number() }).optional(),
  photos: z.array(AppealPhotoSchema),
  events: z.array(TimelineEntrySchema),
  notes: z.array(AppealNoteSchema),
  audit: z.array(AppealAuditEntrySchema),
  // An action this client does not know yet is left out rather than failing the whole page.
  allowed_actions: z.array(z.string()).transform((actions) => actions.filter(isOfficeAction)),
})
export type OfficeAppeal = z.infer<typeof OfficeAppealSchema>

/** The kinds of organisation that answer appeals. */
export const ORGANISATION_KINDS = ['department', 'enterprise', 'district-administration', 'service'] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]

/** `GET /api/office/organisations?city=`: whom an appeal can be routed to. */
export const OrganisationOptionListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: LocalizedTextSchema, kind: z.enum(ORGANISATION_KINDS) })),
})
export type OrganisationOption = z.infer<typeof OrganisationOptionListSchema>['items'][number]

/** `GET /api/office/staff?organisation=`: whom an appeal can be given to. */
export const StaffListSchema = z.object({ items: z.array(z.object({ id: UserIdSchema, name: z.string(), roles: z.array(RoleSchema) })) })
export type StaffMember = z.infer<typeof StaffListSchema>['items'][number]

/** The kinds of object the audit trail follows. */
export const AUDIT_OBJECT_TYPES = ['appeal', 'user', 'organisation', 'category', 'routing-rule', 'layer', 'deputy', 'project'] as const

/** `GET /api/audit`: one page of the audit trail. */
export const AuditListSchema = z.object({
  total: z.number().int(),
  items: z.array(AppealAuditEntrySchema.extend({ object_type: z.string(), object_id: z.string() })),
})
export type AuditEntry = z.infer<typeof AuditListSchema>['items'][number]

/** A `{ total, items }` page of an admin collection. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ total: z.number().int(), items: z.array(item) })
}

/** `/api/admin/users`: an account with its roles, each staff role tied to an organisation. */
export const AdminUserSchema = z.object({
  id: UserIdSchema,
  email: z.string(),
  name: z.string(),
  roles: z.array(z.object({ role: RoleSchema, organisation: z.string().nullish() })),
})
export type AdminUser = z.infer<typeof AdminUserSchema>

/** `/api/admin/organisations`. */
export const AdminOrganisationSchema = z.object({
  id: z.string(),
  city: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  responsibility: z.string(),
  name: LocalizedTextSchema,
  email: z.string().nullish(),
})
export type AdminOrganisation = z.infer<typeof AdminOrganisationSchema>

/** `/api/admin/categories`: terms follow the law on citizens' appeals (15 or 30 days). */
export const AdminCategorySchema = z.object({
  id: z.string(),
  group: z.string(),
  name: LocalizedTextSchema,
  term_days: z.literal(LEGAL_TERM_DAYS),
  duplicate_radius_m: z.number(),
  responsibility: z.string(),
  questions: z.array(z.unknown()),
  sort: z.number().int(),
  active: z.boolean(),
})
export type AdminCategory = z.infer<typeof AdminCategorySchema>

/** `/api/admin/routing-rules`: category × district (null: the whole city) → organisation. */
export const RoutingRuleSchema = z.object({
  id: z.number().int(),
  city: z.string(),
  category: z.string(),
  district: z.number().int().nullable(),
  district_name: z.string().nullish(),
  organisation: z.string(),
})
export type RoutingRule = z.infer<typeof RoutingRuleSchema>

/**
 * `/api/deputies`: a deputy of an electoral district and their reception. The public list names
 * the district as `district: { number, name }`; writes take `district_number`.
 */
export const DeputySchema = z
  .object({
    id: z.union([z.number(), z.string()]),
    city: z.string(),
    district_number: z.number().int().optional(),
    district: z.object({ number: z.number().int(), name: z.string().nullish() }).optional(),
    name: z.string(),
    faction: z.string().nullish(),
    reception_address: z.string().nullish(),
    reception_hours: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .transform(({ district, ...deputy }) => ({ ...deputy, district_number: deputy.district_number ?? district?.number ?? 0 }))
export type Deputy = z.infer<typeof DeputySchema>

/** `GET /api/deputies?city=`: a plain array, taken as a page like the admin lists. */
export const DeputyListSchema = z.union([
  pageOf(DeputySchema),
  z.array(DeputySchema).transform((items) => ({ total: items.length, items })),
])

/** What a `DELETE` answers: nothing worth reading. */
export const AnySchema = z.unknown()
