import { useEffect, useState } from 'react'
import type { z } from 'zod'
import { ApiProblemError, fetchJson, type Problem } from '../api-client/index.ts'

/** The state of one API resource: loading, its validated data, or the problem that stopped it. */
export type ApiResource<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; problem: Problem }

/**
 * Loads `url` and validates it with `schema`, again whenever `url` changes; an earlier request
 * still in flight is aborted. With `url` undefined nothing is fetched and the state stays
 * `loading`. `schema` must be a module-level constant: it is not a dependency of the request.
 * Raising `revision` loads the same URL again (after a write that changed it); the data so far
 * stays until the new answer arrives.
 */
export function useApiResource<T>(url: string | undefined, schema: z.ZodType<T>, revision = 0): ApiResource<T> {
  const [resource, setResource] = useState<{ url: string; state: ApiResource<T> } | undefined>()

  useEffect(() => {
    if (url === undefined) return
    const controller = new AbortController()
    fetchJson(url, schema, controller.signal).then(
      (data) => setResource({ url, state: { status: 'ready', data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        const problem = error instanceof ApiProblemError ? error.problem : { title: String(error) }
        console.error(`Could not load ${url}:`, problem)
        setResource({ url, state: { status: 'failed', problem } })
      },
    )
    return () => controller.abort()
    // The schema is a constant; listing it would refetch on every render of a caller that inlines one.
  }, [url, revision])

  // A result for an earlier URL is stale: report loading until the current one arrives.
  return resource && resource.url === url ? resource.state : { status: 'loading' }
}
