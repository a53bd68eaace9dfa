import { z } from 'zod'
import { Bbox, LocalizedText, PageLinks, Slug, Timestamp } from './common.ts'
import { APPEAL_STATUSES } from './enums.ts'
import { apiRoute } from './route.ts'

/** An appeal's public number: the city's code, the year and a sequence, e.g. `KYIV-2026-000123`. */
export const AppealNumber = z.string().regex(/^[A-Z][A-Z0-9]*-\d{4}-\d{6}$/, 'must be an appeal number like KYIV-2026-000123')

/** A latitude in degrees, as a JSON number. */
export const Latitude = z.number({ error: 'must be a number (degrees)' }).finite().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90')
/** A longitude in degrees, as a JSON number. */
export const Longitude = z.number({ error: 'must be a number (degrees)' }).finite().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180')

/** Text from a person: trimmed, without control characters other than line breaks and tabs. */
export function humanText(max: number) {
  return z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters')
    .pipe(z.string().max(max, `must be at most ${max} characters`))
}

/** How the author of an appeal may be reached; never published. */
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

/**
 * What an appeal is about: a feature of a layer that accepts appeals (`accepts_appeals` in the
 * catalogue). The appeal's place snaps to the object, and it goes to the object's holder.
 */
export const AppealObjectRef = z
  .object({
    layer: Slug,
    feature_id: z.number().int('must be a feature id').min(1).max(Number.MAX_SAFE_INTEGER),
  })
  .strict()
  .meta({ id: 'AppealObjectRef', description: 'A feature of a layer that accepts appeals: the appeal is about this object.' })

/** The body of `POST /api/appeals` as JSON; multipart sends the same fields as {@link AppealSubmissionForm}. */
export const AppealSubmissionBody = z
  .object({
    city: Slug,
    category: Slug,
    lat: Latitude,
    lon: Longitude,
    description: humanText(4000).pipe(z.string().min(1, 'must not be empty')),
    answers: z.record(z.string().max(64), z.unknown()).optional().meta({ description: "Answers to the category's extra questions, by question id." }),
    contact: Contact.optional(),
    show_name: z.boolean().default(false).meta({ description: "Publish the author's name with the appeal." }),
    public: z.boolean().default(true).meta({ description: 'Publish the appeal on the map; a private one is seen by the city and its author only.' }),
    locale: z.enum(['uk', 'en']).default('uk'),
    // Addressed to the deputy of the electoral district that holds the point as well.
    to_deputy: z.boolean().optional().meta({ description: 'Address the deputy of the electoral district that holds the point as well.' }),
    object: AppealObjectRef.optional(),
    // A field people never see and bots fill in.
    website: z.string().optional().meta({ description: 'Leave empty: a submission that fills it in is refused as automated.' }),
  })
  .strict()
  .meta({ id: 'AppealSubmission' })
export type AppealSubmissionBody = z.infer<typeof AppealSubmissionBody>

/**
 * `POST /api/appeals` as `multipart/form-data`: the fields of the JSON body as text
 * (`contact[email]`, `answers[<id>]`, booleans as `true`/`false`) and up to the photo limit of
 * JPEG, PNG or WebP files under `photos`. The server reads the form into the JSON body's shape
 * and checks it with {@link AppealSubmissionBody}; this schema documents the form.
 */
export const AppealSubmissionForm = z
  .object({
    city: z.string(),
    category: z.string(),
    lat: z.string().meta({ description: 'Degrees, e.g. `50.4501`.' }),
    lon: z.string().meta({ description: 'Degrees, e.g. `30.5234`.' }),
    description: z.string(),
    'answers[<id>]': z.string().optional().meta({ description: "One field per answered question, e.g. `answers[depth_cm]`; or `answers` with a JSON object." }),
    'contact[name]': z.string().optional(),
    'contact[email]': z.string().optional(),
    'contact[phone]': z.string().optional(),
    show_name: z.enum(['true', 'false']).optional(),
    public: z.enum(['true', 'false']).optional(),
    to_deputy: z.enum(['true', 'false']).optional(),
    'object[layer]': z.string().optional().meta({ description: 'The layer of the object the appeal is about.' }),
    'object[feature_id]': z.string().optional().meta({ description: 'The feature id of that object.' }),
    locale: z.enum(['uk', 'en']).optional(),
    website: z.string().optional().meta({ description: 'Leave empty (the honeypot).' }),
    photos: z.array(z.file()).optional().meta({ description: 'The photos, each under its size limit; re-encoded without EXIF.' }),
  })
  .meta({ id: 'AppealSubmissionForm' })

/** The `Idempotency-Key` of a submission: 1–255 printable ASCII characters. */
export const IdempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII')
  .meta({ description: 'Printable ASCII, 1–255 characters; a retry with the same key and body gets the first receipt.' })

/** The headers of a submission: a retry with the same `Idempotency-Key` gets the first receipt. */
export const IdempotencyHeaders = z.object({ 'idempotency-key': IdempotencyKey.optional() })

const IsoDate = z.iso.date('must be a date YYYY-MM-DD')

/** The filters and paging of `GET /api/appeals`, and the format of its answer. */
export const AppealListQuery = z.object({
  city: Slug.optional(),
  status: z
    .string()
    .meta({ description: 'Statuses separated by commas.', example: 'new,registered' })
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(APPEAL_STATUSES, 'must be statuses from: ' + APPEAL_STATUSES.join(', '))))
    .optional(),
  category: z
    .string()
    .meta({ description: 'Category ids separated by commas.' })
    .transform((s) => s.split(','))
    .pipe(z.array(Slug).max(50))
    .optional(),
  district: z.coerce.number().int().positive().optional(),
  from: IsoDate.optional().meta({ description: 'Filed on or after this day (Kyiv time).' }),
  to: IsoDate.optional().meta({ description: 'Filed on or before this day (Kyiv time).' }),
  bbox: Bbox.optional(),
  object_layer: Slug.optional().meta({ description: 'Appeals about a feature of this layer (with `object_feature`).' }),
  object_feature: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().meta({ description: 'Appeals about this feature of `object_layer`.' }),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  format: z.enum(['json', 'geojson']).default('json').meta({ description: '`geojson` answers a FeatureCollection of points (`application/geo+json`).' }),
})
export type AppealListQuery = z.infer<typeof AppealListQuery>

/** `GET /api/appeals/nearby`: a point and a category. */
export const NearbyQuery = z.object({
  lat: z.coerce.number().pipe(Latitude),
  lon: z.coerce.number().pipe(Longitude),
  category: Slug,
})

/** `{ number }` of an appeal in its path. */
export const AppealParams = z.object({ number: AppealNumber })

const TrackingToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a tracking token').meta({ description: 'The secret token of the tracking link the author received.' })

/** `{ token }` of the author's tracking link. */
export const TrackingParams = z.object({ token: TrackingToken })

/** `{ token, feedback }` of the author's answer to a resolution. */
export const FeedbackParams = z.object({ token: TrackingToken, feedback: z.enum(['confirm', 'reopen']) })

// `<id>.<version>.jpg` and `<id>.<version>.thumb.jpg`; without the version, the photo's current file.
const PHOTO_FILE = /^(\d{1,12})(?:\.([0-9a-f]{12}))?(\.thumb)?\.jpg$/

/** A photo file name as its parts: the photo's id, the version of its file if named, and which file. */
export const PhotoFile = z
  .string()
  .regex(PHOTO_FILE, 'must be a photo file name')
  .meta({ description: '`<id>.<version>.jpg`, `<id>.<version>.thumb.jpg`, or without the version for the current file.', example: '12.3f2a9c1b0d4e.jpg' })
  .transform((name) => {
    const [, id, version, thumb] = PHOTO_FILE.exec(name)!
    return { name, id: Number(id), version, variant: thumb ? ('thumb' as const) : ('full' as const) }
  })

/** `{ number, file }` of an appeal's photo. */
export const PhotoParams = z.object({ number: AppealNumber, file: PhotoFile })

/** `POST /api/appeals/{number}/support`: who says "me too" (kept only as a digest, to count each person once). */
export const SupportBody = z.object({ email: z.email('must be an e-mail address').max(254) }).strict().meta({ id: 'AppealSupportRequest' })

/** The author's feedback: a reason is required to reopen. */
export const FeedbackBody = z.object({ reason: humanText(2000).optional() }).strict().meta({ id: 'AppealFeedbackRequest' })

/** `GET /api/appeal-categories`: optionally, a city that must exist. */
export const CategoryQuery = z.object({ city: Slug.optional() })

/** One extra question a category asks; its `type` decides the input and the answer's type. */
export const CategoryQuestion = z
  .object({
    id: z.string(),
    type: z.enum(['text', 'integer', 'number', 'boolean', 'date', 'select']),
    label: LocalizedText,
    required: z.boolean(),
    options: z.array(z.object({ value: z.string(), label: LocalizedText })).optional(),
  })
  .meta({ id: 'CategoryQuestion' })
export type CategoryQuestion = z.infer<typeof CategoryQuestion>

/** A category of appeals, with its legal term and the radius in which duplicates are looked for. */
export const AppealCategory = z
  .object({
    id: Slug,
    group: z.string(),
    name: LocalizedText,
    term_days: z.number().int(),
    duplicate_radius_m: z.number(),
    questions: z.array(CategoryQuestion),
  })
  .meta({ id: 'AppealCategory' })
export type AppealCategory = z.infer<typeof AppealCategory>

export const AppealCategoryList = z.array(AppealCategory)

/** The organisation an appeal is routed to. */
export const AppealOrganisation = z.object({ id: z.string(), name: LocalizedText }).meta({ id: 'AppealOrganisation' })

/** A photo of an appeal (taken when reporting, or of the work done), with links named by its file's version. */
export const AppealPhoto = z
  .object({
    id: z.number().int(),
    stage: z.enum(['report', 'work']),
    width: z.number().int(),
    height: z.number().int(),
    url: z.url(),
    thumbnail_url: z.url(),
  })
  .meta({ id: 'AppealPhoto' })
export type AppealPhoto = z.infer<typeof AppealPhoto>

/** The kinds of event on an appeal's public timeline. */
export const TIMELINE_KINDS = ['created', 'status', 'extended', 'confirmed', 'reopened', 'recategorised', 'routed', 'taken', 'escalated', 'work-photos', 'redacted'] as const

/** One entry of an appeal's public timeline, oldest first. */
export const TimelineEntry = z
  .object({
    at: Timestamp,
    kind: z.enum(TIMELINE_KINDS),
    status: z.enum(APPEAL_STATUSES),
    response: z.string().nullable(),
    reason: z.string().nullable(),
    due_at: Timestamp.nullable(),
    organisation: AppealOrganisation.nullable(),
  })
  .meta({ id: 'AppealTimelineEntry' })
export type TimelineEntry = z.infer<typeof TimelineEntry>

/** The object an appeal is about, as the appeal recorded it. */
export const AppealAbout = z
  .object({
    layer: Slug.nullable().meta({ description: 'Null once the layer is gone.' }),
    feature_id: z.number().int(),
    layer_version: z.number().int().meta({ description: 'The version of the layer when the appeal was filed.' }),
    label: z.string().nullable(),
    layer_title: LocalizedText.nullable(),
  })
  .meta({ id: 'AppealAbout' })

const publicAppealFields = {
  number: AppealNumber,
  city: Slug,
  status: z.enum(APPEAL_STATUSES),
  overdue: z.boolean().meta({ description: 'Open and past its due time.' }),
  category: z.object({ id: Slug, group: z.string(), name: LocalizedText }),
  description: z.string(),
  answers: z.record(z.string(), z.unknown()),
  address: z.string().nullable(),
  district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  organisation: AppealOrganisation.nullable(),
  location: z.object({ lon: z.number(), lat: z.number() }),
  author: z.string().nullable().meta({ description: "The author's name, if they chose to show it." }),
  supporters: z.number().int(),
  created_at: Timestamp,
  due_at: Timestamp,
  resolved_at: Timestamp.nullable(),
  confirmed_at: Timestamp.nullable(),
  reopen_count: z.number().int(),
  rejection_reason: z.string().nullable(),
  duplicate_of: AppealNumber.nullable(),
  synthetic: z.boolean().meta({ description: 'Generated demo data, not a real appeal.' }),
  object: AppealAbout.nullable().meta({ description: 'The object the appeal is about: a feature of a layer that accepts appeals.' }),
  deputy: z
    .object({ name: z.string(), district: z.object({ number: z.number().int(), name: z.string() }) })
    .nullable()
    .meta({ description: 'The deputy the appeal is addressed to, with their electoral district.' }),
  photos: z.array(AppealPhoto),
  url: z.url().meta({ description: "The appeal's page." }),
}

/** An appeal as anyone may see it: no contact details, the author's name only if they chose (lists send it without a timeline). */
export const PublicAppeal = z.object(publicAppealFields).meta({ id: 'PublicAppeal' })
export type PublicAppeal = z.infer<typeof PublicAppeal>

/** One public appeal with its timeline. */
export const AppealWithTimeline = z.object({ ...publicAppealFields, timeline: z.array(TimelineEntry) }).meta({ id: 'AppealWithTimeline' })
export type AppealWithTimeline = z.infer<typeof AppealWithTimeline>

/** The author's own view through the tracking link: public or not, with the contact they left. */
export const TrackedAppeal = z
  .object({
    ...publicAppealFields,
    timeline: z.array(TimelineEntry),
    is_public: z.boolean(),
    contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  })
  .meta({ id: 'TrackedAppeal' })
export type TrackedAppeal = z.infer<typeof TrackedAppeal>

/** A page of public appeals, newest first, with a `next` link while more remain. */
export const AppealPage = z
  .object({
    total: z.number().int().nonnegative(),
    limit: z.number().int(),
    offset: z.number().int(),
    next: z.url().nullable(),
    links: PageLinks,
    appeals: z.array(PublicAppeal),
  })
  .meta({ id: 'AppealPage' })
export type AppealPage = z.infer<typeof AppealPage>

/** A page of public appeals as GeoJSON points (`format=geojson`), the appeal's fields as properties. */
export const AppealFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    numberMatched: z.number().int().nonnegative(),
    numberReturned: z.number().int().nonnegative(),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: AppealNumber,
        geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
        properties: PublicAppeal.omit({ location: true }),
      }),
    ),
  })
  .meta({ id: 'AppealFeatureCollection' })
export type AppealFeatureCollection = z.infer<typeof AppealFeatureCollection>

/** Open public appeals of one category around a point, nearest first, each with its distance. */
export const NearbyAppeals = z
  .object({ appeals: z.array(z.object({ ...publicAppealFields, distance_m: z.number().int() })) })
  .meta({ id: 'NearbyAppeals' })
export type NearbyAppeals = z.infer<typeof NearbyAppeals>

/** What the resident keeps after filing: the number, the secret tracking link and the due time. */
export const AppealReceipt = z
  .object({
    number: AppealNumber,
    status: z.literal('new'),
    tracking_url: z.url().meta({ description: "The author's private link: status, feedback and the contact they left." }),
    url: z.url(),
    category: Slug,
    district: z.string().nullable(),
    address: z.string().nullable(),
    due_at: Timestamp,
    created_at: Timestamp,
    photos: z.number().int().meta({ description: 'How many photos were kept.' }),
    map_feature: z
      .object({ layer: Slug, feature_id: z.number().int() })
      .nullable()
      .optional()
      .meta({ description: "The appeal's feature on the public map (its city's appeals layer), to select it there; null for an appeal the map does not draw (not public)." }),
  })
  .meta({ id: 'AppealReceipt' })
export type AppealReceipt = z.infer<typeof AppealReceipt>

/** An appeal's supporters after a "me too"; `counted` is false when this person was counted before. */
export const SupportResult = z.object({ number: AppealNumber, supporters: z.number().int(), counted: z.boolean() }).meta({ id: 'AppealSupport' })
export type SupportResult = z.infer<typeof SupportResult>

/** The appeal's status after the author's feedback. */
export const FeedbackResult = z.object({ number: AppealNumber, status: z.enum(APPEAL_STATUSES) }).meta({ id: 'AppealFeedbackResult' })
export type FeedbackResult = z.infer<typeof FeedbackResult>

export const fileAppealRoute = apiRoute({
  method: 'post',
  path: '/api/appeals',
  summary: 'File an appeal',
  description:
    'JSON, or multipart/form-data with photos. With an `Idempotency-Key`, a retry gets the first receipt (and `Idempotent-Replayed: true`); the same key with another body is a 422. Rate limited per client.',
  tags: ['appeals'],
  request: { headers: IdempotencyHeaders, body: { json: AppealSubmissionBody, multipart: AppealSubmissionForm } },
  responses: { 201: { description: 'Filed (or replayed): the receipt; `Location` names the appeal.', schema: AppealReceipt } },
  problems: [400, 413, 415, 422, 429, 507],
})

export const listAppealsRoute = apiRoute({
  method: 'get',
  path: '/api/appeals',
  summary: 'List public appeals',
  tags: ['appeals'],
  request: { query: AppealListQuery },
  responses: {
    200: {
      description: 'A page of public appeals, newest first; with `format=geojson`, the same page as GeoJSON points (`application/geo+json`).',
      schema: AppealPage,
      alternatives: { 'application/geo+json': AppealFeatureCollection },
    },
  },
  problems: [400, 404],
})

export const nearbyAppealsRoute = apiRoute({
  method: 'get',
  path: '/api/appeals/nearby',
  summary: 'Find open appeals of a category near a point',
  description: "For \"me too\" before filing: open public appeals within the category's duplicate radius.",
  tags: ['appeals'],
  request: { query: NearbyQuery },
  responses: { 200: { description: 'The appeals, nearest first.', schema: NearbyAppeals } },
  problems: [400],
})

export const trackAppealRoute = apiRoute({
  method: 'get',
  path: '/api/appeals/track/{token}',
  summary: "Show an appeal to its author by the tracking link",
  tags: ['appeals'],
  request: { params: TrackingParams },
  responses: { 200: { description: "The author's view, public or not, with the timeline.", schema: TrackedAppeal } },
  problems: [400, 404],
})

export const appealFeedbackRoute = apiRoute({
  method: 'post',
  path: '/api/appeals/track/{token}/{feedback}',
  summary: 'Confirm or reopen a resolved appeal',
  description: 'The author, by the tracking link: `confirm` the resolution, or `reopen` it with a reason.',
  tags: ['appeals'],
  request: { params: FeedbackParams, body: { json: FeedbackBody } },
  responses: { 200: { description: 'The new status.', schema: FeedbackResult } },
  problems: [400, 404, 409, 413],
})

export const getAppealRoute = apiRoute({
  method: 'get',
  path: '/api/appeals/{number}',
  summary: 'Show a public appeal',
  tags: ['appeals'],
  request: { params: AppealParams },
  responses: { 200: { description: 'The appeal with its timeline.', schema: AppealWithTimeline } },
  problems: [400, 404],
})

export const appealPhotoRoute = apiRoute({
  method: 'get',
  path: '/api/appeals/{number}/photos/{file}',
  summary: "Download a public appeal's photo",
  description: 'A versioned name is cached for a day; the bare name follows redactions (revalidated by its `ETag`).',
  tags: ['appeals'],
  request: { params: PhotoParams },
  responses: { 200: { description: 'The JPEG, without EXIF.', contentType: 'image/jpeg' } },
  problems: [400, 404],
})

export const supportAppealRoute = apiRoute({
  method: 'post',
  path: '/api/appeals/{number}/support',
  summary: 'Support an open appeal ("me too")',
  tags: ['appeals'],
  request: { params: AppealParams, body: { json: SupportBody } },
  responses: {
    201: { description: 'Counted.', schema: SupportResult },
    200: { description: 'This person was counted before; nothing changed.', schema: SupportResult },
  },
  problems: [400, 409, 413, 429],
})

export const listAppealCategoriesRoute = apiRoute({
  method: 'get',
  path: '/api/appeal-categories',
  summary: 'List the categories of appeals',
  tags: ['appeals'],
  request: { query: CategoryQuery },
  responses: { 200: { description: 'The categories with their terms and extra questions.', schema: AppealCategoryList } },
  problems: [400, 404],
})

/** The routes of `/api/appeals` and `/api/appeal-categories`. */
export const APPEAL_ROUTES = [
  fileAppealRoute,
  listAppealsRoute,
  nearbyAppealsRoute,
  trackAppealRoute,
  appealFeedbackRoute,
  getAppealRoute,
  appealPhotoRoute,
  supportAppealRoute,
  listAppealCategoriesRoute,
]
