import { z } from 'zod'
import { UPDATE_FREQUENCIES } from './catalogue.ts'
import { LocalizedText, LonLatBox, Slug, SlugParams, Timestamp } from './common.ts'
import { ATTRIBUTE_TYPES, GEOMETRY_KINDS, LAYER_STATUSES, PLANNING_DOCUMENT_TYPES, THEMES, UPLOAD_FORMATS } from './enums.ts'
import { Geometry, LayerStyle } from './layers.ts'
import { OrganisationOptionList, OrganisationQuery } from './office.ts'
import { apiRoute } from './route.ts'

/** An EPSG code as a planner writes it: `EPSG:6384` (or the number alone). */
export const CrsCode = z
  .string()
  .trim()
  .regex(/^(EPSG:)?\d{4,6}$/i, 'must be an EPSG code such as EPSG:6384')
  .transform((s) => Number(s.replace(/^EPSG:/i, '')))
  .meta({ description: 'An EPSG code, e.g. `EPSG:6384` (UCS-2000 / Ukraine TM zone 10).', example: 'EPSG:6384' })

/** A text encoding a planner may choose for a file's attributes (a WHATWG label). */
export const EncodingLabel = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.:-]{2,40}$/, 'must be an encoding name such as windows-1251')
  .meta({ description: 'A text encoding: `utf-8`, `windows-1251`, `ibm866`, `koi8-u`…', example: 'windows-1251' })

/** One thing the planner should know about an uploaded file or one of its features. */
export const UploadProblem = z
  .object({
    kind: z.enum(['crs', 'encoding', 'rejected', 'repaired', 'skipped']),
    message: z.string(),
    feature: z.number().int().optional().meta({ description: "The feature's 0-based position in the file." }),
  })
  .meta({ id: 'UploadProblem' })

/** An uploaded file as read for review: what it is, where it lands, its fields and its problems. */
export const LayerUpload = z
  .object({
    id: z.uuid(),
    file_name: z.string(),
    format: z.enum(UPLOAD_FORMATS),
    crs: z.string().nullable().meta({ description: 'The coordinate system read, `EPSG:nnnn`; null while unknown (then nothing was staged: choose one).' }),
    crs_name: z.string().nullable(),
    crs_source: z.enum(['option', 'file', 'format', 'assumed', 'unknown']),
    crs_suggestions: z.array(z.object({ code: z.string(), name: z.string() })).meta({ description: 'Systems the coordinates may be in, when the file does not say.' }),
    encoding: z.string().nullable(),
    encoding_source: z.enum(['option', 'cpg', 'ldid', 'detected', 'default']).nullable(),
    encoding_confident: z.boolean(),
    encoding_candidates: z.array(z.object({ name: z.string(), sample: z.array(z.string()) })).meta({
      description: 'The first non-ASCII values read with each plausible encoding, to choose the one that reads right.',
    }),
    read_count: z.number().int().nonnegative().meta({ description: 'Features read from the file.' }),
    feature_count: z.number().int().nonnegative().meta({ description: 'Features accepted (repaired ones included), in lon/lat.' }),
    geometry_types: z.array(z.string()),
    bbox: LonLatBox.nullable(),
    fields: z.array(z.object({ name: z.string(), type: z.enum(ATTRIBUTE_TYPES), samples: z.array(z.union([z.string(), z.number(), z.boolean()])) })),
    problems: z.array(UploadProblem).meta({ description: 'The first 1000 problems; `counts` has them all.' }),
    counts: z.object({ rejected: z.number().int(), repaired: z.number().int(), skipped: z.number().int() }),
    created_at: Timestamp,
    expires_at: Timestamp.meta({ description: 'The upload is deleted then unless it became a layer or a revision.' }),
    preview: z.url().meta({ description: 'The staged features as GeoJSON, for the map preview.' }),
  })
  .meta({ id: 'LayerUpload' })
export type LayerUpload = z.infer<typeof LayerUpload>

/** `POST /api/layer-uploads` as multipart/form-data. */
export const LayerUploadForm = z
  .object({
    file: z.string().meta({ format: 'binary', description: 'GeoJSON (plain or gzip), a zipped Shapefile, GeoPackage, KML, or CSV with lat/lon or WKT columns.' }),
    encoding: EncodingLabel.optional().meta({ description: 'The text encoding of the attributes, over the one the file says or the detected one.' }),
    crs: z.string().optional().meta({ description: 'An EPSG code over the one the file says, e.g. `EPSG:6384`.' }),
  })
  .meta({ id: 'LayerUploadForm' })

/** `PATCH /api/layer-uploads/{id}`: read the kept file again with another encoding or coordinate system. */
export const LayerUploadRereadBody = z.object({ encoding: EncodingLabel.optional(), crs: CrsCode.optional() }).strict()

export const UploadParams = z.object({ id: z.uuid('must be an upload id') })

/** The staged features of an upload as GeoJSON (lon/lat), with their position in the file. */
export const UploadPreview = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number().int(),
        properties: z.record(z.string(), z.unknown()),
        geometry: Geometry,
      }),
    ),
    truncated: z.boolean().meta({ description: 'True when the upload holds more features than the preview shows.' }),
  })
  .meta({ id: 'UploadPreview' })

/** One attribute of a layer's schema as staff edit it: private fields never leave the database. */
export const ManagedAttribute = z
  .object({
    name: z.string().min(1).max(100),
    type: z.enum(ATTRIBUTE_TYPES),
    label: LocalizedText,
    public: z.boolean(),
    overview: z.boolean().optional(),
  })
  .meta({ id: 'ManagedAttribute' })

const humanText = (max: number) => z.string().trim().max(max)

/** A colour as the map draws it: `#rrggbb`. */
export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1e88e5')

/**
 * A layer's style as staff write it: the catalogue's {@link LayerStyle} with every colour checked,
 * so no style can break the city's map, and without `basemap`: only the platform's own layers are
 * drawn as part of the basemap.
 */
export const WritableLayerStyle = LayerStyle.omit({ basemap: true }).extend({
  color: HexColor,
  stroke: HexColor.optional(),
  opacity: z.number().min(0).max(1).optional(),
  radius: z.number().min(1).max(40).optional(),
  width: z.number().min(0.5).max(20).optional(),
  label: z.string().max(100).optional(),
  categoryField: z.string().max(100).optional(),
  categories: z
    .array(z.object({ value: z.union([z.string().max(200), z.number()]), color: HexColor, label: z.object({ uk: humanText(200), en: humanText(200) }) }))
    .max(100)
    .optional(),
  graduated: z
    .object({
      field: z.string().max(100),
      stops: z
        .array(z.object({ value: z.number().finite(), color: HexColor, label: z.object({ uk: humanText(200), en: humanText(200) }).optional() }))
        .min(1)
        .max(20)
        .refine((stops) => stops.every((s, i) => i === 0 || s.value > stops[i - 1]!.value), 'stops must ascend'),
    })
    .optional(),
}).strict()
const Title = z.object({ uk: humanText(200).min(1, 'must not be empty'), en: humanText(200) })
const Description = z.object({ uk: humanText(5000), en: humanText(5000) })
const CalendarDate = z.iso.date().meta({ description: 'A calendar date, `YYYY-MM-DD`.' })

/** The planning metadata of a layer. */
const PlanningFields = {
  document_type: z.enum(PLANNING_DOCUMENT_TYPES).nullable(),
  decision_number: humanText(100).nullable(),
  decision_date: CalendarDate.nullable(),
  developer: humanText(300).nullable().meta({ description: 'The organisation that made the document.' }),
  source: humanText(500),
  organisation: Slug.nullable().meta({ description: 'The department that owns the layer.' }),
  // The data passport's (CMU Resolution No 835): null takes the catalogue's default.
  update_frequency: z.enum(UPDATE_FREQUENCIES).meta({ description: "How often the data changes (the EU frequency vocabulary's codes)." }),
  legal_basis: z.object({ uk: humanText(500), en: humanText(500) }).nullable().meta({ description: 'The law or decision the data is published under; null for the default (the decision above, and CMU Resolution No 835).' }),
  responsible_role: z
    .object({ uk: humanText(200), en: humanText(200) })
    .nullable()
    .meta({ description: "The position that answers for the data (a post, never a person's name); null for the default." }),
}

/** A layer as staff see and edit it: every status, private attributes included. */
/** A publication waiting for review: the status asked for, by whom and when. */
export const LayerReviewRequest = z
  .object({
    status: z.enum(['consultation', 'approved']),
    requested_by: z.string().nullable().meta({ description: 'The name of who asked; null once their account is gone.' }),
    requested_at: Timestamp,
  })
  .meta({ id: 'LayerReviewRequest' })

export const ManagedLayer = z
  .object({
    id: Slug,
    city: Slug,
    status: z.enum(LAYER_STATUSES),
    theme: z.enum(THEMES),
    title: LocalizedText,
    description: LocalizedText,
    geometry_type: z.enum(GEOMETRY_KINDS),
    attributes: z.array(ManagedAttribute),
    style: LayerStyle,
    minzoom: z.number().int(),
    maxzoom: z.number().int(),
    licence: z.string(),
    attribution: z.string(),
    synthetic: z.boolean(),
    ...PlanningFields,
    revision: z.number().int().positive().meta({ description: 'The published revision: 1, 2, 3…' }),
    version: z.number().int().meta({ description: 'The tile cache key, bumped by every write.' }),
    feature_count: z.number().int().nonnegative(),
    bbox: LonLatBox.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    review: LayerReviewRequest.nullable().meta({ description: "A publisher's request to make the layer public, waiting for a second person; null when none waits." }),
  })
  .meta({ id: 'ManagedLayer' })
export type ManagedLayer = z.infer<typeof ManagedLayer>

/** `POST /api/layers`: a layer made from an upload. */
export const LayerCreateBody = z
  .object({
    upload: z.uuid('must be an upload id'),
    city: Slug,
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, 'must be a slug of two words or more, e.g. kyiv-zoning-plan').max(100),
    title: Title,
    description: Description.default({ uk: '', en: '' }),
    theme: z.enum(THEMES),
    status: z.enum(['draft', 'consultation', 'approved']).default('draft'),
    geometry_type: z.enum(GEOMETRY_KINDS).optional().meta({ description: 'Which features to take when the upload mixes kinds.' }),
    attributes: z.array(ManagedAttribute).max(500).optional().meta({ description: "The attribute schema; by default the upload's fields, public unless they look personal." }),
    style: WritableLayerStyle.optional(),
    licence: humanText(200).default('CC BY 4.0'),
    attribution: humanText(300).default(''),
    ...z.object(PlanningFields).partial().shape,
  })
  .strict()
  .meta({ id: 'LayerCreateBody' })

/** `PATCH /api/layers/{id}`: any of these. */
export const LayerUpdateBody = z
  .object({
    title: Title,
    description: Description,
    theme: z.enum(THEMES),
    status: z.enum(LAYER_STATUSES),
    attributes: z.array(ManagedAttribute).max(500),
    style: WritableLayerStyle,
    licence: humanText(200),
    attribution: humanText(300),
    minzoom: z.number().int().min(0).max(22),
    maxzoom: z.number().int().min(0).max(22),
    ...PlanningFields,
  })
  .partial()
  .strict()
  .meta({ id: 'LayerUpdateBody' })

/** `POST /api/layers/{id}/versions`. */
export const LayerVersionBody = z
  .object({
    upload: z.uuid('must be an upload id'),
    key: z.string().min(1).max(100).optional().meta({ description: 'The field that names a feature across versions (a cadastral number…); without it, features match only when identical.' }),
    mode: z.enum(['replace', 'append']).default('replace'),
  })
  .strict()
  .meta({ id: 'LayerVersionBody' })

/** One revision of a layer and what it changed. */
export const LayerVersion = z
  .object({
    revision: z.number().int().positive(),
    created_at: Timestamp,
    file_name: z.string().nullable(),
    mode: z.enum(['create', 'replace', 'append']),
    key: z.string().nullable(),
    feature_count: z.number().int().nonnegative(),
    added: z.number().int().nonnegative(),
    removed: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    bbox: LonLatBox.nullable(),
    downloads: z.object({ geojson: z.url(), changes: z.url() }),
    tiles: z.string().meta({ description: 'The URL template of the revision\'s vector tiles, `…/tiles/{z}/{x}/{y}.mvt`.' }),
  })
  .meta({ id: 'LayerVersion' })
export type LayerVersion = z.infer<typeof LayerVersion>

export const LayerVersionParams = z.object({ id: Slug, revision: z.coerce.number().int('must be a revision number').min(1).max(1_000_000) })

/** What a revision changed, as GeoJSON: each feature with `change` added, changed (as it became) or removed (as it was). */
export const LayerChanges = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number().int(),
        properties: z.record(z.string(), z.unknown()),
        geometry: Geometry,
        change: z.enum(['added', 'changed', 'removed']),
      }),
    ),
  })
  .meta({ id: 'LayerChanges' })

export const ManagedLayerQuery = z.object({ city: Slug.optional(), status: z.enum(LAYER_STATUSES).optional() })

const GEOJSON = 'application/geo+json'

export const createUploadRoute = apiRoute({
  method: 'post',
  path: '/api/layer-uploads',
  summary: 'Upload a file for a layer',
  description:
    'Streams the file to disk, reads it in its own coordinate system and encoding, reprojects it to lon/lat and stages it for review. A file whose coordinate system is unknown is kept with `crs: null` and nothing staged: choose one with PATCH.',
  tags: ['planning'],
  request: { body: { multipart: LayerUploadForm } },
  responses: { 201: { description: 'Read: the report. `Location` names the upload.', schema: LayerUpload } },
  problems: [401, 403, 413, 415, 422, 507],
  security: ['session'],
})

export const getUploadRoute = apiRoute({
  method: 'get',
  path: '/api/layer-uploads/{id}',
  summary: 'Show an upload and its report',
  tags: ['planning'],
  request: { params: UploadParams },
  responses: { 200: { description: 'The report.', schema: LayerUpload } },
  problems: [401, 403, 404],
  security: ['session'],
})

export const rereadUploadRoute = apiRoute({
  method: 'patch',
  path: '/api/layer-uploads/{id}',
  summary: 'Read an upload again with another encoding or coordinate system',
  tags: ['planning'],
  request: { params: UploadParams, body: { json: LayerUploadRereadBody } },
  responses: { 200: { description: 'The new report.', schema: LayerUpload } },
  problems: [401, 403, 404, 422],
  security: ['session'],
})

export const uploadPreviewRoute = apiRoute({
  method: 'get',
  path: '/api/layer-uploads/{id}/preview',
  summary: "An upload's features for the map preview",
  tags: ['planning'],
  request: { params: UploadParams },
  responses: { 200: { description: 'Up to 5000 staged features, lon/lat.', schema: UploadPreview, contentType: GEOJSON } },
  problems: [401, 403, 404],
  security: ['session'],
})

export const deleteUploadRoute = apiRoute({
  method: 'delete',
  path: '/api/layer-uploads/{id}',
  summary: 'Discard an upload',
  tags: ['planning'],
  request: { params: UploadParams },
  responses: { 204: { description: 'Deleted, with its file.' } },
  problems: [401, 403, 404],
  security: ['session'],
})

export const createLayerRoute = apiRoute({
  method: 'post',
  path: '/api/layers',
  summary: 'Make a layer from an upload',
  tags: ['planning'],
  request: { body: { json: LayerCreateBody } },
  responses: { 201: { description: 'The layer, revision 1. `Location` names it.', schema: ManagedLayer } },
  problems: [401, 403, 404, 409, 422],
  security: ['session'],
})

export const updateLayerRoute = apiRoute({
  method: 'patch',
  path: '/api/layers/{id}',
  summary: "Change a layer's metadata, attributes, style or status",
  description:
    "Every change is written to the audit trail. Only `consultation` and `approved` layers are public. A publisher (who holds `layers:manage` for one organisation) changes only that organisation's layers, and a public `status` from them is not applied but asked for: the layer's `review` holds the request until a second person decides it (`POST /api/layers/{id}/review`).",
  tags: ['planning'],
  request: { params: SlugParams, body: { json: LayerUpdateBody } },
  responses: { 200: { description: 'The layer as changed.', schema: ManagedLayer } },
  problems: [401, 403, 404, 422],
  security: ['session'],
})

/** `POST /api/layers/{id}/review`. */
export const LayerReviewBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: humanText(1000).default('').meta({ description: 'Why; required to reject.' }),
  })
  .strict()
  .meta({ id: 'LayerReviewBody' })

export const reviewLayerRoute = apiRoute({
  method: 'post',
  path: '/api/layers/{id}/review',
  summary: "Approve or reject a publisher's request to make a layer public",
  description:
    "By a second person: not the one who asked (`403`), and, for a publisher, one of the layer's own organisation; planners and administrators review any. Approving applies the status asked for; rejecting needs a reason and clears the request. `409` when no request waits. The one who asked is told by mail; audited as `review`.",
  tags: ['planning'],
  request: { params: SlugParams, body: { json: LayerReviewBody } },
  responses: { 200: { description: 'The layer as decided.', schema: ManagedLayer } },
  problems: [401, 403, 404, 409, 422],
  security: ['session'],
})

export const publishVersionRoute = apiRoute({
  method: 'post',
  path: '/api/layers/{id}/versions',
  summary: 'Publish an upload as the next revision of a layer',
  description: 'Matches features by `key` (or identical content), keeps every earlier state readable, and bumps the tile version.',
  tags: ['planning'],
  request: { params: SlugParams, body: { json: LayerVersionBody } },
  responses: { 201: { description: 'The new revision with what it added, removed and changed.', schema: LayerVersion } },
  problems: [401, 403, 404, 409, 422],
  security: ['session'],
})

export const listVersionsRoute = apiRoute({
  method: 'get',
  path: '/api/layers/{id}/versions',
  summary: "A layer's revisions",
  description: "Public for a public layer; a draft's for staff.",
  tags: ['layers'],
  request: { params: SlugParams },
  responses: { 200: { description: 'Newest first.', schema: z.array(LayerVersion) } },
  problems: [404],
})

export const versionChangesRoute = apiRoute({
  method: 'get',
  path: '/api/layers/{id}/versions/{revision}/changes',
  summary: 'What a revision changed',
  tags: ['layers'],
  request: { params: LayerVersionParams },
  responses: { 200: { description: 'Added, changed and removed features, public attributes only.', schema: LayerChanges, contentType: GEOJSON } },
  problems: [404],
})

export const versionExportRoute = apiRoute({
  method: 'get',
  path: '/api/layers/{id}/versions/{revision}/export.geojson',
  summary: 'Download a layer as it was at a revision',
  tags: ['layers'],
  request: { params: LayerVersionParams },
  responses: { 200: { description: 'Every public feature of that revision, streamed.', contentType: GEOJSON } },
  problems: [404],
})

/** A tile of a revision: `{y}` carries the `.mvt` suffix, as on the public tile paths. */
export const VersionTileParams = LayerVersionParams.extend({
  z: z.string().regex(/^\d{1,2}$/, 'must be a zoom level'),
  x: z.string().regex(/^\d{1,8}$/, 'must be a tile column'),
  y: z.string().regex(/^\d{1,8}\.mvt$/, 'must be a tile row followed by .mvt'),
})

export const versionTileRoute = apiRoute({
  method: 'get',
  path: '/api/layers/{id}/versions/{revision}/tiles/{z}/{x}/{y}',
  summary: 'A vector tile of a layer as it was at a revision',
  description:
    'The path ends in `{y}.mvt`. The features of that revision, cut to the tile in the layer\'s own MVT layer with its tile attributes: a planner compares revisions on a map, and every earlier revision stays drawable. An earlier revision never changes, so its tiles are cached for a year; the current one\'s are revalidated. `204` for an empty tile.',
  tags: ['layers'],
  request: { params: VersionTileParams },
  responses: { 200: { description: 'The tile.', contentType: 'application/vnd.mapbox-vector-tile' }, 204: { description: 'No feature of that revision in the tile.' } },
  problems: [400, 404],
})

export const listLayerOwnersRoute = apiRoute({
  method: 'get',
  path: '/api/planning/organisations',
  summary: 'The organisations a layer can belong to',
  description: "The city's departments, enterprises and services, for a layer's owner; the same list the office routes appeals to.",
  tags: ['planning'],
  request: { query: OrganisationQuery },
  responses: { 200: { description: 'By city and Ukrainian name.', schema: OrganisationOptionList } },
  security: ['session'],
  problems: [401, 403],
})

export const listManagedLayersRoute = apiRoute({
  method: 'get',
  path: '/api/planning/layers',
  summary: 'Every layer, drafts included, for staff',
  tags: ['planning'],
  request: { query: ManagedLayerQuery },
  responses: { 200: { description: 'Newest change first.', schema: z.array(ManagedLayer) } },
  problems: [401, 403],
  security: ['session'],
})

export const getManagedLayerRoute = apiRoute({
  method: 'get',
  path: '/api/planning/layers/{id}',
  summary: 'One layer in any status, for staff',
  tags: ['planning'],
  request: { params: SlugParams },
  responses: { 200: { description: 'The layer with its private attributes and planning metadata.', schema: ManagedLayer } },
  problems: [401, 403, 404],
  security: ['session'],
})

/** The routes of planners' uploads, layers and revisions. */
export const PLANNING_ROUTES = [
  createUploadRoute,
  getUploadRoute,
  rereadUploadRoute,
  uploadPreviewRoute,
  deleteUploadRoute,
  createLayerRoute,
  updateLayerRoute,
  publishVersionRoute,
  listVersionsRoute,
  versionChangesRoute,
  versionExportRoute,
  versionTileRoute,
  reviewLayerRoute,
  listManagedLayersRoute,
  getManagedLayerRoute,
  listLayerOwnersRoute,
]
