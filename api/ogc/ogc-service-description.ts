/**
 * The service description at `/ogc/api`: the OpenAPI 3.0 document of the `/ogc` routes, with
 * the query parameters written as OGC API Features defines them (`form` style, not exploded;
 * `bbox` as an array of four or six numbers), which its clients and test suite read.
 */
import { OGC_ROUTES } from '../contract/index.ts'
import { openApiDocument } from '../openapi/index.ts'

type Parameter = { name: string; in: string; style?: string; explode?: boolean; schema?: Record<string, unknown> }
type Document = ReturnType<typeof openApiDocument>

/** `bbox` as OGC 17-069r4 §7.15.3 defines it. */
const BBOX_SCHEMA = { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } }

function asOgcParameter(parameter: Parameter): Parameter {
  if (parameter.in !== 'query') return parameter
  return { ...parameter, style: 'form', explode: false, ...(parameter.name === 'bbox' && { schema: BBOX_SCHEMA }) }
}

// The document depends only on the contract and the public origin, so each origin's is built once.
const documents = new Map<string, Document>()

/** The OpenAPI 3.0 document of `/ogc` served from `origin`. */
export function ogcServiceDescription(origin: string): Document {
  let document = documents.get(origin)
  if (document) return document
  document = openApiDocument(OGC_ROUTES, origin, {
    openapi: '3.0.3',
    title: 'Hromada Map: OGC API Features',
    description:
      'OGC API Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0), Part 2 (CRS by reference) and the queryables of Part 3, for the public layers of every city. Any query parameter that is not listed here filters by a queryable of the collection (`/ogc/collections/{collectionId}/queryables`).',
  })
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as Array<{ parameters?: Parameter[] }>) {
      if (operation.parameters) operation.parameters = operation.parameters.map(asOgcParameter)
    }
  }
  documents.set(origin, document)
  return document
}
