import type { ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { type AppEnv, HttpProblem } from '../http/index.ts'
import { formatOf, renderOpen311 } from './open311-format.ts'

/** One GeoReport v2 error: the HTTP status as its code, and what went wrong. */
interface Open311Error {
  code: number
  description: string
}

// Our field paths name the part of the request (`query.status`); Open311 names fields bare.
const bareField = (field: string) => field.replace(/^(?:query|body|param)\./, '')

/** A problem as Open311 errors: one per wrong field, or one with the problem's detail. */
function toOpen311Errors(problem: HttpProblem): Open311Error[] {
  if (!problem.errors?.length) return [{ code: problem.status, description: problem.detail }]
  return problem.errors.map((e) => ({ code: problem.status, description: `${bareField(e.field)}: ${e.message}` }))
}

/**
 * The error handler of the Open311 routes: problems and other client errors go out as a
 * GeoReport v2 error list in the format the path asks for, with their HTTP status. Anything
 * else is rethrown to the root handler, which logs it and answers 500 with a request id.
 */
export const open311ErrorHandler: ErrorHandler<AppEnv> = function renderOpen311Error(err, c) {
  if (!(err instanceof HTTPException) || err.status >= 500) throw err
  const errors = err instanceof HttpProblem ? toOpen311Errors(err) : [{ code: err.status, description: err.message || 'Bad request' }]
  if (err instanceof HttpProblem && err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter))
  c.header('Cache-Control', 'no-store')
  return renderOpen311(c, formatOf(c.req.path), 'errors', errors, err.status)
}
