import { z } from 'zod'
import packageJson from '../../package.json' with { type: 'json' }
import { Problem, SESSION_COOKIE, type ApiRoute, type ProblemStatus, type SecurityScheme } from '../contract/index.ts'

type JsonSchema = Record<string, unknown>
type Io = 'input' | 'output'

/** What a problem status means, as the document's responses say it. */
const PROBLEM_DESCRIPTIONS: Record<ProblemStatus | 500, string> = {
  400: 'Invalid input: `errors` names each wrong field.',
  401: 'Sign-in required.',
  403: 'The role of the user does not allow this.',
  404: 'Not found.',
  405: 'Method not allowed.',
  409: 'Conflict with the current state.',
  413: 'The request body is too large.',
  415: 'Unsupported media type.',
  422: 'The input is well-formed but cannot be processed.',
  429: 'Too many requests: see `Retry-After`.',
  500: 'Internal error: the detail names the request id of the log line.',
  503: 'The database cannot be reached: see `Retry-After`.',
  507: 'No room to store the upload.',
}

/**
 * Problems every route may answer: hostile input that the edge refuses before any route (a
 * path or query that is not UTF-8), an internal error, and the database gone.
 */
const ALWAYS_POSSIBLE_PROBLEMS = [400, 500, 503] as const

/** The problems the edge may answer for this route before it runs: a write's body may also be over the limit (413). */
export function edgeProblemsOf(route: Pick<ApiRoute, 'method'>): readonly (ProblemStatus | 500)[] {
  return route.method === 'get' ? ALWAYS_POSSIBLE_PROBLEMS : [...ALWAYS_POSSIBLE_PROBLEMS, 413]
}

const PROBLEM_MEDIA_TYPE = 'application/problem+json'

/** How each security scheme a route may name is sent: the session is the cookie a sign-in sets. */
const SECURITY_SCHEMES: Record<SecurityScheme, Record<string, string>> = {
  session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie that `POST /api/auth/login` (or the OpenID Connect callback) sets.' },
}

/**
 * Collects the JSON Schemas of one document: each zod schema with an id (`.meta({ id })`)
 * becomes one entry of `components.schemas`, referenced from wherever it is used. A schema
 * whose request (`input`) and response (`output`) forms differ gets one entry for each.
 */
class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {}
  readonly #ids = new Map<string, string>()

  constructor(readonly target: 'draft-2020-12' | 'openapi-3.0') {}

  /** The JSON Schema of `schema` as read (`input`) or written (`output`), with ids as `$ref`s. */
  of(schema: z.ZodType, io: Io): JsonSchema {
    // JSON Schema 2020-12 keeps named schemas in `$defs`; OpenAPI 3.0's dialect in `definitions`.
    const { $schema: _, $defs = {}, definitions = {}, ...root } = z.toJSONSchema(schema, { target: this.target, io, unrepresentable: 'any' }) as JsonSchema & {
      $defs?: Record<string, JsonSchema>
      definitions?: Record<string, JsonSchema>
    }
    const names = new Map(Object.entries({ ...$defs, ...definitions }).map(([id, def]) => [id, this.#add(id, io, def)]))
    const rename = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rename)
      if (typeof value !== 'object' || value === null) return value
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) =>
          key === '$ref' && typeof inner === 'string' && /^#\/(\$defs|definitions)\//.test(inner) ? [key, `#/components/schemas/${names.get(inner.slice(inner.indexOf('/', 2) + 1))}`] : [key, rename(inner)],
        ),
      )
    }
    for (const name of new Set(names.values())) this.schemas[name] = rename(this.schemas[name]) as JsonSchema
    return rename(root) as JsonSchema
  }

  /** The component name of `id` in this form: the id itself, or `<id>Input` where the forms differ. */
  #add(id: string, io: Io, def: JsonSchema): string {
    const text = JSON.stringify(def)
    for (const name of io === 'output' ? [id, `${id}Output`] : [id, `${id}Input`]) {
      const known = this.#ids.get(name)
      if (known === undefined) {
        this.#ids.set(name, text)
        this.schemas[name] = def
        return name
      }
      if (known === text) return name
    }
    throw new Error(`Two different schemas have the id "${id}"`)
  }
}

/** A schema's parameters of one place: each property a parameter, with its own schema. */
function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query' | 'header', components: SchemaComponents) {
  if (!schema) return []
  const json = components.of(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' && { description }),
      schema: rest,
    }
  })
}

/** Query parameters that say where a page of a list starts: a route that takes one is paged. */
const PAGE_POSITIONS = new Set(['offset', 'page', 'cursor'])

/** The `Link` header every paged list answers (the API's one paging style). */
const LINK_HEADER = {
  description: 'RFC 8288 links to the `next` page while more follow and the `prev` page after the first: the same request with only its position moved.',
  schema: { type: 'string' },
}

function operationOf(route: ApiRoute, components: SchemaComponents) {
  const { request = {} } = route
  const parameters = [
    ...parametersOf(request.params, 'path', components),
    ...parametersOf(request.query, 'query', components),
    ...parametersOf(request.headers, 'header', components),
  ]
  const bodyContent = {
    ...(request.body?.json && { 'application/json': { schema: components.of(request.body.json, 'input') } }),
    ...(request.body?.multipart && { 'multipart/form-data': { schema: components.of(request.body.multipart, 'input') } }),
  }
  const responses: Record<string, unknown> = {}
  const paged = Object.keys(request.query?.shape ?? {}).some((name) => PAGE_POSITIONS.has(name))
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(paged && status === '200' && { headers: { Link: LINK_HEADER } }),
      ...((response.schema || response.contentType) && {
        content: {
          [response.contentType ?? 'application/json']: response.schema ? { schema: components.of(response.schema, 'output') } : {},
          ...Object.fromEntries(Object.entries(response.alternatives ?? {}).map(([type, schema]) => [type, schema ? { schema: components.of(schema, 'output') } : {}])),
        },
      }),
    }
  }
  const problem = { schema: components.of(Problem, 'output') }
  for (const status of [...(route.problems ?? []), ...edgeProblemsOf(route)]) {
    responses[String(status)] ??= { description: PROBLEM_DESCRIPTIONS[status], content: { [PROBLEM_MEDIA_TYPE]: problem } }
  }
  return {
    operationId: operationIdOf(route),
    summary: route.summary,
    ...(route.description && { description: route.description }),
    tags: [...route.tags],
    ...(route.security && { security: route.security.map((scheme) => ({ [scheme]: [] })) }),
    ...(parameters.length > 0 && { parameters }),
    ...(Object.keys(bodyContent).length > 0 && { requestBody: { required: true, content: bodyContent } }),
    responses,
  }
}

/** `get /api/cities/{id}/districts` → `getCitiesIdDistricts`: stable and unique per route. */
function operationIdOf(route: ApiRoute): string {
  const words = route.path
    .replace(/^\/api\//, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
  return route.method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
}

/** Which OpenAPI a document is written in and what it calls itself. */
export interface OpenApiOptions {
  /** 3.1 by default; OGC API clients read 3.0. */
  openapi: '3.1.1' | '3.0.3'
  title: string
  description: string
}

const API_DOCUMENT: OpenApiOptions = {
  openapi: '3.1.1',
  title: 'Hromada Map API',
  description: 'Public data of the cities and hromadas (layers, features, appeals) and the work of their offices. Errors are RFC 9457 problem documents.',
}

/**
 * The OpenAPI document of `routes`, served from `origin`: paths with their parameters,
 * bodies, responses and problem responses, and the named schemas as components.
 */
export function openApiDocument(routes: readonly ApiRoute[], origin: string, options: OpenApiOptions = API_DOCUMENT) {
  const components = new SchemaComponents(options.openapi === '3.0.3' ? 'openapi-3.0' : 'draft-2020-12')
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const operations = (paths[route.path] ??= {})
    if (operations[route.method]) throw new Error(`${route.method} ${route.path} is described twice`)
    operations[route.method] = operationOf(route, components)
  }
  return {
    openapi: options.openapi,
    info: {
      title: options.title,
      version: packageJson.version,
      description: options.description,
      // OpenAPI 3.0 names a licence by its URL; 3.1 by its SPDX identifier.
      license: options.openapi === '3.0.3' ? { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' } : { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: origin }],
    paths,
    components: { schemas: components.schemas, securitySchemes: SECURITY_SCHEMES },
  }
}
