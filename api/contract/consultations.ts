import { z } from 'zod'
import { LocalizedText, LonLatBox, pointOrPolygon, Slug, Timestamp } from './common.ts'
import { apiRoute } from './route.ts'

/** Where a consultation is in time: it takes comments only while `open`. */
export const CONSULTATION_STATUSES = ['upcoming', 'open', 'closed'] as const
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number]

/** What the council decided about a comment. `partly` and `rejected` always come with a reason. */
export const ANSWER_OUTCOMES = ['accepted', 'partly', 'rejected'] as const
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number]

/** The longest window a consultation may have, in days. */
export const MAX_CONSULTATION_DAYS = 180

/** The longest comment, in characters. */
export const MAX_COMMENT_LENGTH = 4000

const humanText = (max: number) => z.string().trim().max(max).refine((s) => !s.includes('\0'), 'must not contain NUL characters')

/** Where a resident pins a comment: a point or a drawn area, lon/lat. */
export const CommentGeometry = pointOrPolygon().meta({ id: 'CommentGeometry', description: 'A GeoJSON Point or Polygon in lon/lat (EPSG:4326).' })
export type CommentGeometry = z.infer<typeof CommentGeometry>

/** A comment's place as GeoJSON (a point, an area, or the point of the feature it is about). */
const PlaceGeometry = z
  .object({ type: z.enum(['Point', 'Polygon']), coordinates: z.array(z.unknown()) })
  .meta({ description: 'GeoJSON Point or Polygon, lon/lat.' })

/** A consultation as everyone sees it. */
export const Consultation = z
  .object({
    id: z.number().int().positive(),
    layer: Slug,
    city: Slug,
    title: LocalizedText,
    description: LocalizedText,
    starts_at: Timestamp,
    ends_at: Timestamp,
    status: z.enum(CONSULTATION_STATUSES).meta({ description: 'From the clock: `upcoming` before `starts_at`, `open` until `ends_at`, then `closed`.' }),
    layer_revision: z.number().int().positive().meta({ description: "The layer's revision when the consultation opened." }),
    extent_bbox: LonLatBox.meta({ description: 'The bounding box of the area comments may be pinned in.' }),
    comments: z.number().int().nonnegative().meta({ description: 'Published comments (hidden ones not counted).' }),
    answered: z.number().int().nonnegative().meta({ description: 'Published comments with an answer.' }),
    protocol: z.object({ csv: z.url(), geojson: z.url(), pdf: z.url() }),
    created_at: Timestamp,
  })
  .meta({ id: 'Consultation' })
export type Consultation = z.infer<typeof Consultation>

/** `POST /api/consultations`. */
export const ConsultationCreateBody = z
  .object({
    layer: Slug,
    starts_at: Timestamp,
    ends_at: Timestamp,
    title: z.object({ uk: humanText(200).min(1, 'must not be empty'), en: humanText(200) }),
    description: z.object({ uk: humanText(5000), en: humanText(5000) }).default({ uk: '', en: '' }),
  })
  .strict()
  .meta({ id: 'ConsultationCreateBody' })

export const ConsultationQuery = z.object({ city: Slug.optional() })
export const ConsultationParams = z.object({ id: z.coerce.number().int('must be a consultation id').min(1).max(Number.MAX_SAFE_INTEGER) })
export const CommentParams = ConsultationParams.extend({ cid: z.coerce.number().int('must be a comment id').min(1).max(Number.MAX_SAFE_INTEGER) })

/** `POST /api/consultations/{id}/comments`: the text and exactly one of a place or a feature. */
export const CommentCreateBody = z
  .object({
    text: humanText(MAX_COMMENT_LENGTH).min(1, 'must not be empty'),
    geometry: CommentGeometry.optional(),
    feature_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict()
  .refine((b) => (b.geometry === undefined) !== (b.feature_id === undefined), { message: 'give either geometry or feature_id', path: ['geometry'] })
  .meta({ id: 'CommentCreateBody' })

/** The council's answer to a comment, set apart from the resident's text. */
export const CommentAnswer = z
  .object({ outcome: z.enum(ANSWER_OUTCOMES), text: z.string(), answered_at: Timestamp })
  .meta({ id: 'CommentAnswer', description: "The council's official answer." })

/** A published comment: where, what, and the answer. Never who wrote it. */
export const ConsultationComment = z
  .object({
    id: z.number().int().positive(),
    receipt: z.string().meta({ example: 'KYIV-K-2026-000042' }),
    text: z.string(),
    geometry: PlaceGeometry,
    feature_id: z.number().int().nullable(),
    layer_revision: z.number().int().positive().meta({ description: "The layer's revision the comment was made on." }),
    created_at: Timestamp,
    answer: CommentAnswer.nullable(),
    photo: z
      .object({ url: z.url(), thumb: z.url() })
      .nullable()
      .meta({ description: 'The photo the resident added, re-encoded without its metadata; null when none.' }),
  })
  .meta({ id: 'ConsultationComment' })
export type ConsultationComment = z.infer<typeof ConsultationComment>

/** What the author gets back: the comment and its receipt number, also mailed. */
export const CommentReceipt = ConsultationComment.extend({ consultation: z.number().int().positive() }).meta({ id: 'CommentReceipt' })

/** `POST …/answer`. */
export const CommentAnswerBody = z
  .object({ outcome: z.enum(ANSWER_OUTCOMES), text: humanText(MAX_COMMENT_LENGTH).default('') })
  .strict()
  .meta({ id: 'CommentAnswerBody' })

/** `POST …/hide`. */
export const CommentHideBody = z
  .object({ reason: humanText(1000).min(1, 'must say why') })
  .strict()
  .meta({ id: 'CommentHideBody' })

/** A hidden comment as the protocol counts it: its number and the moderator's reason, never its text. */
export const HiddenComment = z.object({ receipt: z.string(), reason: z.string(), hidden_at: Timestamp }).meta({ id: 'HiddenComment' })

/** The counts a protocol opens with. */
export const ProtocolCounts = z
  .object({
    comments: z.number().int().nonnegative(),
    accepted: z.number().int().nonnegative(),
    partly: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    unanswered: z.number().int().nonnegative(),
    hidden: z.number().int().nonnegative().meta({ description: 'Hidden by moderation; not in `comments`.' }),
  })
  .meta({ id: 'ProtocolCounts' })
export type ProtocolCounts = z.infer<typeof ProtocolCounts>

/** The protocol as GeoJSON: one feature per published comment, the counts and the hidden ones in `metadata`. */
export const ProtocolGeoJson = z
  .object({
    type: z.literal('FeatureCollection'),
    metadata: z.object({ consultation: Consultation, counts: ProtocolCounts, hidden: z.array(HiddenComment) }),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number().int(),
        geometry: PlaceGeometry,
        properties: z.object({
          receipt: z.string(),
          text: z.string(),
          feature_id: z.number().int().nullable(),
          layer_revision: z.number().int(),
          created_at: Timestamp,
          outcome: z.enum(ANSWER_OUTCOMES).nullable(),
          answer: z.string().nullable(),
          answered_at: Timestamp.nullable(),
        }),
      }),
    ),
  })
  .meta({ id: 'ConsultationProtocol' })

const TAGS = ['consultations']

export const createConsultationRoute = apiRoute({
  method: 'post',
  path: '/api/consultations',
  summary: 'Open a consultation on a layer',
  description: `The layer must be in the \`consultation\` status and have features; the window may be at most ${MAX_CONSULTATION_DAYS} days. Records the layer's revision and its extent (the convex hull of its features, buffered by 100 m).`,
  tags: TAGS,
  request: { body: { json: ConsultationCreateBody } },
  responses: { 201: { description: 'The consultation. `Location` names it.', schema: Consultation } },
  problems: [401, 403, 404, 422],
  security: ['session'],
})

export const listConsultationsRoute = apiRoute({
  method: 'get',
  path: '/api/consultations',
  summary: 'Consultations on public layers',
  tags: TAGS,
  request: { query: ConsultationQuery },
  responses: { 200: { description: 'Newest window first.', schema: z.array(Consultation) } },
})

export const getConsultationRoute = apiRoute({
  method: 'get',
  path: '/api/consultations/{id}',
  summary: 'One consultation',
  tags: TAGS,
  request: { params: ConsultationParams },
  responses: { 200: { description: 'The consultation.', schema: Consultation } },
  problems: [404],
})

export const createCommentRoute = apiRoute({
  method: 'post',
  path: '/api/consultations/{id}/comments',
  summary: 'Comment on a consultation',
  description:
    'Only while the consultation is open (409 before `starts_at` and after `ends_at`). Pinned to a point or an area inside the plan\'s extent (422 outside), or to a feature of the layer (its place is kept with the comment). The receipt number is answered and mailed.',
  tags: TAGS,
  request: { params: ConsultationParams, body: { json: CommentCreateBody } },
  responses: { 201: { description: 'The comment with its receipt number.', schema: CommentReceipt } },
  problems: [401, 403, 404, 409, 422],
  security: ['session'],
})

export const listCommentsRoute = apiRoute({
  method: 'get',
  path: '/api/consultations/{id}/comments',
  summary: "A consultation's published comments and answers",
  tags: TAGS,
  request: { params: ConsultationParams },
  responses: { 200: { description: 'Oldest first; no author data.', schema: z.array(ConsultationComment) } },
  problems: [404],
})

export const answerCommentRoute = apiRoute({
  method: 'post',
  path: '/api/consultations/{id}/comments/{cid}/answer',
  summary: 'Answer a comment',
  description: 'A `partly` or `rejected` answer needs a reason. Answering again replaces the answer; every answer is audited.',
  tags: TAGS,
  request: { params: CommentParams, body: { json: CommentAnswerBody } },
  responses: { 200: { description: 'The comment with its answer.', schema: ConsultationComment } },
  problems: [401, 403, 404, 422],
  security: ['session'],
})

export const hideCommentRoute = apiRoute({
  method: 'post',
  path: '/api/consultations/{id}/comments/{cid}/hide',
  summary: 'Hide a comment (moderation)',
  description: 'The comment leaves the public list and the protocol keeps only its number and the reason. The author is told by mail; the change is audited.',
  tags: TAGS,
  request: { params: CommentParams, body: { json: CommentHideBody } },
  responses: { 204: { description: 'Hidden.' } },
  problems: [401, 403, 404, 409],
  security: ['session'],
})

/** `GET …/photo`: the full photo or its thumbnail. */
export const CommentPhotoQuery = z.object({ size: z.enum(['full', 'thumb']).default('full') })

/** `POST …/photo` as multipart/form-data. */
export const CommentPhotoForm = z
  .object({ photo: z.string().meta({ format: 'binary', description: 'A JPEG, PNG, WebP or HEIC photo; re-encoded as JPEG without its metadata.' }) })
  .meta({ id: 'CommentPhotoForm' })

export const addCommentPhotoRoute = apiRoute({
  method: 'post',
  path: '/api/consultations/{id}/comments/{cid}/photo',
  summary: 'Add a photo to your comment',
  description:
    'By the comment\'s author, while the consultation is open, once per comment (`409` when it has one, or the window is closed); another account is `403`. The photo is re-encoded without its EXIF and GPS metadata; a file that is not a photo is `422`.',
  tags: TAGS,
  request: { params: CommentParams, body: { multipart: CommentPhotoForm } },
  responses: { 200: { description: 'The comment with its photo.', schema: ConsultationComment } },
  problems: [401, 403, 404, 409, 413, 415, 422],
  security: ['session'],
})

export const commentPhotoRoute = apiRoute({
  method: 'get',
  path: '/api/consultations/{id}/comments/{cid}/photo',
  summary: "A comment's photo",
  description: 'A hidden comment\'s photo is `404`, as the comment is.',
  tags: TAGS,
  request: { params: CommentParams, query: CommentPhotoQuery },
  responses: { 200: { description: 'The photo as JPEG.', contentType: 'image/jpeg' } },
  problems: [404],
})

export const protocolCsvRoute = apiRoute({
  method: 'get',
  path: '/api/consultations/{id}/protocol.csv',
  summary: "A consultation's protocol as CSV",
  tags: TAGS,
  request: { params: ConsultationParams },
  responses: { 200: { description: 'UTF-8 with BOM: the counts, then one row per comment (hidden ones with the reason and no text).', contentType: 'text/csv' } },
  problems: [404],
})

export const protocolGeoJsonRoute = apiRoute({
  method: 'get',
  path: '/api/consultations/{id}/protocol.geojson',
  summary: "A consultation's protocol as GeoJSON",
  tags: TAGS,
  request: { params: ConsultationParams },
  responses: { 200: { description: 'One feature per published comment; counts and hidden comments in `metadata`.', schema: ProtocolGeoJson, contentType: 'application/geo+json' } },
  problems: [404],
})

export const protocolPdfRoute = apiRoute({
  method: 'get',
  path: '/api/consultations/{id}/protocol.pdf',
  summary: "A consultation's protocol as a printable PDF",
  tags: TAGS,
  request: { params: ConsultationParams },
  responses: { 200: { description: 'A4 pages: the title, layer, window, counts, then each comment with the council\'s answer set apart.', contentType: 'application/pdf' } },
  problems: [404],
})

/** The routes of consultations, their comments, answers and protocols. */
export const CONSULTATION_ROUTES = [
  createConsultationRoute,
  listConsultationsRoute,
  getConsultationRoute,
  createCommentRoute,
  listCommentsRoute,
  answerCommentRoute,
  hideCommentRoute,
  addCommentPhotoRoute,
  commentPhotoRoute,
  protocolCsvRoute,
  protocolGeoJsonRoute,
  protocolPdfRoute,
]
