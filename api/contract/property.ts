import { z } from 'zod'
import { NumericIdParams } from './admin.ts'
import { Bbox, commaList, LocalizedText, PageLinks, pageOf, paging, pointOrPolygon, Slug } from './common.ts'
import { Geometry } from './layers.ts'
import { apiRoute } from './route.ts'

/** What a register line is: a land parcel, premises in a building, or a whole building. */
export const PROPERTY_KINDS = ['land', 'premises', 'building'] as const
export type PropertyKind = (typeof PROPERTY_KINDS)[number]

/**
 * Where an object stands for lease or sale (Law 157-IX, CMU No 483): free; on the list of the
 * first type (to be leased at auction) or of the second; put up at a ProZorro.Sales auction;
 * leased; used by its holder; not to be leased.
 */
export const PROPERTY_STATUSES = ['free', 'list_1', 'list_2', 'at_auction', 'leased', 'in_use', 'not_for_lease'] as const
export type PropertyStatus = (typeof PROPERTY_STATUSES)[number]

/** The colour of each status on the map and in the legend; told apart by colour-blind readers too. */
export const PROPERTY_STATUS_COLORS: Readonly<Record<PropertyStatus, string>> = {
  free: '#1b9e77',
  list_1: '#66a61e',
  list_2: '#a6761d',
  at_auction: '#d95f02',
  leased: '#7570b3',
  in_use: '#8c8c8c',
  not_for_lease: '#4d4d4d',
}

export const UTILITIES = ['water', 'sewerage', 'power', 'gas', 'heating'] as const
export type Utility = (typeof UTILITIES)[number]

export const CONDITIONS = ['good', 'satisfactory', 'poor', 'emergency'] as const

/** What an investor is offered: a land plot, premises, or a brownfield site. */
export const INVESTMENT_KINDS = ['land', 'premises', 'brownfield'] as const
export type InvestmentKind = (typeof INVESTMENT_KINDS)[number]

export const INVESTMENT_STATUSES = ['available', 'at_auction', 'leased', 'sold'] as const
export type InvestmentStatus = (typeof INVESTMENT_STATUSES)[number]

export const DEALS = ['lease', 'sale'] as const

const Area = z.coerce.number().finite('must be a number').min(0, 'must not be negative').max(1e10)
const Money = z.coerce.number().int('must be whole hryvnias').min(0, 'must not be negative').max(1e13)
const IsoDate = z.iso.date()

const FORMATS = ['json', 'geojson', 'csv'] as const

/** The filters of `GET /api/property`: every one given must hold. */
export const PropertyListQuery = z
  .object({
    city: Slug.optional(),
    kind: commaList(PROPERTY_KINDS, 'kinds').optional(),
    status: commaList(PROPERTY_STATUSES, 'statuses').optional(),
    district: z.coerce.number().int().positive().optional().meta({ description: 'A district id (`GET /api/cities/{id}`).' }),
    area_min: Area.optional().meta({ description: 'Square metres, inclusive.' }),
    area_max: Area.optional().meta({ description: 'Square metres, inclusive.' }),
    purpose: z
      .string()
      .regex(/^[0-9]{2}(\.[0-9]{2})?$/, 'must be a КВЦПЗ code like 03.07, or its section like 03')
      .optional()
      .meta({ description: 'КВЦПЗ designated-purpose code (`03.07`) or section (`03`, all its codes).' }),
    q: z.string().trim().min(1).max(100).optional().meta({ description: 'Part of the name, address, cadastral number or register id.' }),
    bbox: Bbox.optional().meta({ description: 'Objects whose public place meets the box; a sensitive object, whose place is withheld, never does.' }),
    format: z.enum(FORMATS).default('json').meta({ description: '`geojson`: a FeatureCollection (`application/geo+json`); `csv`: every match, one line each, with `lon`/`lat` and `WKT` columns.' }),
    ...paging(1000, 100),
  })
  .refine((q) => q.area_min === undefined || q.area_max === undefined || q.area_min <= q.area_max, { message: 'area_min must not exceed area_max', path: ['area_min'] })
export type PropertyListQuery = z.infer<typeof PropertyListQuery>

/** A photo of a register line or an offer: re-encoded without EXIF or GPS. */
export const ObjectPhoto = z
  .object({ id: z.number().int(), caption: z.string(), url: z.url(), thumbnail_url: z.url() })
  .meta({ id: 'ObjectPhoto' })

/** A PDF of a register line. */
export const ObjectDocument = z
  .object({ id: z.uuid(), title: z.string(), pages: z.number().int().nullable(), bytes: z.number().int(), url: z.url() })
  .meta({ id: 'ObjectDocument' })

/** At most this many photos, and as many documents, of one object. */
export const MAX_OBJECT_FILES = 10

/** One object of the register as the public sees it. No private person is ever named. */
export const PropertyObject = z
  .object({
    id: z.number().int(),
    city: Slug,
    kind: z.enum(PROPERTY_KINDS),
    register_id: z.string().meta({ description: 'The register key: a cadastral number, or ЄДРПОУ and inventory number.' }),
    name: z.string().nullable(),
    cadastral_number: z.string().nullable(),
    inventory_number: z.string().nullable(),
    balance_holder: z
      .object({ id: z.string().nullable().meta({ description: "One of the city's organisations, when the holder is one." }), name: z.string().nullable(), edrpou: z.string().nullable() })
      .nullable(),
    owner: z.string().nullable(),
    user: z.string().nullable().meta({ description: 'The organisation using it; null also when a private person does.' }),
    nk018_class: z.string().nullable(),
    purpose_code: z.string().nullable(),
    purpose: z.string().nullable(),
    area_m2: z.number().nullable(),
    normative_value: z.number().int().nullable().meta({ description: 'Normative monetary valuation, UAH.' }),
    rights_registration: z.string().nullable(),
    condition: z.enum(CONDITIONS).nullable(),
    utilities: z.array(z.enum(UTILITIES)),
    status: z.enum(PROPERTY_STATUSES),
    lease: z
      .object({
        lessee: z.string().nullable().meta({ description: 'The lessee organisation; null when the lessee is a private person (never published).' }),
        from: IsoDate.nullable(),
        until: IsoDate.nullable(),
      })
      .nullable(),
    auction: z.object({ lot_id: z.string(), start: IsoDate.nullable(), end: IsoDate.nullable(), url: z.url() }).nullable(),
    address: z.string().nullable(),
    district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    sensitive: z.boolean().meta({ description: 'The place is withheld: `geometry` is null.' }),
    geometry: Geometry.nullable().meta({ description: 'Lon/lat; null when withheld (sensitive) or not placed yet.' }),
    photos: z.array(ObjectPhoto).meta({ description: 'None for a sensitive object: a photo could show where it is.' }),
    documents: z.array(ObjectDocument),
    source: z.enum(['staff', 'import', 'demo']),
    synthetic: z.boolean(),
    updated_at: z.iso.datetime({ offset: true }),
    url: z.url().meta({ description: 'The object page.' }),
  })
  .meta({ id: 'PropertyObject' })
export type PropertyObject = z.infer<typeof PropertyObject>

/** An open appeal about an object, as its page lists it. */
export const ObjectAppeal = z
  .object({ number: z.string(), status: z.string(), category: z.string(), created_at: z.iso.datetime({ offset: true }), url: z.url() })
  .meta({ id: 'ObjectAppeal' })

/** One object with its appeals and the layer feature an appeal about it names. */
export const PropertyObjectDetail = PropertyObject.extend({
  feature: z.object({ layer: Slug, id: z.number().int() }).nullable().meta({ description: 'Its feature in the `<city>-property` layer: what `POST /api/appeals` `object` names.' }),
  appeals: z.array(ObjectAppeal).meta({ description: 'Public appeals about it, open ones first.' }),
}).meta({ id: 'PropertyObjectDetail' })
export type PropertyObjectDetail = z.infer<typeof PropertyObjectDetail>

export const PropertyPage = pageOf(PropertyObject, 'PropertyPage')
export type PropertyPage = z.infer<typeof PropertyPage>

/** A page as GeoJSON: each object a Feature with its fields as properties (the geometry null when withheld). */
export const PropertyFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    numberMatched: z.number().int(),
    numberReturned: z.number().int(),
    links: PageLinks,
    features: z.array(z.object({ type: z.literal('Feature'), id: z.number().int(), geometry: Geometry.nullable(), properties: z.record(z.string(), z.unknown()) })),
  })
  .meta({ id: 'PropertyFeatureCollection' })

/** The filters of `GET /api/investment/objects`. */
export const InvestmentListQuery = z
  .object({
    city: Slug.optional(),
    kind: commaList(INVESTMENT_KINDS, 'kinds').optional(),
    status: commaList(INVESTMENT_STATUSES, 'statuses').optional(),
    deal: z.enum(DEALS).optional(),
    district: z.coerce.number().int().positive().optional(),
    area_min: Area.optional().meta({ description: 'Square metres, inclusive.' }),
    area_max: Area.optional().meta({ description: 'Square metres, inclusive.' }),
    price_max: Money.optional().meta({ description: 'Starting price (a sale) or yearly rent (a lease) at most this, UAH; an object without a price does not match.' }),
    purpose: z.string().regex(/^[0-9]{2}(\.[0-9]{2})?$/, 'must be a КВЦПЗ code like 03.07, or its section like 03').optional(),
    bbox: Bbox.optional(),
    within: z
      .string()
      .max(20_000)
      .optional()
      .meta({ description: 'A drawn area: a GeoJSON Polygon (its JSON text); objects that meet it.' }),
    format: z.enum(FORMATS).default('json'),
    ...paging(1000, 100),
  })
  .refine((q) => q.area_min === undefined || q.area_max === undefined || q.area_min <= q.area_max, { message: 'area_min must not exceed area_max', path: ['area_min'] })
export type InvestmentListQuery = z.infer<typeof InvestmentListQuery>

/** How far the nearest of something is, where the city has a layer of it. */
const Distance = z.object({ metres: z.number().int().nonnegative(), name: z.string().nullable(), layer: Slug })

/** An object offered to investors. */
export const InvestmentObject = z
  .object({
    id: z.number().int(),
    city: Slug,
    kind: z.enum(INVESTMENT_KINDS),
    title: LocalizedText,
    description: LocalizedText,
    area_m2: z.number(),
    purpose_code: z.string().nullable(),
    permitted_use: LocalizedText,
    zoning: z
      .array(z.object({ layer: Slug, zone: z.string(), title: LocalizedText }))
      .meta({ description: 'The zones of planning layers (theme urban-planning) the object lies in.' }),
    deal: z.enum(DEALS),
    start_price: z.number().int().nullable().meta({ description: 'UAH: the starting yearly rent of a lease, the starting price of a sale.' }),
    term_years: z.number().int().nullable(),
    utilities: z.array(z.enum(UTILITIES)),
    status: z.enum(INVESTMENT_STATUSES),
    auction: z.object({ lot_id: z.string(), url: z.url() }).nullable(),
    nearest: z.object({ main_road: Distance.nullable(), rail: Distance.nullable(), public_transport: Distance.nullable() }),
    contact: z.object({ organisation: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
    address: z.string().nullable(),
    district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    property_id: z.number().int().nullable().meta({ description: 'Its line in the property register, if it has one.' }),
    published: z.boolean().meta({ description: 'On the public map and lists; false only in the answers to the staff who keep it.' }),
    photos: z.array(ObjectPhoto).meta({ description: 'The offer’s own photos, then its register line’s.' }),
    geometry: Geometry,
    synthetic: z.boolean(),
    updated_at: z.iso.datetime({ offset: true }),
    url: z.url(),
  })
  .meta({ id: 'InvestmentObject' })
export type InvestmentObject = z.infer<typeof InvestmentObject>

export const InvestmentPage = pageOf(InvestmentObject, 'InvestmentPage')
export type InvestmentPage = z.infer<typeof InvestmentPage>

export const listPropertyRoute = apiRoute({
  method: 'get',
  path: '/api/property',
  summary: 'Search the communal property register',
  description:
    'The public register objects that satisfy every filter given, by id. `numberMatched` counts them all; `next` (also a `Link` header) pages on. A sensitive object has no geometry and no bounding-box search finds it. Names of private persons (lessees, users) are never published.',
  tags: ['property'],
  request: { query: PropertyListQuery },
  responses: {
    200: {
      description: 'A page of objects; `format=geojson` the same page as GeoJSON; `format=csv` every match.',
      schema: PropertyPage,
      alternatives: { 'application/geo+json': PropertyFeatureCollection, 'text/csv': null },
    },
  },
  problems: [400, 404],
})

export const getPropertyRoute = apiRoute({
  method: 'get',
  path: '/api/property/{id}',
  summary: 'One object of the property register, with the appeals about it',
  tags: ['property'],
  request: { params: NumericIdParams },
  responses: { 200: { description: 'The object.', schema: PropertyObjectDetail } },
  problems: [404],
})

export const listInvestmentObjectsRoute = apiRoute({
  method: 'get',
  path: '/api/investment/objects',
  summary: 'Search the objects offered to investors',
  description: 'The published objects that satisfy every filter given, by id; paged like `GET /api/property`.',
  tags: ['investment'],
  request: { query: InvestmentListQuery },
  responses: {
    200: {
      description: 'A page of objects; `format=geojson` the same page as GeoJSON; `format=csv` every match.',
      schema: InvestmentPage,
      alternatives: { 'application/geo+json': PropertyFeatureCollection, 'text/csv': null },
    },
  },
  problems: [400, 404],
})

export const getInvestmentObjectRoute = apiRoute({
  method: 'get',
  path: '/api/investment/objects/{id}',
  summary: 'One object offered to investors',
  tags: ['investment'],
  request: { params: NumericIdParams },
  responses: { 200: { description: 'The object.', schema: InvestmentObject } },
  problems: [404],
})

const ObjectPlace = pointOrPolygon().meta({ id: 'ObjectPlace', description: 'A GeoJSON Point or Polygon in lon/lat (EPSG:4326).' })
const Name = z.string().trim().min(1).max(1000)

const PropertyFields = z
  .object({
    city: Slug,
    kind: z.enum(PROPERTY_KINDS),
    register_id: z.string().trim().min(1).max(100).optional().meta({ description: 'Defaults to the cadastral number, or `<ЄДРПОУ>-<inventory number>`.' }),
    name: z.string().trim().max(500).optional(),
    cadastral_number: z.string().regex(/^\d{10}:\d{2}:\d{3}:\d{4}$/, 'must be a cadastral number like 8000000000:75:123:0045').optional(),
    inventory_number: z.string().trim().min(1).max(50).optional(),
    balance_holder: Slug.optional().meta({ description: "One of the city's organisations: appeals about the object go to it." }),
    balance_holder_name: Name.optional(),
    balance_holder_edrpou: z.string().regex(/^\d{8}$/, 'must be 8 digits').optional(),
    owner_name: Name.optional(),
    user_kind: z.enum(['organisation', 'person']).optional(),
    user_name: Name.optional(),
    nk018_class: z.string().trim().max(20).optional(),
    purpose_code: z.string().regex(/^\d{2}(\.\d{2})?$/, 'must be a КВЦПЗ code like 03.07').optional(),
    purpose: z.string().trim().max(1000).optional(),
    area_m2: z.number().positive().max(1e10).optional(),
    normative_value: z.number().int().min(0).max(1e13).optional(),
    rights_registration: z.string().trim().max(200).optional(),
    condition: z.enum(CONDITIONS).optional(),
    utilities: z.array(z.enum(UTILITIES)).max(UTILITIES.length).optional(),
    status: z.enum(PROPERTY_STATUSES).default('in_use'),
    lessee_kind: z.enum(['organisation', 'person']).optional(),
    lessee_name: Name.optional(),
    leased_from: IsoDate.optional(),
    leased_until: IsoDate.optional(),
    auction_lot_id: z.string().trim().min(1).max(60).optional(),
    auction_start: IsoDate.optional(),
    auction_end: IsoDate.optional(),
    address: z.string().trim().max(500).optional(),
    sensitive: z.boolean().default(false),
    geometry: ObjectPlace.optional(),
  })
  .strict()

/** A register line as the property manager writes it. A person is recorded only as such: the name stays empty. */
export const PropertyBody = PropertyFields
  .refine((b) => b.user_kind === 'organisation' || b.user_name === undefined, { message: 'a user who is a private person is recorded without a name', path: ['user_name'] })
  .refine((b) => b.lessee_kind === 'organisation' || b.lessee_name === undefined, { message: 'a lessee who is a private person is recorded without a name', path: ['lessee_name'] })
  .meta({ id: 'PropertyBody' })
export type PropertyBody = z.infer<typeof PropertyBody>

/** A change of a register line: any of its fields but the city. */
export const PropertyPatchBody = PropertyFields.omit({ city: true, status: true, sensitive: true })
  .extend({ status: z.enum(PROPERTY_STATUSES).optional(), sensitive: z.boolean().optional() })
  .partial()
  .strict()
  .meta({ id: 'PropertyPatchBody' })
export type PropertyPatchBody = z.infer<typeof PropertyPatchBody>

/** An offer to investors as the property manager writes it. */
export const InvestmentBody = z
  .object({
    city: Slug,
    property_id: z.number().int().positive().optional().meta({ description: 'Its register line; the place, area and purpose default to the line’s.' }),
    kind: z.enum(INVESTMENT_KINDS),
    title: z.object({ uk: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) }),
    description: LocalizedText.optional(),
    area_m2: z.number().positive().max(1e10).optional(),
    purpose_code: z.string().regex(/^\d{2}(\.\d{2})?$/).optional(),
    permitted_use: LocalizedText.optional(),
    deal: z.enum(DEALS),
    start_price: z.number().int().min(0).max(1e13).optional(),
    term_years: z.number().int().min(1).max(99).optional(),
    utilities: z.array(z.enum(UTILITIES)).max(UTILITIES.length).optional(),
    status: z.enum(INVESTMENT_STATUSES).default('available'),
    auction_lot_id: z.string().trim().min(1).max(60).optional(),
    contact_organisation: Slug.optional(),
    contact_email: z.email().max(254).optional(),
    contact_phone: z.string().trim().regex(/^[+\d][\d\s()-]{5,39}$/, 'must be a telephone number').optional(),
    address: z.string().trim().max(500).optional(),
    published: z.boolean().default(true),
    geometry: ObjectPlace.optional(),
  })
  .strict()
  .meta({ id: 'InvestmentBody' })
export type InvestmentBody = z.infer<typeof InvestmentBody>

export const InvestmentPatchBody = InvestmentBody.omit({ city: true }).partial().strict().meta({ id: 'InvestmentPatchBody' })
export type InvestmentPatchBody = z.infer<typeof InvestmentPatchBody>

/** `POST /api/investment/searches`: mail me when a new offer matches these filters. */
export const InvestmentSearchBody = z
  .object({
    email: z.email('must be an e-mail address').max(254),
    query: z.string().max(25_000).meta({ description: 'The query of `GET /api/investment/objects` (as in the investment map’s URL); `city` is required.', example: 'city=kyiv&kind=land&area_min=1000' }),
    locale: z.enum(['uk', 'en']).default('en'),
  })
  .strict()
  .meta({ id: 'InvestmentSearchRequest' })

const TokenQuery = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'must be a token').meta({ description: 'The token of the link in the mail.' }) })
export const InvestmentSearchTokenQuery = TokenQuery

export const createPropertyRoute = apiRoute({
  method: 'post',
  path: '/api/property',
  summary: 'Add a line to the property register',
  tags: ['property'],
  request: { body: { json: PropertyBody } },
  responses: { 201: { description: 'Added.', schema: PropertyObject } },
  problems: [401, 403, 409],
  security: ['session'],
})

export const patchPropertyRoute = apiRoute({
  method: 'patch',
  path: '/api/property/{id}',
  summary: 'Change a line of the property register: status, lease, holder, place, sensitivity',
  tags: ['property'],
  request: { params: NumericIdParams, body: { json: PropertyPatchBody } },
  responses: { 200: { description: 'Changed.', schema: PropertyObject } },
  problems: [401, 403, 404, 409],
  security: ['session'],
})

export const importPropertyRoute = apiRoute({
  method: 'post',
  path: '/api/property/import',
  summary: 'Import a CMU No 835 register spreadsheet (CSV or XLSX)',
  description: 'Lines are placed by cadastral number or address; what cannot be placed is written without a place and reported. All or nothing.',
  tags: ['property'],
  request: {
    body: { multipart: z.object({ city: Slug, file: z.file().meta({ description: 'CSV (UTF-8 or CP1251) or XLSX.' }) }).meta({ id: 'PropertyImportForm' }) },
  },
  responses: {
    200: {
      description: 'The import report.',
      schema: z
        .object({
          lines: z.number().int(),
          written: z.number().int(),
          placedByCadastre: z.number().int(),
          placedByAddress: z.number().int(),
          unplaced: z.array(z.object({ line: z.number().int(), registerId: z.string(), reason: z.string() })),
          rejected: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })),
          unknownColumns: z.array(z.string()),
          warnings: z.array(z.string()),
        })
        .meta({ id: 'PropertyImportReport' }),
    },
  },
  problems: [401, 403, 413, 415, 422],
  security: ['session'],
})

export const createInvestmentObjectRoute = apiRoute({
  method: 'post',
  path: '/api/investment/objects',
  summary: 'Offer an object to investors',
  description: 'Confirmed saved searches it matches are mailed when it is published.',
  tags: ['investment'],
  request: { body: { json: InvestmentBody } },
  responses: { 201: { description: 'Offered.', schema: InvestmentObject } },
  problems: [401, 403],
  security: ['session'],
})

export const patchInvestmentObjectRoute = apiRoute({
  method: 'patch',
  path: '/api/investment/objects/{id}',
  summary: 'Change an offer: terms, status, publication',
  tags: ['investment'],
  request: { params: NumericIdParams, body: { json: InvestmentPatchBody } },
  responses: { 200: { description: 'Changed.', schema: InvestmentObject } },
  problems: [401, 403, 404],
  security: ['session'],
})

export const saveInvestmentSearchRoute = apiRoute({
  method: 'post',
  path: '/api/investment/searches',
  summary: 'Save a search of the investment map: mail when a new offer matches',
  description: 'Double opt-in: nothing is sent until the link in the first mail is followed. Rate limited per client.',
  tags: ['investment'],
  request: { body: { json: InvestmentSearchBody } },
  responses: { 202: { description: 'The confirmation mail is on its way.', schema: z.object({ status: z.literal('confirmation-sent') }) } },
  problems: [400, 404, 429],
})

export const confirmInvestmentSearchRoute = apiRoute({
  method: 'get',
  path: '/api/investment/searches/confirm',
  summary: 'Confirm a saved search (the link in its mail)',
  tags: ['investment'],
  request: { query: TokenQuery },
  responses: { 200: { description: 'A page saying it is confirmed.', contentType: 'text/html' } },
  problems: [404],
})

export const deleteInvestmentSearchRoute = apiRoute({
  method: 'get',
  path: '/api/investment/searches/unsubscribe',
  summary: 'End a saved search (the link in every mail; POST for one-click, RFC 8058)',
  tags: ['investment'],
  request: { query: TokenQuery },
  responses: { 200: { description: 'A page saying it has ended.', contentType: 'text/html' } },
})

export const deleteInvestmentSearchOneClickRoute = apiRoute({
  method: 'post',
  path: '/api/investment/searches/unsubscribe',
  summary: 'End a saved search in one click (RFC 8058: the mail client posts `List-Unsubscribe=One-Click`)',
  tags: ['investment'],
  request: { query: TokenQuery },
  responses: { 200: { description: 'A page saying it has ended.', contentType: 'text/html' } },
})


/** The registers of the street: temporary structures (kiosks, seasonal trade) and advertising structures. */
export const STREET_REGISTERS = ['temporary', 'advertising'] as const
export const PERMIT_STATUSES = ['valid', 'expired', 'illegal'] as const

export const StreetStructureQuery = z.object({
  city: Slug.optional(),
  register: z.enum(STREET_REGISTERS).optional(),
  status: commaList(PERMIT_STATUSES, 'permit statuses').optional(),
  bbox: Bbox.optional(),
  ...paging(1000, 100),
})

/** A structure with its permit; the holder is named only when it is an organisation. */
export const StreetStructure = z
  .object({
    id: z.number().int(),
    city: Slug,
    register: z.enum(STREET_REGISTERS),
    kind: z.string(),
    permit_number: z.string().nullable(),
    permit_from: IsoDate.nullable(),
    permit_until: IsoDate.nullable(),
    status: z.enum(PERMIT_STATUSES).meta({ description: 'A valid permit past its end date reads `expired`.' }),
    holder: z.string().nullable().meta({ description: 'The holder organisation; null when the holder is a private person (never published) or unknown.' }),
    organisation: z.object({ id: z.string(), name: LocalizedText }).nullable().meta({ description: "The city's office in charge of the register; appeals about the structure go to it." }),
    business: z.string().nullable(),
    area_m2: z.number().nullable(),
    address: z.string().nullable(),
    geometry: Geometry,
    feature: z.object({ layer: Slug, id: z.number().int() }).nullable(),
    synthetic: z.boolean(),
    updated_at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'StreetStructure' })
export type StreetStructure = z.infer<typeof StreetStructure>

export const StreetStructurePage = pageOf(StreetStructure, 'StreetStructurePage')

const ObjectPhotoForm = z
  .object({ photo: z.file().meta({ description: 'JPEG, PNG or WebP; re-encoded without EXIF or GPS.' }), caption: z.string().max(300).optional() })
  .meta({ id: 'ObjectPhotoForm' })
const ObjectPhotoParams = z.object({
  id: z.coerce.number().int('must be a numeric id').min(1).max(Number.MAX_SAFE_INTEGER),
  file: z.coerce.number().int('must be a photo id').min(1).max(Number.MAX_SAFE_INTEGER),
})
const ObjectDocumentParams = z.object({
  id: z.coerce.number().int('must be a numeric id').min(1).max(Number.MAX_SAFE_INTEGER),
  file: z.uuid('must be a document id'),
})
const PhotoSize = z.object({ size: z.enum(['full', 'thumb']).default('full') })

export const addPropertyPhotoRoute = apiRoute({
  method: 'post',
  path: '/api/property/{id}/photos',
  summary: 'Add a photo of a register line',
  description: `At most ${MAX_OBJECT_FILES}.`,
  tags: ['property'],
  request: { params: NumericIdParams, body: { multipart: ObjectPhotoForm } },
  responses: { 201: { description: 'The line with the photo.', schema: PropertyObject } },
  problems: [401, 403, 404, 409, 413, 415, 422],
  security: ['session'],
})

export const propertyPhotoRoute = apiRoute({
  method: 'get',
  path: '/api/property/{id}/photos/{file}',
  summary: 'A photo of a register line (none of a sensitive one)',
  tags: ['property'],
  request: { params: ObjectPhotoParams, query: PhotoSize },
  responses: { 200: { description: 'The photo as JPEG.', contentType: 'image/jpeg' } },
  problems: [404],
})

export const addPropertyDocumentRoute = apiRoute({
  method: 'post',
  path: '/api/property/{id}/documents',
  summary: 'Attach a PDF to a register line',
  description: `At most ${MAX_OBJECT_FILES}, each within the documents' size limit; checked by its content.`,
  tags: ['property'],
  request: {
    params: NumericIdParams,
    body: { multipart: z.object({ file: z.file(), title: z.string().min(1).max(200) }).meta({ id: 'ObjectDocumentForm' }) },
  },
  responses: { 201: { description: 'The line with the document.', schema: PropertyObject } },
  problems: [401, 403, 404, 409, 413, 415, 422],
  security: ['session'],
})

export const propertyDocumentRoute = apiRoute({
  method: 'get',
  path: '/api/property/{id}/documents/{file}',
  summary: 'A PDF of a register line',
  tags: ['property'],
  request: { params: ObjectDocumentParams },
  responses: { 200: { description: 'The PDF.', contentType: 'application/pdf' } },
  problems: [404],
})

export const addInvestmentPhotoRoute = apiRoute({
  method: 'post',
  path: '/api/investment/objects/{id}/photos',
  summary: 'Add a photo of an offer',
  description: `At most ${MAX_OBJECT_FILES}.`,
  tags: ['investment'],
  request: { params: NumericIdParams, body: { multipart: ObjectPhotoForm } },
  responses: { 201: { description: 'The offer with the photo.', schema: InvestmentObject } },
  problems: [401, 403, 404, 409, 413, 415, 422],
  security: ['session'],
})

export const investmentPhotoRoute = apiRoute({
  method: 'get',
  path: '/api/investment/objects/{id}/photos/{file}',
  summary: 'A photo of an offer',
  tags: ['investment'],
  request: { params: ObjectPhotoParams, query: PhotoSize },
  responses: { 200: { description: 'The photo as JPEG.', contentType: 'image/jpeg' } },
  problems: [404],
})

const StreetStructureFields = z
  .object({
    city: Slug,
    register: z.enum(STREET_REGISTERS),
    kind: z.string().trim().min(1).max(100),
    permit_number: z.string().trim().min(1).max(100).optional(),
    permit_from: IsoDate.optional(),
    permit_until: IsoDate.optional(),
    status: z.enum(PERMIT_STATUSES),
    holder_kind: z.enum(['organisation', 'person']).optional(),
    holder_name: z.string().trim().min(1).max(1000).optional(),
    organisation: Slug.optional(),
    business: z.string().trim().max(300).optional(),
    area_m2: z.number().positive().max(1e6).optional(),
    address: z.string().trim().max(500).optional(),
    geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]) }).strict(),
  })
  .strict()

/** A structure as the property manager writes it. A holder who is a person is recorded only as such. */
export const StreetStructureBody = StreetStructureFields
  .refine((b) => b.holder_kind === 'organisation' || b.holder_name === undefined, { message: 'a holder who is a private person is recorded without a name', path: ['holder_name'] })
  .meta({ id: 'StreetStructureBody' })
export type StreetStructureBody = z.infer<typeof StreetStructureBody>

export const StreetStructurePatchBody = StreetStructureFields.omit({ city: true, register: true }).partial().strict().meta({ id: 'StreetStructurePatchBody' })
export type StreetStructurePatchBody = z.infer<typeof StreetStructurePatchBody>

export const listStreetStructuresRoute = apiRoute({
  method: 'get',
  path: '/api/street-structures',
  summary: 'Temporary and advertising structures with their permits',
  tags: ['property'],
  request: { query: StreetStructureQuery },
  responses: { 200: { description: 'A page of structures, by id.', schema: StreetStructurePage } },
  problems: [400, 404],
})

export const createStreetStructureRoute = apiRoute({
  method: 'post',
  path: '/api/street-structures',
  summary: 'Add a structure to a street register',
  tags: ['property'],
  request: { body: { json: StreetStructureBody } },
  responses: { 201: { description: 'Added.', schema: StreetStructure } },
  problems: [401, 403],
  security: ['session'],
})

export const patchStreetStructureRoute = apiRoute({
  method: 'patch',
  path: '/api/street-structures/{id}',
  summary: 'Change a structure: its permit, status, holder, place',
  tags: ['property'],
  request: { params: NumericIdParams, body: { json: StreetStructurePatchBody } },
  responses: { 200: { description: 'Changed.', schema: StreetStructure } },
  problems: [401, 403, 404],
  security: ['session'],
})

export const PROPERTY_ROUTES = [
  listPropertyRoute,
  getPropertyRoute,
  createPropertyRoute,
  patchPropertyRoute,
  importPropertyRoute,
  listInvestmentObjectsRoute,
  getInvestmentObjectRoute,
  createInvestmentObjectRoute,
  patchInvestmentObjectRoute,
  saveInvestmentSearchRoute,
  confirmInvestmentSearchRoute,
  deleteInvestmentSearchRoute,
  deleteInvestmentSearchOneClickRoute,
  listStreetStructuresRoute,
  createStreetStructureRoute,
  patchStreetStructureRoute,
  addPropertyPhotoRoute,
  propertyPhotoRoute,
  addPropertyDocumentRoute,
  propertyDocumentRoute,
  addInvestmentPhotoRoute,
  investmentPhotoRoute,
]
