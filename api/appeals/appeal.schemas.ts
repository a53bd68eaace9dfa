import { z } from 'zod'
import { AppealNumber } from '../contract/index.ts'
import { Bbox, Slug } from '../layers/index.ts'
import { APPEAL_STATUSES } from './appeal-lifecycle.ts'

export { AppealNumber }

const Latitude = z.number({ error: 'must be a number (degrees)' }).finite().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90')
const Longitude = z.number({ error: 'must be a number (degrees)' }).finite().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180')

/** Text from a person: trimmed, without control characters other than line breaks and tabs. */
export function humanText(max: number) {
  return z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters')
    .pipe(z.string().max(max, `must be at most ${max} characters`))
}

export const Contact = z
  .object({
    name: humanText(200).optional(),
    email: z.email('must be an e-mail address').max(254).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{7,20}$/, 'must be a phone number such as +380 44 123 45 67')
      .optional(),
  })
  .strict()

/** The body of `POST /api/appeals` (JSON, or multipart with the same field names). */
export const AppealSubmissionBody = z
  .object({
    city: Slug,
    category: Slug,
    lat: Latitude,
    lon: Longitude,
    description: humanText(4000).pipe(z.string().min(1, 'must not be empty')),
    answers: z.record(z.string().max(64), z.unknown()).optional(),
    contact: Contact.optional(),
    show_name: z.boolean().default(false),
    public: z.boolean().default(true),
    locale: z.enum(['uk', 'en']).default('uk'),
    // Addressed to the deputy of the electoral district that holds the point as well.
    to_deputy: z.boolean().optional(),
    // A field people never see and bots fill in.
    website: z.string().optional(),
  })
  .strict()
export type AppealSubmissionBody = z.infer<typeof AppealSubmissionBody>

const IsoDate = z.iso.date('must be a date YYYY-MM-DD')

export const AppealListQuery = z.object({
  city: Slug.optional(),
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(APPEAL_STATUSES, 'must be statuses from: ' + APPEAL_STATUSES.join(', '))))
    .optional(),
  category: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(Slug).max(50))
    .optional(),
  district: z.coerce.number().int().positive().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  bbox: Bbox.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  format: z.enum(['json', 'geojson']).default('json'),
})
export type AppealListQuery = z.infer<typeof AppealListQuery>

export const NearbyQuery = z.object({
  lat: z.coerce.number().pipe(Latitude),
  lon: z.coerce.number().pipe(Longitude),
  category: Slug,
})

export const AppealParams = z.object({ number: AppealNumber })
export const TrackingParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a tracking token') })
// `<id>.<version>.jpg` and `<id>.<version>.thumb.jpg`; without the version, the photo's current file.
const PHOTO_FILE = /^(\d{1,12})(?:\.([0-9a-f]{12}))?(\.thumb)?\.jpg$/

/** A photo file name as its parts: the photo's id, the version of its file if named, and which file. */
export const PhotoFile = z
  .string()
  .regex(PHOTO_FILE, 'must be a photo file name')
  .transform((name) => {
    const [, id, version, thumb] = PHOTO_FILE.exec(name)!
    return { name, id: Number(id), version, variant: thumb ? ('thumb' as const) : ('full' as const) }
  })
export const PhotoParams = z.object({ number: AppealNumber, file: PhotoFile })

export const SupportBody = z.object({ email: z.email('must be an e-mail address').max(254) }).strict()
export const FeedbackBody = z.object({ reason: humanText(2000).optional() }).strict()

export const SubscriptionBody = z
  .object({
    email: z.email('must be an e-mail address').max(254),
    city: Slug,
    district: z.number().int().positive().optional(),
    lat: Latitude.optional(),
    lon: Longitude.optional(),
    radius_m: z.number().int().min(50).max(5000).optional(),
    locale: z.enum(['uk', 'en']).default('uk'),
  })
  .strict()
  .refine((b) => (b.district !== undefined) !== (b.lat !== undefined && b.lon !== undefined && b.radius_m !== undefined), {
    message: 'give either a district, or lat, lon and radius_m',
    path: ['district'],
  })
export const SubscriptionTokenQuery = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'must be a subscription token') })
