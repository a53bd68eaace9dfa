import type { Hono } from 'hono'
import { API_ROUTES, OGC_ROUTES, Problem, TILE_ROUTES, type ApiRoute } from '../contract/index.ts'
import { edgeProblemsOf } from './openapi-document.ts'


/** The route of the contract that answers `method` on `path`, if any; literal segments win over parameters. */
export function routeMatcher(routes: readonly ApiRoute[] = API_ROUTES) {
  const patterns = routes
    .map((route) => ({
      route,
      params: (route.path.match(/\{/g) ?? []).length,
      re: new RegExp(`^${route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
    }))
    .sort((a, b) => a.params - b.params)
  return (method: string, path: string): ApiRoute | undefined =>
    patterns.find((p) => p.route.method === method.toLowerCase() && p.re.test(path))?.route
}

/**
 * How a response breaks its route's contract, or undefined when it keeps it: its status must be
 * one the route declares (a response or a problem), and a body the contract describes must
 * have the declared media type and parse with the declared schema.
 */
export async function contractViolation(route: ApiRoute, response: Response): Promise<string | undefined> {
  const { status } = response
  // A conditional GET's 304 stands for the declared 200, whatever the route.
  if (status === 304) return undefined
  const declared = route.responses[status]
  const isProblem = !declared && ([...(route.problems ?? []), ...edgeProblemsOf(route)] as number[]).includes(status)
  if (!declared && !isProblem) return `answered ${status}, which the contract does not declare`
  if (status === 204) return undefined
  const schema = declared ? declared.schema : Problem
  // A response that declares neither schema nor media type may answer in any.
  const mediaType = declared ? (declared.contentType ?? (declared.schema ? 'application/json' : undefined)) : 'application/problem+json'
  const contentType = response.headers.get('Content-Type') ?? ''
  const alternative = Object.entries(declared?.alternatives ?? {}).find(([type]) => contentType.startsWith(type))
  if (alternative) return schemaViolation(status, alternative[1] ?? undefined, response)
  if (mediaType && !contentType.startsWith(mediaType)) return `answered ${status} as "${contentType}", not ${mediaType}`
  return schemaViolation(status, schema, response)
}

/** How a JSON body breaks `schema`, or undefined when it keeps it (or there is nothing to check). */
async function schemaViolation(status: number, schema: ApiRoute['responses'][number]['schema'], response: Response): Promise<string | undefined> {
  // A compressed body is the compression tests' business; the same answer uncompressed is checked.
  if (!schema || response.headers.has('Content-Encoding')) return undefined
  const parsed = schema.safeParse(await response.json())
  if (parsed.success) return undefined
  return `answered ${status} with a body that breaks its schema: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`
}

/** A response that does not keep the contract: the test that made the request fails with it. */
export class ContractViolation extends Error {
  override name = 'ContractViolation'
}

/**
 * `app` with every answer of a described route checked against the contract; a response that
 * breaks it throws {@link ContractViolation} instead of reaching the caller. For tests: it
 * reads each JSON body twice.
 */
export function checkedAgainstContract<A extends Hono<any, any, any>>(app: A, routes: readonly ApiRoute[] = [...API_ROUTES, ...OGC_ROUTES, ...TILE_ROUTES]): A {
  const routeOf = routeMatcher(routes)
  const fetch = app.fetch
  app.fetch = async function checkedFetch(request, ...rest) {
    const response = await fetch(request, ...rest)
    const route = routeOf(request.method, new URL(request.url).pathname)
    const violation = route && (await contractViolation(route, response.clone()))
    if (violation) throw new ContractViolation(`${request.method} ${new URL(request.url).pathname} ${violation}`)
    return response
  }
  return app
}
