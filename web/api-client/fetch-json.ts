import type { z } from 'zod'
import { ApiProblemSchema, type Problem } from './api-schemas.ts'

/**
 * An API request that failed. `problem` is the server's RFC 9457 document when it sent one, or a
 * problem built here for network failures and responses that do not match their schema.
 */
export class ApiProblemError extends Error {
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title)
    this.name = 'ApiProblemError'
    this.problem = problem
  }
}

/**
 * Fetches a same-origin JSON resource and validates it with `schema`.
 * Throws {@link ApiProblemError} for a non-2xx status (with the server's problem document when the
 * body is `application/problem+json`), for an invalid body, and for a network failure; rethrows
 * the `AbortError` of an aborted request unchanged.
 */
export async function fetchJson<T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  return requestJson(url, schema, { signal })
}

/** What {@link sendJson} sends: a JSON value or a multipart form, and extra headers. */
export interface SendOptions {
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** A `FormData` goes as multipart/form-data; anything else as JSON. */
  body: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
}

/**
 * Sends a same-origin request with a body (POST unless `method` says otherwise) and validates
 * the JSON answer with `schema`. Fails like {@link fetchJson}.
 */
export async function sendJson<T>(url: string, schema: z.ZodType<T>, options: SendOptions): Promise<T> {
  const { body, headers = {}, method = 'POST', signal } = options
  if (body instanceof FormData) return requestJson(url, schema, { method, body, headers, signal })
  return requestJson(url, schema, {
    method,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
    signal,
  })
}

interface RequestParts {
  method?: string
  body?: BodyInit
  headers?: Record<string, string>
  signal?: AbortSignal | undefined
}

async function requestJson<T>(url: string, schema: z.ZodType<T>, parts: RequestParts): Promise<T> {
  const { signal } = parts
  let response: Response
  try {
    response = await fetch(url, { ...parts, headers: { accept: 'application/json', ...parts.headers } })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiProblemError({ title: 'Network error', detail: `${url}: ${String(error)}` })
  }
  const body: unknown = await response.json().catch(() => undefined)
  if (!response.ok) throw new ApiProblemError(problemOf(response, body))
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw new ApiProblemError({ title: 'Unexpected response', detail: `${url}: ${parsed.error.message}` })
  }
  return parsed.data
}

/** The problem a failed response describes, falling back to its status line. */
function problemOf(response: Response, body: unknown): Problem {
  const problem = ApiProblemSchema.safeParse(body)
  if (problem.success) return problem.data
  return { title: `${response.status} ${response.statusText}`.trim(), status: response.status, detail: response.url }
}
