import { z } from 'zod'
import { addDays, AppealNumber, AppealSubmissionBody, Contact, humanText } from '../appeals/index.ts'
import { Slug } from '../layers/index.ts'

/** Names and texts in Ukrainian unless `?locale=en` (our extension). */
const Locale = z.enum(['uk', 'en']).default('uk')
export type Locale = z.infer<typeof Locale>

/** Whether a parameter counts as not sent: null, empty or only spaces (GeoReport v2: empty = absent). */
export const isBlank = (v: unknown): boolean => v === null || (typeof v === 'string' && v.trim() === '')

/**
 * `schema` over a query in which a blank parameter counts as absent: GeoReport v2 clients send
 * `?jurisdiction_id=&status=` for "no filter" (http://wiki.open311.org/GeoReport_v2).
 */
function blankAsAbsent<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (query) => (query !== null && typeof query === 'object' ? Object.fromEntries(Object.entries(query).filter(([, v]) => !isBlank(v))) : query),
    schema,
  )
}

export const LocaleQuery = blankAsAbsent(z.object({ locale: Locale }))

export const ServiceListQuery = blankAsAbsent(z.object({ jurisdiction_id: Slug.optional(), locale: Locale }))

/** The query of a service definition: the spec's `jurisdiction_id`, and our `locale`. */
export const ServiceDefinitionQuery = ServiceListQuery

/** `a,b,c` as a list of `item`, at most `max` long. */
function commaList<T extends z.ZodType<unknown, string>>(item: T, max: number) {
  return z
    .string()
    .transform((s) => s.split(',').map((p) => p.trim()))
    .pipe(z.array(item).max(max, `must list at most ${max}`))
}

// No appeal is older; year 0 and earlier are not valid dates in PostgreSQL.
const EARLIEST_YEAR = 1900

const W3cDatetime = z.iso
  .datetime({ offset: true, error: 'must be a W3C datetime with a time zone, e.g. 2026-05-04T09:30:00+03:00' })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= EARLIEST_YEAR, `must be in the year ${EARLIEST_YEAR} or later`)

/** The longest window of `GET requests`, and its default (the last 90 days). */
export const WINDOW_DAYS = 90

/**
 * The query of `GET requests`, with the filing-time window worked out: the last 90 days by
 * default, 90 days from `start_date` or up to `end_date` when only one is given, and never
 * longer than 90 days. `page` and `page_size` (at most 1000, the spec's limit) are our paging
 * extension.
 */
export const RequestListQuery = blankAsAbsent(
  z
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
    }),
)

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
  return z.preprocess((v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v), schema).optional()
}

/** A field of the spec we accept and do not keep; bounded all the same. */
const Unkept = z.union([z.string().max(1000, 'must be at most 1000 characters'), z.number()]).optional()

/**
 * One answer: a value, or the values of `attribute[code][]=…` (the spec's encoding of a
 * multivaluelist), which JSON clients send as a list.
 */
const AttributeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()).max(50, 'must list at most 50 values')])

/** Where the request is: the point sent, or an address to look up. */
export type RequestLocation = { kind: 'point'; lat: number; lon: number } | { kind: 'address'; text: string }

const { shape } = AppealSubmissionBody

/**
 * The body of `POST requests`, field names as in GeoReport v2, checked by the same rules as
 * a web appeal; `locale` (ours) sets the language of the notice and of the author's mail.
 * `api_key` is checked before this. The location is `lat` and `long`, or else
 * `address_string`; `description` is optional, as in the spec. Other fields are checked and
 * dropped: `address_id` because the point is the location, `media_url` because we fetch no
 * remote media, `device_id` and `account_id` because we keep no client identities.
 */
export const ServiceRequestBody = z
  .object({
    jurisdiction_id: Slug.optional(),
    service_code: required(Slug),
    lat: degrees(shape.lat),
    long: degrees(shape.lon),
    address_string: humanText(200).optional(),
    description: shape.description.optional(),
    attribute: z.record(z.string().max(64), AttributeValue).default({}),
    email: Contact.shape.email,
    phone: Contact.shape.phone,
    first_name: Contact.shape.name,
    last_name: Contact.shape.name,
    address_id: Unkept,
    media_url: Unkept,
    device_id: Unkept,
    account_id: Unkept,
    locale: Locale,
  })
  .transform((b, ctx) => {
    let location: RequestLocation | undefined
    if (b.lat !== undefined && b.long !== undefined) location = { kind: 'point', lat: b.lat, lon: b.long }
    else if (b.lat !== undefined) ctx.addIssue({ code: 'custom', path: ['long'], message: 'is required with lat' })
    else if (b.long !== undefined) ctx.addIssue({ code: 'custom', path: ['lat'], message: 'is required with long' })
    else if (b.address_string !== undefined) location = { kind: 'address', text: b.address_string }
    else for (const path of ['lat', 'long']) ctx.addIssue({ code: 'custom', path: [path], message: 'is required: send lat and long, or address_string' })
    if (!location) return z.NEVER
    const { jurisdiction_id, service_code, description, attribute, email, phone, first_name, last_name, locale } = b
    return { jurisdiction_id, service_code, location, description, attribute, email, phone, first_name, last_name, locale }
  })
export type ServiceRequestBody = z.infer<typeof ServiceRequestBody>
