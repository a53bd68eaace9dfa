import { z } from 'zod'
import { LocalizedText, LonLatBox, Slug, Timestamp } from './common.ts'
import { GEOMETRY_KINDS, THEMES } from './enums.ts'
import { LayerAttribute } from './layers.ts'
import { apiRoute } from './route.ts'

/**
 * How often a dataset changes: the codes of the EU frequency vocabulary
 * (`publications.europa.eu/resource/authority/frequency`) the data passport uses.
 */
export const UPDATE_FREQUENCIES = ['continuous', 'daily', 'weekly', 'monthly', 'quarterly', 'annual', 'irregular', 'never'] as const
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number]

/** The files every public layer is exported as, at `/api/layers/{id}/export.{format}`. */
export const EXPORT_FORMATS = ['geojson', 'csv', 'gpkg', 'fgb'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** A layer's licence as the passport names it: an id, its title and where its text is. */
export const PassportLicence = z
  .object({
    id: z.string().meta({ description: 'An SPDX id (`ODbL-1.0`, `CC-BY-4.0`), or `unknown` when the source states none.' }),
    title: z.string(),
    url: z.url().meta({ description: "The licence's text; for an unknown licence, the list of sources with what is known." }),
    known: z.boolean(),
  })
  .meta({ id: 'PassportLicence' })

/** One file a layer is published as. */
export const PassportDistribution = z.object({
  format: z.enum(EXPORT_FORMATS),
  media_type: z.string().meta({ description: 'The IANA media type.' }),
  url: z.url(),
  size: z.number().int().nonnegative().nullable().meta({ description: "The file's bytes once it is written for the layer's current version (at its first download); null before." }),
})

/**
 * A layer's data passport, with the fields CMU Resolution No 835 asks of an open dataset. The
 * responsible person is named by position only.
 */
export const DataPassport = z
  .object({
    id: Slug,
    city: Slug,
    city_name: LocalizedText,
    theme: z.enum(THEMES),
    title: LocalizedText,
    description: LocalizedText,
    owner: z.object({ id: z.string().nullable(), name: LocalizedText }).meta({ description: "The organisation that holds the data: the layer's own, else the city's council." }),
    responsible: z.object({ role: LocalizedText }).meta({ description: "The responsible person's position in the owner organisation; never a name." }),
    update_frequency: z.enum(UPDATE_FREQUENCIES),
    updated_at: Timestamp,
    legal_basis: LocalizedText,
    licence: PassportLicence,
    attribution: z.string(),
    source: z.string().meta({ description: 'Where the data comes from.' }),
    fields: z.array(LayerAttribute),
    geometry_type: z.enum(GEOMETRY_KINDS),
    feature_count: z.number().int().nonnegative(),
    data_bytes: z.number().int().nonnegative().meta({ description: 'The size of the stored public data (geometry and attributes), in bytes.' }),
    bbox: LonLatBox.nullable(),
    synthetic: z.boolean().meta({ description: 'Generated demonstration data, in whole or in part (see `synthetic_features`), not a real register.' }),
    synthetic_features: z.number().int().nonnegative().meta({ description: 'How many of its features are generated: all of a synthetic layer, some of a layer of real and generated ones (demo appeals), else 0.' }),
    distributions: z.array(PassportDistribution),
    links: z.object({
      map: z.url(),
      tilejson: z.url(),
      style: z.url(),
      ogc_collection: z.url(),
      dcat: z.url(),
      ckan: z.url(),
    }),
  })
  .meta({ id: 'DataPassport' })
export type DataPassport = z.infer<typeof DataPassport>

/** Every public layer's passport, and the list of the demo sources an unknown licence links to. */
export const DataCatalogue = z
  .object({
    datasets: z.array(DataPassport),
    sources_list: z.url(),
    dcat: z.url(),
    ckan: z.url(),
    ogc: z.url(),
  })
  .meta({ id: 'DataCatalogue' })
export type DataCatalogue = z.infer<typeof DataCatalogue>

export const CatalogueQuery = z.object({ city: Slug.optional() })

export const getCatalogueRoute = apiRoute({
  method: 'get',
  path: '/api/catalogue',
  summary: 'The open-data catalogue: every public layer with its data passport',
  description: 'The passports (CMU Resolution No 835) the `/data` page, the DCAT-AP catalogue at `/data/catalog.jsonld` and the CKAN-compatible API share.',
  tags: ['catalogue'],
  request: { query: CatalogueQuery },
  responses: { 200: { description: 'The passports by city, theme and title.', schema: DataCatalogue } },
  problems: [400, 404],
})

/** The CKAN error of an action: `success: false` with the error's kind and message. */
export const CkanError = z
  .object({
    help: z.url(),
    success: z.literal(false),
    error: z.object({ __type: z.enum(['Not Found Error', 'Validation Error']), message: z.string() }),
  })
  .meta({ id: 'CkanError' })

/** CKAN's answer to an action: `{ help, success, result }`. */
const ckanResult = <T extends z.ZodType>(result: T) => z.object({ help: z.url(), success: z.literal(true), result })

/** A CKAN resource: one file of a package. */
export const CkanResource = z.object({
  id: z.string(),
  package_id: z.string(),
  name: z.string(),
  url: z.url(),
  format: z.string(),
  mimetype: z.string(),
  size: z.number().int().nullable(),
  last_modified: z.string(),
})

/** A CKAN organisation, as packages and `organization_list` name it. */
export const CkanOrganization = z.object({ id: z.string(), name: z.string(), title: z.string(), description: z.string(), type: z.literal('organization'), is_organization: z.literal(true) })

/** A layer as a CKAN package: the passport's fields, those CKAN lacks as `extras`. */
export const CkanPackage = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    notes: z.string(),
    type: z.literal('dataset'),
    state: z.literal('active'),
    private: z.literal(false),
    license_id: z.string(),
    license_title: z.string(),
    license_url: z.url(),
    url: z.url(),
    version: z.string(),
    metadata_created: z.string(),
    metadata_modified: z.string(),
    maintainer: z.string(),
    organization: CkanOrganization,
    owner_org: z.string(),
    num_resources: z.number().int(),
    num_tags: z.number().int(),
    tags: z.array(z.object({ name: z.string(), display_name: z.string() })),
    groups: z.array(z.object({ name: z.string(), title: z.string() })),
    extras: z.array(z.object({ key: z.string(), value: z.string() })),
    resources: z.array(CkanResource),
  })
  .meta({ id: 'CkanPackage' })
export type CkanPackage = z.infer<typeof CkanPackage>

const CKAN_TEXT = z.string().max(200)
/** `package_show`: the package's id or name (a layer's id). Validated by the handler, which answers in CKAN's envelope. */
export const PackageShowQuery = z.object({ id: CKAN_TEXT.optional() })
/** `package_search`: free text over titles, descriptions and tags, and a page. */
export const PackageSearchQuery = z.object({ q: CKAN_TEXT.optional(), rows: z.string().max(10).optional(), start: z.string().max(10).optional() })

const CKAN_ERRORS = {
  409: { description: 'A parameter is missing or not valid (CKAN `Validation Error`).', schema: CkanError },
} as const

export const packageListRoute = apiRoute({
  method: 'get',
  path: '/api/3/action/package_list',
  summary: 'CKAN: the names of every public dataset',
  tags: ['catalogue'],
  responses: { 200: { description: 'The layer ids.', schema: ckanResult(z.array(z.string())) } },
})

export const packageShowRoute = apiRoute({
  method: 'get',
  path: '/api/3/action/package_show',
  summary: 'CKAN: one dataset with its resources',
  tags: ['catalogue'],
  request: { query: PackageShowQuery },
  responses: {
    200: { description: 'The package.', schema: ckanResult(CkanPackage) },
    404: { description: 'No public dataset has that id (CKAN `Not Found Error`).', schema: CkanError },
    ...CKAN_ERRORS,
  },
})

export const packageSearchRoute = apiRoute({
  method: 'get',
  path: '/api/3/action/package_search',
  summary: 'CKAN: search the datasets',
  tags: ['catalogue'],
  request: { query: PackageSearchQuery },
  responses: {
    200: { description: 'The matching packages, a page of them.', schema: ckanResult(z.object({ count: z.number().int(), results: z.array(CkanPackage) })) },
    ...CKAN_ERRORS,
  },
})

export const organizationListRoute = apiRoute({
  method: 'get',
  path: '/api/3/action/organization_list',
  summary: 'CKAN: the organisations that own datasets',
  tags: ['catalogue'],
  responses: { 200: { description: 'Their names.', schema: ckanResult(z.array(z.string())) } },
})

export const CATALOGUE_ROUTES = [getCatalogueRoute, packageListRoute, packageShowRoute, packageSearchRoute, organizationListRoute] as const
