import { z } from 'zod'
import { addDays } from '../appeals/appeal-lifecycle.ts'
import { AppealNumber, AppealSubmissionBody, Contact } from '../appeals/appeal.schemas.ts'
import { Slug } from '../layers/layer.schemas.ts'

/** Names and texts in Ukrainian unless `?locale=en` (our extension). */
const Locale = z.enum(['uk', 'en']).default('uk')
export type Locale = z.infer<typeof Locale>

export const LocaleQuery = z.object({ locale: Locale })

export const ServiceListQuery = z.object({ jurisdiction_id: Slug.optional(), locale: Locale })

/** `a,b,c` as a list of `item`, at most `max` long. */
function commaList<T extends z.ZodType<unknown, string>>(item: T, max: number) {
  return z
    .string()
    .transform((s) => s.split(',').map((p) => p.trim()))
    .pipe(z.array(item).max(max, `must list at most ${max}`))
}

const W3cDatetime = z.iso.datetime({ offset: true, error: 'must be a W3C datetime with a time zone, e.g. 2026-05-04T09:30:00+03:00' }).transform((s) => new Date(s))

/** The longest window of `GET requests`, and its default (the last 90 days). */
export const WINDOW_DAYS = 90

/**
 * The query of `GET requests`, with the filing-time window worked out: the last 90 days by
 * default, 90 days from `start_date` or up to `end_date` when only one is given, and never
 * longer than 90 days. `page` and `page_size` (at most 1000, the spec's limit) are our paging
 * extension.
 */
export const RequestListQuery = z
  .object({
    service_request_id: commaList(AppealNumber, 1000).optional(),
    service_code: commaList(Slug, 100).optional(),
    start_date: W3cDatetime.optional(),
    end_date: W3cDatetime.optional(),
    status: commaList(z.enum(['open', 'closed'], 'must be open or closed'), 2).optional(),
    jurisdiction_id: Slug.optional(),
    locale: Locale,
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    page_size: z.coerce.number().int().min(1).max(1000).default(1000),
  })
  .transform((q, ctx) => {
    const to = q.end_date ?? (q.start_date ? addDays(q.start_date, WINDOW_DAYS) : new Date())
    const from = q.start_date ?? addDays(to, -WINDOW_DAYS)
    if (from > to) ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'must not be before start_date' })
    else if (to.getTime() - from.getTime() > WINDOW_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: `the window may span at most ${WINDOW_DAYS} days` })
    }
    return { ...q, from, to }
  })

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/

/** `schema`, with a missing value reported as `message` rather than as a wrong type. */
function required<T extends z.ZodType>(schema: T, message = 'is required') {
  return z
    .unknown()
    .refine((v): boolean => v !== undefined, message)
    .pipe(schema)
}

/** Degrees as a JSON number or as form text. */
function degrees<T extends z.ZodType>(schema: T) {
  const number = z.preprocess((v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v), schema)
  return required(number, 'is required: this server does not look up address_string, send the point')
}

const { shape } = AppealSubmissionBody

/**
 * The body of `POST requests`, field names as in GeoReport v2, checked by the same rules as
 * a web appeal; `locale` (ours) sets the language of the notice and of the author's mail.
 * `api_key` is checked before this. Other fields are dropped: `address_string` and
 * `address_id` because the point is the location, `media_url` because we fetch no remote
 * media, `device_id` and `account_id` because we keep no client identities.
 */
export const ServiceRequestBody = z.object({
  jurisdiction_id: Slug.optional(),
  service_code: required(Slug),
  lat: degrees(shape.lat),
  long: degrees(shape.lon),
  description: required(shape.description),
  attribute: z.record(z.string().max(64), z.union([z.string(), z.number(), z.boolean()])).default({}),
  email: Contact.shape.email,
  phone: Contact.shape.phone,
  first_name: Contact.shape.name,
  last_name: Contact.shape.name,
  locale: Locale,
})
export type ServiceRequestBody = z.infer<typeof ServiceRequestBody>
