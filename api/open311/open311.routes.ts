import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { findCity } from '../../layers/index.ts'
import type { AppEnv } from '../app-env.ts'
import { findCategory, listCategories } from '../appeals/appeal-categories.ts'
import { findPublicAppeal } from '../appeals/appeal.queries.ts'
import { fileAppeal } from '../appeals/appeal.routes.ts'
import { HttpProblem, problems } from '../problems.ts'
import { zv } from '../validation.ts'
import { discoveryDocument } from './discovery.ts'
import { open311ErrorHandler } from './open311-errors.ts'
import { formatOf, renderOpen311, stripFormat } from './open311-format.ts'
import { LocaleQuery, RequestListQuery, ServiceListQuery } from './open311.schemas.ts'
import { inOpen311Terms, parseServiceRequest, readServiceRequestFields, toAppealSubmission } from './service-request-body.ts'
import { toCreatedRequest, toServiceRequest } from './service-request.dto.ts'
import { findServiceRequests, jurisdictionAt, searchServiceRequests, type ServiceRequestRow } from './service-request.queries.ts'
import { toService, toServiceDefinition } from './service.dto.ts'

// Hono matches no text after a parameter within a segment, so each segment is matched whole.
/** A document's path, e.g. `/services.json` or `/services.xml`. */
const doc = <N extends string>(name: N) => `/:file{${name}\\.(?:json|xml)}` as const
/** One item's path in a collection, e.g. `/services/pothole.xml`. */
const item = <C extends string>(collection: C) => `/${collection}/:file{[^/]+\\.(?:json|xml)}` as const

const format = (c: Context) => formatOf(c.req.path)

async function requireJurisdiction(db: Kysely<DB>, id: string | undefined): Promise<void> {
  if (id && !(await findCity(db, id))) throw problems.notFound('jurisdiction_id', id)
}

/** The key that may post requests, or a 403 problem. */
function requireApiKey(keys: ReadonlySet<string>, key: unknown): string {
  if (typeof key !== 'string' || !keys.has(key)) throw new HttpProblem('forbidden', 403, 'api_key is missing or not valid')
  return key
}

/** The same search, on another page, for the `Link` header. */
function pageUrl(c: Context<AppEnv>, page: number): string {
  const url = new URL(c.req.path, c.var.baseUrl)
  url.search = new URL(c.req.url).search
  url.searchParams.set('page', String(page))
  return url.toString()
}

const requestBodyLimit = bodyLimit({
  maxSize: 64 * 1024,
  onError: () => {
    throw new HttpProblem('payload-too-large', 413, 'A request is at most 64 KB')
  },
})

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the appeals: services are
 * the appeal categories, service requests the public appeals. Every document comes as JSON or
 * XML by the path's suffix, errors too.
 */
export const open311Routes = new Hono<AppEnv>()
  .get(doc('discovery'), (c) => renderOpen311(c, format(c), 'discovery', discoveryDocument(c.var.baseUrl)))
  .get(doc('services'), zv('query', ServiceListQuery), async (c) => {
    const { jurisdiction_id, locale } = c.req.valid('query')
    await requireJurisdiction(c.var.db, jurisdiction_id)
    const categories = await listCategories(c.var.db)
    return renderOpen311(c, format(c), 'services', categories.map((category) => toService(category, locale)))
  })
  .get(item('services'), zv('query', LocaleQuery), async (c) => {
    const code = stripFormat(c.req.param('file'))
    const category = await findCategory(c.var.db, code)
    if (!category) throw problems.notFound('service_code', code)
    return renderOpen311(c, format(c), 'service_definition', toServiceDefinition(category, c.req.valid('query').locale))
  })
  .post(doc('requests'), requestBodyLimit, async (c) => {
    const fields = await readServiceRequestFields(c)
    const key = requireApiKey(c.var.appeals.open311Keys, fields.api_key)
    const body = parseServiceRequest(fields)
    const city = body.jurisdiction_id ?? (await jurisdictionAt(c.var.db, body.long, body.lat))
    if (!city) throw problems.invalid('The point is in none of the cities this server serves', [{ field: 'lat', message: `${body.lat}, ${body.long} is outside every city` }])
    const { receipt, replayed } = await fileAppeal(c, toAppealSubmission(body, city), [], 'open311', `open311:${key.slice(0, 6)}`).catch((err: unknown) => {
      throw err instanceof HttpProblem ? inOpen311Terms(err) : err
    })
    if (replayed) c.header('Idempotent-Replayed', 'true')
    return renderOpen311(c, format(c), 'service_requests', [toCreatedRequest(receipt, body.locale)])
  })
  .get(doc('requests'), zv('query', RequestListQuery), async (c) => {
    const q = c.req.valid('query')
    let rows: ServiceRequestRow[]
    if (q.service_request_id) {
      // The spec: with service_request_id, every other filter is ignored.
      rows = await findServiceRequests(c.var.db, q.service_request_id)
    } else {
      await requireJurisdiction(c.var.db, q.jurisdiction_id)
      const { from, to, page_size: limit } = q
      const page = await searchServiceRequests(c.var.db, { city: q.jurisdiction_id, categories: q.service_code, status: q.status, from, to, limit, offset: (q.page - 1) * limit })
      if (page.more) c.header('Link', `<${pageUrl(c, q.page + 1)}>; rel="next"`)
      rows = page.requests
    }
    c.header('Cache-Control', 'no-cache')
    return renderOpen311(c, format(c), 'service_requests', rows.map((r) => toServiceRequest(r, c.var.baseUrl, q.locale)))
  })
  .get(item('requests'), zv('query', LocaleQuery), async (c) => {
    const id = stripFormat(c.req.param('file'))
    const [request] = await findServiceRequests(c.var.db, [id])
    if (!request) throw problems.notFound('service request', id)
    c.header('Cache-Control', 'no-cache')
    return renderOpen311(c, format(c), 'service_requests', [toServiceRequest(request, c.var.baseUrl, c.req.valid('query').locale)])
  })
  // `POST requests` answers with the id at once, so a token is the request id itself.
  .get(item('tokens'), async (c) => {
    const token = stripFormat(c.req.param('file'))
    if (!(await findPublicAppeal(c.var.db, token))) throw problems.notFound('token', token)
    return renderOpen311(c, format(c), 'service_requests', [{ service_request_id: token, token }])
  })
  .onError(open311ErrorHandler)
