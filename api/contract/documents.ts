import { z } from 'zod'
import { LocalizedText, SlugParams, Timestamp } from './common.ts'
import { apiRoute } from './route.ts'

/** What a layer's document is. */
export const DOCUMENT_KINDS = ['decision', 'explanatory-note', 'drawing', 'other'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** The default largest PDF a planner may attach, in MiB (`HROMADA_MAX_DOCUMENT_MB`). */
export const DEFAULT_MAX_DOCUMENT_MB = 50

const titleText = z.string().trim().max(300)
const CalendarDate = z.iso.date().meta({ description: 'A calendar date, `YYYY-MM-DD`.' })
/** A feature's id as a query or form field sends it: digits. */
const FeatureId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)

/** A PDF attached to a layer, or to one feature of it. */
export const LayerDocument = z
  .object({
    id: z.uuid(),
    layer: z.string(),
    feature_id: z.number().int().nullable().meta({ description: 'The feature it belongs to; null for a document of the whole layer.' }),
    kind: z.enum(DOCUMENT_KINDS),
    title: LocalizedText.meta({ description: '`en` is empty when none was given: show `uk` then.' }),
    file_name: z.string().meta({ description: "The name the planner's file had." }),
    bytes: z.number().int().positive(),
    pages: z.number().int().nonnegative().nullable().meta({ description: 'Null when the PDF does not say it plainly.' }),
    decision_number: z.string().nullable(),
    decision_date: CalendarDate.nullable(),
    created_at: Timestamp,
    url: z.url().meta({ description: 'The PDF itself.' }),
  })
  .meta({ id: 'LayerDocument' })
export type LayerDocument = z.infer<typeof LayerDocument>

/**
 * The text fields of `POST /api/layers/{id}/documents`, as the server checks them once the form
 * is read: the title comes as `title[uk]` and `title[en]`, or as one JSON `title` field.
 */
export const LayerDocumentFields = z
  .object({
    title: z.object({ uk: titleText.min(1, 'must not be empty'), en: titleText.default('') }),
    kind: z.enum(DOCUMENT_KINDS),
    feature_id: FeatureId.optional(),
    decision_number: z.string().trim().max(100).optional(),
    decision_date: CalendarDate.optional(),
  })
  .strict()

/** `POST /api/layers/{id}/documents` as multipart/form-data. */
export const LayerDocumentForm = z
  .object({
    file: z.string().meta({ format: 'binary', description: 'A PDF, checked by its content (`%PDF-` … `%%EOF`); 50 MB at most unless the server says otherwise.' }),
    'title[uk]': z.string().meta({ description: 'The title in Ukrainian (required, unless `title` is sent).' }),
    'title[en]': z.string().optional(),
    title: z.string().optional().meta({ description: 'The title as JSON, `{"uk": "…", "en": "…"}`, instead of `title[uk]` and `title[en]`.' }),
    kind: z.enum(DOCUMENT_KINDS),
    feature_id: z.string().optional().meta({ description: "A feature of this layer: the document is then that feature's." }),
    decision_number: z.string().optional(),
    decision_date: z.string().optional().meta({ description: '`YYYY-MM-DD`.' }),
  })
  .meta({ id: 'LayerDocumentForm' })

export const LayerDocumentQuery = z.object({ feature: FeatureId.optional().meta({ description: "Only this feature's documents." }) })

export const LayerDocumentParams = SlugParams.extend({ docId: z.uuid('must be a document id') })

const PDF = 'application/pdf'

export const addLayerDocumentRoute = apiRoute({
  method: 'post',
  path: '/api/layers/{id}/documents',
  summary: 'Attach a PDF to a layer or to one of its features',
  description:
    'The file must be a complete PDF by its content (an executable or an archive named `.pdf` is refused with 422) and at most the configured size (413). The file and its row are stored together or not at all. Audited as `document-added`.',
  tags: ['planning'],
  request: { params: SlugParams, body: { multipart: LayerDocumentForm } },
  responses: { 201: { description: 'The document. `Location` names its file.', schema: LayerDocument } },
  problems: [401, 403, 404, 413, 415, 422, 507],
  security: ['session'],
})

export const listLayerDocumentsRoute = apiRoute({
  method: 'get',
  path: '/api/layers/{id}/documents',
  summary: "A layer's documents",
  description: "Anyone may read a public layer's (under consultation or approved); staff who manage layers, any layer's.",
  tags: ['layers'],
  request: { params: SlugParams, query: LayerDocumentQuery },
  responses: { 200: { description: "Newest first; the layer's own and its features'.", schema: z.array(LayerDocument) } },
  problems: [404],
})

export const layerDocumentFileRoute = apiRoute({
  method: 'get',
  path: '/api/layers/{id}/documents/{docId}/file',
  summary: 'Download a document',
  description: 'The PDF, shown in the browser (`Content-Disposition: inline` with its original name). Its `ETag` is the SHA-256 of the file; `If-None-Match` is answered with 304.',
  tags: ['layers'],
  request: { params: LayerDocumentParams },
  responses: { 200: { description: 'The PDF.', contentType: PDF } },
  problems: [404],
})

export const removeLayerDocumentRoute = apiRoute({
  method: 'delete',
  path: '/api/layers/{id}/documents/{docId}',
  summary: 'Remove a document',
  description: 'The row goes first, then the file. Audited as `document-removed`.',
  tags: ['planning'],
  request: { params: LayerDocumentParams },
  responses: { 204: { description: 'Removed, with its file.' } },
  problems: [401, 403, 404],
  security: ['session'],
})

export const DOCUMENT_ROUTES = [addLayerDocumentRoute, listLayerDocumentsRoute, layerDocumentFileRoute, removeLayerDocumentRoute] as const
