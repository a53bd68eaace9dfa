import type { z } from 'zod'

/** The problem statuses a route may answer besides its own responses (400, 500 and 503 go without saying). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 503 | 507

/** A way a request proves who sends it: `session` is the cookie a sign-in sets. */
export type SecurityScheme = 'session'

/** One response of a route: what it means and, for a body, its schema and media type (JSON by default). */
export interface ApiResponse {
  description: string
  schema?: z.ZodType
  /** `application/json` unless set, e.g. `application/geo+json`, `text/csv`. */
  contentType?: string
  /**
   * Other media types the same answer may come in when the query asks for them, each with its
   * schema (GeoJSON), or `null` for a body that is not JSON (`text/csv`).
   */
  alternatives?: Readonly<Record<string, z.ZodType | null>>
}

/** What a route reads from the request; each part is validated by the server with this schema. */
export interface ApiRequest {
  /** Path parameters, named as in `path`. */
  params?: z.ZodObject
  query?: z.ZodObject
  headers?: z.ZodObject
  body?: { json?: z.ZodType; multipart?: z.ZodType }
}

/**
 * One route of the API as its contract: the single definition that the server validates and
 * types against, the web app parses with, and the OpenAPI document is built from.
 */
export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** OpenAPI style, with `{name}` for a path parameter: `/api/cities/{id}`; OGC API routes live under `/ogc`. */
  path: `/api/${string}` | `/ogc${string}` | `/tiles/${string}` | `/styles/${string}` | `/fonts/${string}`
  summary: string
  description?: string
  tags: readonly string[]
  request?: ApiRequest
  /** Status → response; a status without a schema has no body (or one that is not JSON). */
  responses: Readonly<Record<number, ApiResponse>>
  /** The problem documents (`application/problem+json`) it may answer with. */
  problems?: readonly ProblemStatus[]
  /** What it needs to be let in: `session`, a signed-in user's session cookie. Without it, anyone. */
  security?: readonly SecurityScheme[]
}

/** A route's contract, checked against {@link ApiRoute} and kept with its literal types. */
export function apiRoute<const R extends ApiRoute>(route: R): R {
  return route
}
