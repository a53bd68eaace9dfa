import { z } from 'zod'
import { AppealAbout, AppealNumber, AppealPhoto, humanText, TimelineEntry } from './appeals.ts'
import { ORGANISATION_KINDS } from './admin.ts'
import { AuditEntry } from './audit.ts'
import { LocalizedText, Slug, Timestamp } from './common.ts'
import { APPEAL_STATUSES, ROLES } from './enums.ts'
import { apiRoute, type ProblemStatus } from './route.ts'

/** The work lists of the back office. */
export const OFFICE_QUEUES = ['triage', 'organisation', 'mine', 'overdue', 'escalated', 'all'] as const
export type OfficeQueue = (typeof OFFICE_QUEUES)[number]

/**
 * What staff can do to an appeal, each the last segment of its `POST /api/office/appeals/{number}/…`
 * route; an appeal lists the ones the reader may do now.
 */
export const OFFICE_ACTIONS = ['register', 'route', 'recategorise', 'merge', 'reject', 'redact', 'take', 'status', 'extend', 'notes', 'work-photos', 'reassign'] as const
export type OfficeAction = (typeof OFFICE_ACTIONS)[number]

const AppealStatus = z.enum(APPEAL_STATUSES)
/** A user as staff see them by name: no e-mail or other contact. */
const Person = z.object({ id: z.number().int(), name: z.string() })
/** A catalogue entry or organisation by id and name. */
const Labelled = z.object({ id: Slug, name: LocalizedText })

const listOf = <T extends z.ZodType>(item: T) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(50))
    .optional()
    .meta({ description: 'Comma-separated.' })

/** `GET /api/office/appeals`: a queue, narrowed by the filters given. */
export const OfficeListQuery = z.object({
  queue: z.enum(OFFICE_QUEUES).default('all'),
  city: Slug.optional(),
  status: listOf(AppealStatus),
  category: listOf(Slug),
  organisation: Slug.optional(),
  q: z.string().trim().max(200).optional().meta({ description: 'Words in the number, description or address.' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type OfficeListQuery = z.infer<typeof OfficeListQuery>

/** `{ number }` of an appeal in its path. */
export const OfficeAppealParams = z.object({ number: AppealNumber })
/** `{ number, file }` of a photo of an appeal: `<id>.jpg` or `<id>.thumb.jpg`. */
export const OfficePhotoParams = z.object({ number: AppealNumber, file: z.string().regex(/^\d{1,12}(\.thumb)?\.jpg$/, 'must be a photo file name') })

/** An appeal in a work list; `description` is cut to 200 characters. */
export const OfficeAppealSummary = z
  .object({
    number: AppealNumber,
    city: Slug,
    status: AppealStatus,
    category: Labelled,
    district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    organisation: Labelled.nullable(),
    executor: Person.nullable(),
    address: z.string().nullable(),
    description: z.string(),
    created_at: Timestamp,
    due_at: Timestamp,
    overdue: z.boolean(),
    extended: z.boolean(),
    escalated_at: Timestamp.nullable(),
    supporter_count: z.number().int().nonnegative(),
    photo_count: z.number().int().nonnegative(),
    location: z.object({ lon: z.number(), lat: z.number() }),
  })
  .meta({ id: 'OfficeAppealSummary' })
export type OfficeAppealSummary = z.infer<typeof OfficeAppealSummary>

/** One page of a work list and the number of appeals that match. */
export const OfficeAppealPage = z.object({ total: z.number().int().nonnegative(), items: z.array(OfficeAppealSummary) }).meta({ id: 'OfficeAppealPage' })
export type OfficeAppealPage = z.infer<typeof OfficeAppealPage>

/** An internal note: staff only, never public. */
export const AppealNote = z.object({ id: z.number().int(), at: Timestamp, author: Person.nullable(), body: z.string() }).meta({ id: 'AppealNote' })
export type AppealNote = z.infer<typeof AppealNote>

/** The staff view of one appeal: contact, internal notes, audit trail and what the reader may do now. */
export const OfficeAppeal = OfficeAppealSummary.extend({
  description: z.string().meta({ description: 'The whole text.' }),
  answers: z.record(z.string(), z.unknown()),
  is_public: z.boolean(),
  synthetic: z.boolean(),
  source: z.string(),
  rejection_reason: z.string().nullable(),
  duplicate_of: AppealNumber.nullable(),
  resolved_at: Timestamp.nullable(),
  confirmed_at: Timestamp.nullable(),
  reopen_count: z.number().int().nonnegative(),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  photos: z.array(AppealPhoto),
  object: AppealAbout.nullable().meta({ description: 'The object the appeal is about, with its layer.' }),
  events: z.array(TimelineEntry),
  notes: z.array(AppealNote),
  audit: z.array(AuditEntry),
  allowed_actions: z.array(z.enum(OFFICE_ACTIONS)),
}).meta({ id: 'OfficeAppeal' })
export type OfficeAppeal = z.infer<typeof OfficeAppeal>

/** What a reassignment to another organisation answers: the appeal has left the reader's view. */
export const OfficeAppealMovedOut = z
  .object({
    number: AppealNumber,
    status: AppealStatus,
    organisation: z.object({ id: Slug }),
    executor: z.null(),
    moved_out: z.literal(true),
  })
  .meta({ id: 'OfficeAppealMovedOut' })

/** An organisation an appeal can be routed to. */
export const OrganisationOption = z.object({ id: Slug, city: Slug, name: LocalizedText, kind: z.enum(ORGANISATION_KINDS) }).meta({ id: 'OrganisationOption' })
export type OrganisationOption = z.infer<typeof OrganisationOption>
export const OrganisationOptionList = z.object({ items: z.array(OrganisationOption) })
export const OrganisationQuery = z.object({ city: Slug.optional() })

/** A member of an organisation's staff with their work roles. */
export const StaffMember = z.object({ id: z.number().int(), name: z.string(), roles: z.array(z.enum(ROLES)) }).meta({ id: 'StaffMember' })
export type StaffMember = z.infer<typeof StaffMember>
export const StaffList = z.object({ items: z.array(StaffMember) })
export const StaffQuery = z.object({ organisation: Slug.optional().meta({ description: "The reader's own organisation by default." }) })

const Reason = humanText(2000).pipe(z.string().min(1, 'must not be empty'))
const PublicResponse = humanText(4000).pipe(z.string().min(1, 'must not be empty'))

/** The body of an action that takes nothing but the appeal. */
export const EmptyBody = z.object({}).strict()
export const RouteBody = z.object({ organisation: Slug }).strict()
export const RecategoriseBody = z.object({ category: Slug }).strict()
export const MergeBody = z.object({ duplicate_of: AppealNumber }).strict()
export const RejectBody = z.object({ reason: Reason, response: PublicResponse.optional() }).strict()
export const StatusBody = z
  .object({ status: z.enum(['in_progress', 'resolved']), response: PublicResponse.optional() })
  .strict()
  .refine((b) => b.status !== 'resolved' || b.response, { message: 'a resolution needs a public response', path: ['response'] })
export const ExtendBody = z
  .object({ due_at: z.iso.date('must be a date like 2026-12-31').or(z.iso.datetime({ offset: true })), reason: Reason })
  .strict()
export const NoteBody = z.object({ body: humanText(4000).pipe(z.string().min(1, 'must not be empty')) }).strict()
export const ReassignBody = z
  .object({ organisation: Slug.optional(), executor: z.number().int().positive().nullable().optional() })
  .strict()
  .refine((b) => b.organisation !== undefined || b.executor !== undefined, { message: 'name an organisation or an executor', path: ['organisation'] })

const Fraction = z.number().finite().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1')
/** A black box over a photo, in fractions of its width and height. */
export const Region = z
  .object({ x: Fraction, y: Fraction, width: Fraction, height: Fraction })
  .strict()
  .refine((r) => r.width > 0 && r.height > 0 && r.x + r.width <= 1.0001 && r.y + r.height <= 1.0001, 'must be a non-empty box inside the photo')
  .meta({ id: 'Region' })
export type Region = z.infer<typeof Region>

export const RedactBody = z
  .object({
    description: humanText(4000).pipe(z.string().min(1, 'must not be empty')).optional(),
    photos: z.array(z.object({ id: z.number().int().positive(), regions: z.array(Region).min(1).max(20) }).strict()).max(20).optional(),
    reason: Reason,
  })
  .strict()
  .refine((b) => b.description !== undefined || b.photos?.length, { message: 'give the redacted description or photo regions', path: ['description'] })

/** `multipart/form-data`: the photos in the field `photos` (or `photos[]`). */
export const WorkPhotosForm = z.object({ photos: z.array(z.file()).min(1).meta({ description: 'JPEG, PNG or WebP images.' }) })

const detail = { 200: { description: 'The appeal as it is afterwards.', schema: OfficeAppeal } } as const
/** 413 only from the general body limit. */
const ACTION_PROBLEMS = [401, 403, 404, 409, 413] as const

/** 507 where photos are written: the photo store's disk is full. */
const PHOTO_WRITE_PROBLEMS = [...ACTION_PROBLEMS, 507] as const

/** One `POST /api/office/appeals/{number}/<action>` route with a JSON body. */
function actionRoute<const A extends OfficeAction, B extends z.ZodType>(action: A, summary: string, body: B, description?: string, problems: readonly ProblemStatus[] = ACTION_PROBLEMS) {
  return apiRoute({
    method: 'post',
    path: `/api/office/appeals/{number}/${action}`,
    summary,
    ...(description && { description }),
    tags: ['office'],
    request: { params: OfficeAppealParams, body: { json: body } },
    responses: detail,
    security: ['session'],
    problems,
  })
}

export const listOfficeAppealsRoute = apiRoute({
  method: 'get',
  path: '/api/office/appeals',
  summary: 'A work list of appeals',
  description: 'Staff of one organisation see only its appeals. Open queues by due date, `all` newest first.',
  tags: ['office'],
  request: { query: OfficeListQuery },
  responses: { 200: { description: 'One page of the queue.', schema: OfficeAppealPage } },
  security: ['session'],
  problems: [401, 403],
})

export const getOfficeAppealRoute = apiRoute({
  method: 'get',
  path: '/api/office/appeals/{number}',
  summary: 'The staff view of an appeal',
  tags: ['office'],
  request: { params: OfficeAppealParams },
  responses: { 200: { description: 'The appeal with contact, notes, audit trail and the actions the reader may take.', schema: OfficeAppeal } },
  security: ['session'],
  problems: [401, 403, 404],
})

export const getOfficeAppealPhotoRoute = apiRoute({
  method: 'get',
  path: '/api/office/appeals/{number}/photos/{file}',
  summary: 'A photo of an appeal, for staff',
  tags: ['office'],
  request: { params: OfficePhotoParams },
  responses: { 200: { description: 'The JPEG, or its thumbnail for `<id>.thumb.jpg`; private, not cached.', contentType: 'image/jpeg' } },
  security: ['session'],
  problems: [401, 403, 404],
})

export const registerAppealRoute = actionRoute('register', 'Register a new appeal', EmptyBody)
export const routeAppealRoute = actionRoute('route', 'Route an appeal to an organisation', RouteBody)
export const recategoriseAppealRoute = actionRoute('recategorise', 'Move an open appeal to another category', RecategoriseBody)
export const mergeAppealRoute = actionRoute('merge', 'Mark an appeal a duplicate of another', MergeBody)
export const rejectAppealRoute = actionRoute('reject', 'Reject an appeal', RejectBody)
export const redactAppealRoute = actionRoute('redact', "Redact an appeal's description or black out photo regions", RedactBody, undefined, PHOTO_WRITE_PROBLEMS)
export const takeAppealRoute = actionRoute('take', 'Take an appeal into work as its executor', EmptyBody)
export const setAppealStatusRoute = actionRoute('status', 'Start work on an appeal or resolve it', StatusBody, 'A resolution needs a public `response`.')
export const extendAppealRoute = actionRoute('extend', "Extend an appeal's term once", ExtendBody, 'A date alone means the end of that day in Kyiv; at most 45 days from filing in all.')
export const addAppealNoteRoute = actionRoute('notes', 'Add an internal note', NoteBody)

export const addWorkPhotosRoute = apiRoute({
  method: 'post',
  path: '/api/office/appeals/{number}/work-photos',
  summary: 'Attach photos of the work done',
  tags: ['office'],
  request: { params: OfficeAppealParams, body: { multipart: WorkPhotosForm } },
  responses: detail,
  security: ['session'],
  problems: [...PHOTO_WRITE_PROBLEMS, 415],
})

export const reassignAppealRoute = apiRoute({
  method: 'post',
  path: '/api/office/appeals/{number}/reassign',
  summary: 'Give an appeal to another executor or organisation',
  description: 'Moved to another organisation, the appeal leaves the reader\'s view and the answer says only where it went (`moved_out`).',
  tags: ['office'],
  request: { params: OfficeAppealParams, body: { json: ReassignBody } },
  responses: { 200: { description: 'The appeal as it is afterwards, or where it went.', schema: z.union([OfficeAppeal, OfficeAppealMovedOut]) } },
  security: ['session'],
  problems: ACTION_PROBLEMS,
})

export const listStaffRoute = apiRoute({
  method: 'get',
  path: '/api/office/staff',
  summary: "An organisation's executors and heads",
  tags: ['office'],
  request: { query: StaffQuery },
  responses: { 200: { description: 'The staff by name.', schema: StaffList } },
  security: ['session'],
  problems: [401, 403],
})

export const listOrganisationOptionsRoute = apiRoute({
  method: 'get',
  path: '/api/office/organisations',
  summary: 'The organisations appeals can be routed to',
  tags: ['office'],
  request: { query: OrganisationQuery },
  responses: { 200: { description: 'By city and Ukrainian name.', schema: OrganisationOptionList } },
  security: ['session'],
  problems: [401, 403],
})

/** The routes of `/api/office`. */
export const OFFICE_ROUTES = [
  listOfficeAppealsRoute,
  getOfficeAppealRoute,
  getOfficeAppealPhotoRoute,
  registerAppealRoute,
  routeAppealRoute,
  recategoriseAppealRoute,
  mergeAppealRoute,
  rejectAppealRoute,
  redactAppealRoute,
  takeAppealRoute,
  setAppealStatusRoute,
  extendAppealRoute,
  addAppealNoteRoute,
  addWorkPhotosRoute,
  reassignAppealRoute,
  listStaffRoute,
  listOrganisationOptionsRoute,
]
