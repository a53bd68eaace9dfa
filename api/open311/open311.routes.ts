import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { findCity } from '../../layers/index.ts'
import { type AppEnv, HttpProblem, numberedPageLinksByMore, problems, zv } from '../http/index.ts'
import { fileAppeal, findCategory, findPublicAppeal, listCategories } from '../appeals/index.ts'
import { discoveryDocument } from './discovery.ts'
import { open311ErrorHandler } from './open311-errors.ts'
import { formatOf, renderOpen311, stripFormat } from './open311-format.ts'
import { plainTextUrl } from './open311-input-guard.ts'
import { LocaleQuery, RequestListQuery, ServiceDefinitionQuery, ServiceListQuery } from './open311.schemas.ts'
import { inOpen311Terms, parseServiceRequest, readServiceRequestFields, toAppealSubmission } from './service-request-body.ts'
import { requestPlace } from './service-request-place.ts'
import { toCreatedRequest, toServiceRequest } from './service-request.dto.ts'
import { categoriesWithSyntheticRequests, findServiceRequests, searchServiceRequests, unknownServiceCodes, type ServiceRequestRow } from './service-request.queries.ts'
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

/** A 404 problem for the first code that names no service, as the spec has it. */
async function requireServiceCodes(db: Kysely<DB>, codes: string[] | undefined): Promise<void> {
  const [unknown] = codes ? await unknownServiceCodes(db, codes) : []
  if (unknown !== undefined) throw problems.notFound('service_code', unknown)
}

// Longer than any code, appeal number or token we make.
const MAX_ID = 100

/** The id a path names, without its format suffix; a 400 problem naming `field` when overlong. */
function pathId(c: Context, field: string): string {
  const id = stripFormat(c.req.param('file') ?? '')
  if (id.length > MAX_ID) throw problems.invalid(`Invalid ${field}`, [{ field, message: `must be at most ${MAX_ID} characters` }])
  return id
}

/** The key that may post requests, or a 403 problem. */
function requireApiKey(keys: ReadonlySet<string>, key: unknown): string {
  if (typeof key !== 'string' || !keys.has(key)) throw new HttpProblem('forbidden', 403, 'api_key is missing or not valid')
  return key
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
  .use(plainTextUrl())
  .get(doc('discovery'), (c) => renderOpen311(c, format(c), 'discovery', discoveryDocument(c.var.baseUrl, c.var.demoMode)))
  .get(doc('services'), zv('query', ServiceListQuery), async (c) => {
    const { jurisdiction_id, locale } = c.req.valid('query')
    await requireJurisdiction(c.var.db, jurisdiction_id)
    const [categories, synthetic] = await Promise.all([listCategories(c.var.db), categoriesWithSyntheticRequests(c.var.db)])
    return renderOpen311(c, format(c), 'services', categories.map((category) => toService(category, locale, synthetic.has(category.id))))
  })
  .get(item('services'), zv('query', ServiceDefinitionQuery), async (c) => {
    const code = pathId(c, 'service_code')
    const { jurisdiction_id, locale } = c.req.valid('query')
    await requireJurisdiction(c.var.db, jurisdiction_id)
    const category = await findCategory(c.var.db, code)
    if (!category) throw problems.notFound('service_code', code)
    return renderOpen311(c, format(c), 'service_definition', toServiceDefinition(category, locale))
  })
  .post(doc('requests'), requestBodyLimit, async (c) => {
    const fields = await readServiceRequestFields(c)
    // The spec has the key in the form; clients put it in the query string too.
    const key = requireApiKey(c.var.appeals.open311Keys, fields.api_key ?? c.req.query('api_key'))
    const body = parseServiceRequest(fields)
    await requireJurisdiction(c.var.db, body.jurisdiction_id)
    const category = await findCategory(c.var.db, body.service_code)
    if (!category) throw problems.notFound('service_code', body.service_code)
    const place = await requestPlace(c.var.db, body.location, body.jurisdiction_id)
    const { receipt, replayed } = await fileAppeal(c, toAppealSubmission(body, category, place), [], 'open311', `open311:${key.slice(0, 6)}`).catch((err: unknown) => {
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
      await requireServiceCodes(c.var.db, q.service_code)
      const { from, to, page_size: limit } = q
      const page = await searchServiceRequests(c.var.db, { city: q.jurisdiction_id, categories: q.service_code, status: q.status, from, to, limit, offset: (q.page - 1) * limit })
      numberedPageLinksByMore(c, q.page, page.more)
      rows = page.requests
    }
    c.header('Cache-Control', 'no-cache')
    return renderOpen311(c, format(c), 'service_requests', rows.map((r) => toServiceRequest(r, c.var.baseUrl, q.locale)))
  })
  .get(item('requests'), zv('query', LocaleQuery), async (c) => {
    const id = pathId(c, 'service_request_id')
    const [request] = await findServiceRequests(c.var.db, [id])
    if (!request) throw problems.notFound('service request', id)
    c.header('Cache-Control', 'no-cache')
    return renderOpen311(c, format(c), 'service_requests', [toServiceRequest(request, c.var.baseUrl, c.req.valid('query').locale)])
  })
  // `POST requests` answers with the id at once, so a token is the request id itself.
  .get(item('tokens'), async (c) => {
    const token = pathId(c, 'token')
    if (!(await findPublicAppeal(c.var.db, token))) throw problems.notFound('token', token)
    return renderOpen311(c, format(c), 'service_requests', [{ service_request_id: token, token }])
  })
  // Last: any other path or method under /open311/v2 is a 404 in the path's format, not the web page.
  .all('*', (c) => {
    throw problems.notFound('endpoint', `${c.req.method} ${c.req.path}`)
  })
  .onError(open311ErrorHandler)
