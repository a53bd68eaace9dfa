import { z } from 'zod'
import { APPEAL_STATUSES, AppealNumber, humanText } from '../appeals/index.ts'
import { Slug } from '../layers/index.ts'

/** The work lists of the back office. */
export const QUEUES = ['triage', 'organisation', 'mine', 'overdue', 'escalated', 'all'] as const
export type Queue = (typeof QUEUES)[number]

const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(50)).optional()

export const OfficeListQuery = z.object({
  queue: z.enum(QUEUES).default('all'),
  city: Slug.optional(),
  status: listOf(z.enum(APPEAL_STATUSES)),
  category: listOf(Slug),
  organisation: Slug.optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type OfficeListQuery = z.infer<typeof OfficeListQuery>

export const OfficeAppealParams = z.object({ number: AppealNumber })
export const OfficePhotoParams = z.object({ number: AppealNumber, file: z.string().regex(/^\d{1,12}(\.thumb)?\.jpg$/, 'must be a photo file name') })

const Reason = humanText(2000).pipe(z.string().min(1, 'must not be empty'))
const Response = humanText(4000).pipe(z.string().min(1, 'must not be empty'))

export const EmptyBody = z.object({}).strict()
export const RouteBody = z.object({ organisation: Slug }).strict()
export const RecategoriseBody = z.object({ category: Slug }).strict()
export const MergeBody = z.object({ duplicate_of: AppealNumber }).strict()
export const RejectBody = z.object({ reason: Reason, response: Response.optional() }).strict()
export const StatusBody = z
  .object({ status: z.enum(['in_progress', 'resolved']), response: Response.optional() })
  .strict()
  .refine((b) => b.status !== 'resolved' || b.response, { message: 'a resolution needs a public response', path: ['response'] })
export const ExtendBody = z.object({ due_at: z.iso.date('must be a date like 2026-12-31').or(z.iso.datetime({ offset: true })), reason: Reason }).strict()
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
export type Region = z.infer<typeof Region>

export const RedactBody = z
  .object({
    description: humanText(4000).pipe(z.string().min(1, 'must not be empty')).optional(),
    photos: z.array(z.object({ id: z.number().int().positive(), regions: z.array(Region).min(1).max(20) }).strict()).max(20).optional(),
    reason: Reason,
  })
  .strict()
  .refine((b) => b.description !== undefined || b.photos?.length, { message: 'give the redacted description or photo regions', path: ['description'] })

export const StaffQuery = z.object({ organisation: Slug.optional() })
export const OrganisationQuery = z.object({ city: Slug.optional() })
