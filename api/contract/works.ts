import { z } from 'zod'
import { NumericIdParams } from './admin.ts'
import { Latitude, Longitude } from './appeals.ts'
import { Bbox, commaList, LocalizedText, pageOf, paging, pointOrPolygon, Slug, Timestamp } from './common.ts'
import { Geometry } from './layers.ts'
import { apiRoute } from './route.ts'

/** A repair of an object, or works in a time window: planned, or an emergency. */
export const WORK_KINDS = ['repair', 'planned', 'emergency'] as const
export type WorkKind = (typeof WORK_KINDS)[number]

export const WORK_TYPES = ['road', 'sidewalk', 'roof', 'facade', 'water', 'sewerage', 'heating', 'power', 'gas', 'lighting', 'greenery', 'building', 'other'] as const
export const WORK_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const
/** What works switch off or close while they last. */
export const SWITCHED_OFF = ['water', 'hot_water', 'heating', 'power', 'gas', 'road'] as const

/** Which works by their window: on at this moment, to come, over, or any. */
export const WORK_WINDOWS = ['now', 'upcoming', 'past', 'all'] as const

const IsoDate = z.iso.date('must be a date YYYY-MM-DD')

/** The filters of `GET /api/works`. */
export const WorkListQuery = z.object({
  city: Slug.optional(),
  kind: commaList(WORK_KINDS, 'kinds').optional(),
  status: commaList(WORK_STATUSES, 'statuses').optional(),
  switched_off: commaList(SWITCHED_OFF, 'services').optional().meta({ description: 'Works that switch off any of these.' }),
  when: z.enum(WORK_WINDOWS).default('all').meta({ description: '`now`: windows open at this moment; `upcoming`: starting later; `past`: ended. Repairs have no window: `now` means in progress.' }),
  from: IsoDate.optional().meta({ description: 'Windows (or a repair’s planned or actual dates) that reach this day or later, Kyiv time.' }),
  to: IsoDate.optional().meta({ description: 'Windows (or dates) that begin by this day, Kyiv time.' }),
  bbox: Bbox.optional(),
  format: z.enum(['json', 'geojson', 'csv', 'ics']).default('json').meta({ description: '`ics`: an iCalendar feed of the works in a window, for a calendar app.' }),
  ...paging(1000, 100),
})
export type WorkListQuery = z.infer<typeof WorkListQuery>

export const Work = z
  .object({
    id: z.number().int(),
    city: Slug,
    kind: z.enum(WORK_KINDS),
    title: z.string(),
    description: z.string(),
    work_type: z.enum(WORK_TYPES),
    status: z.enum(WORK_STATUSES),
    object: z
      .object({ property_id: z.number().int().nullable(), layer: Slug.nullable(), feature_id: z.number().int().nullable() })
      .nullable()
      .meta({ description: 'What it is done to: a register line, or a feature of a layer.' }),
    organisation: z.object({ id: z.string(), name: LocalizedText }).nullable(),
    contractor: z.string().nullable().meta({ description: 'A company; never a private person.' }),
    contractor_edrpou: z.string().nullable(),
    cost: z.number().int().nullable(),
    spent: z.number().int().nullable(),
    prozorro: z.object({ tender_id: z.string(), url: z.url() }).nullable(),
    planned_start: IsoDate.nullable(),
    planned_end: IsoDate.nullable(),
    actual_start: IsoDate.nullable(),
    actual_end: IsoDate.nullable(),
    starts_at: Timestamp.nullable(),
    ends_at: Timestamp.nullable(),
    switched_off: z.array(z.enum(SWITCHED_OFF)),
    active_now: z.boolean(),
    photos: z.array(z.object({ id: z.number().int(), stage: z.enum(['before', 'after']), caption: z.string(), url: z.url(), thumbnail_url: z.url() })),
    geometry: Geometry,
    synthetic: z.boolean(),
    updated_at: Timestamp,
  })
  .meta({ id: 'Work' })
export type Work = z.infer<typeof Work>

export const WorkPage = pageOf(Work, 'WorkPage')
export type WorkPage = z.infer<typeof WorkPage>

const WorkPlace = pointOrPolygon().meta({ id: 'WorkPlace', description: 'The object repaired, or the area the works affect (a point is taken with `radius_m`).' })

/** A work as staff record it. */
export const WorkBody = z
  .object({
    city: Slug,
    kind: z.enum(WORK_KINDS),
    title: z.string().trim().min(1).max(300),
    description: z.string().max(4000).default(''),
    work_type: z.enum(WORK_TYPES),
    status: z.enum(WORK_STATUSES).default('planned'),
    property_id: z.number().int().positive().optional(),
    object: z.object({ layer: Slug, feature_id: z.number().int().positive() }).strict().optional(),
    organisation: Slug.optional().meta({ description: 'The organisation in charge; staff of one organisation record only its own.' }),
    contractor: z.string().trim().min(1).max(300).optional(),
    contractor_edrpou: z.string().regex(/^\d{8}$/, 'must be 8 digits').optional(),
    cost: z.number().int().min(0).max(1e13).optional(),
    spent: z.number().int().min(0).max(1e13).optional(),
    prozorro_tender_id: z.string().regex(/^UA-\d{4}-\d{2}-\d{2}-\d{6}-[a-z]$/, 'must be a Prozorro tender id like UA-2026-03-14-001234-a').optional(),
    planned_start: IsoDate.optional(),
    planned_end: IsoDate.optional(),
    actual_start: IsoDate.optional(),
    actual_end: IsoDate.optional(),
    starts_at: Timestamp.optional(),
    ends_at: Timestamp.optional(),
    switched_off: z.array(z.enum(SWITCHED_OFF)).max(SWITCHED_OFF.length).default([]),
    geometry: WorkPlace,
    radius_m: z.number().int().min(10).max(5000).optional().meta({ description: 'For a point: the radius of the area works affect.' }),
  })
  .strict()
  .meta({ id: 'WorkBody' })
export type WorkBody = z.infer<typeof WorkBody>

export const WorkPatchBody = WorkBody.omit({ city: true }).partial().strict().meta({ id: 'WorkPatchBody' })
export type WorkPatchBody = z.infer<typeof WorkPatchBody>

/** `POST /api/works/subscriptions`: mail when works reach an address (a circle), a district or a drawn area. */
export const WorkSubscriptionBody = z
  .object({
    email: z.email('must be an e-mail address').max(254),
    city: Slug,
    district: z.number().int().positive().optional(),
    lat: Latitude.optional(),
    lon: Longitude.optional(),
    radius_m: z.number().int().min(50).max(5000).optional(),
    area: pointOrPolygon().optional().meta({ description: 'A drawn area (a Polygon).' }),
    locale: z.enum(['uk', 'en']).default('uk'),
  })
  .strict()
  .refine((b) => [b.district !== undefined, b.lat !== undefined && b.lon !== undefined && b.radius_m !== undefined, b.area !== undefined].filter(Boolean).length === 1, {
    message: 'give one of: a district; lat, lon and radius_m; an area',
    path: ['district'],
  })
  .meta({ id: 'WorkSubscriptionRequest' })
export type WorkSubscriptionBody = z.infer<typeof WorkSubscriptionBody>

export const listWorksRoute = apiRoute({
  method: 'get',
  path: '/api/works',
  summary: 'Repairs and planned or emergency works',
  description: 'By id, newest window first; `when=now` for what is on at this moment. `format=ics` is a calendar feed.',
  tags: ['works'],
  request: { query: WorkListQuery },
  responses: { 200: { description: 'A page of works.', schema: WorkPage, alternatives: { 'application/geo+json': null, 'text/csv': null, 'text/calendar': null } } },
  problems: [400, 404],
})

export const getWorkRoute = apiRoute({
  method: 'get',
  path: '/api/works/{id}',
  summary: 'One work',
  tags: ['works'],
  request: { params: NumericIdParams },
  responses: { 200: { description: 'The work.', schema: Work } },
  problems: [404],
})

export const createWorkRoute = apiRoute({
  method: 'post',
  path: '/api/works',
  summary: 'Record a repair or works',
  description: 'Subscribers whose address, district or area the works reach are mailed. `works:manage`; staff of an organisation record its own works only.',
  tags: ['works'],
  request: { body: { json: WorkBody } },
  responses: { 201: { description: 'Recorded.', schema: Work } },
  problems: [401, 403, 422],
  security: ['session'],
})

export const patchWorkRoute = apiRoute({
  method: 'patch',
  path: '/api/works/{id}',
  summary: 'Update a repair or works: status, dates, money, window',
  tags: ['works'],
  request: { params: NumericIdParams, body: { json: WorkPatchBody } },
  responses: { 200: { description: 'Updated.', schema: Work } },
  problems: [401, 403, 404, 422],
  security: ['session'],
})

export const subscribeWorksRoute = apiRoute({
  method: 'post',
  path: '/api/works/subscriptions',
  summary: 'Subscribe to mail about works at an address or in an area',
  description: 'Double opt-in: the mail’s link confirms it (the links of `/api/appeal-subscriptions`). Rate limited per client.',
  tags: ['works'],
  request: { body: { json: WorkSubscriptionBody } },
  responses: { 202: { description: 'The confirmation mail is on its way.', schema: z.object({ status: z.literal('confirmation-sent') }) } },
  problems: [400, 429],
})

/** At most this many photos before, and as many after, a repair. */
export const MAX_WORK_PHOTOS = 10

export const WorkPhotoForm = z
  .object({
    photo: z.file().meta({ description: 'JPEG, PNG or WebP; re-encoded without EXIF or GPS.' }),
    stage: z.enum(['before', 'after']),
    caption: z.string().max(300).optional(),
  })
  .meta({ id: 'WorkPhotoForm' })

export const WorkPhotoParams = z.object({
  id: z.coerce.number().int('must be a numeric id').min(1).max(Number.MAX_SAFE_INTEGER),
  photo: z.coerce.number().int('must be a numeric id').min(1).max(Number.MAX_SAFE_INTEGER),
})

export const addWorkPhotoRoute = apiRoute({
  method: 'post',
  path: '/api/works/{id}/photos',
  summary: 'Add a photo of a repair before or after',
  description: `At most ${MAX_WORK_PHOTOS} each before and after; staff of the work's organisation.`,
  tags: ['works'],
  request: { params: NumericIdParams, body: { multipart: WorkPhotoForm } },
  responses: { 201: { description: 'The work with the photo.', schema: Work } },
  problems: [401, 403, 404, 409, 413, 415, 422],
  security: ['session'],
})

export const workPhotoRoute = apiRoute({
  method: 'get',
  path: '/api/works/{id}/photos/{photo}',
  summary: 'A photo of a repair',
  tags: ['works'],
  request: { params: WorkPhotoParams, query: z.object({ size: z.enum(['full', 'thumb']).default('full') }) },
  responses: { 200: { description: 'The photo as JPEG.', contentType: 'image/jpeg' } },
  problems: [404],
})

export const WORK_ROUTES = [listWorksRoute, getWorkRoute, createWorkRoute, patchWorkRoute, subscribeWorksRoute, addWorkPhotoRoute, workPhotoRoute]
