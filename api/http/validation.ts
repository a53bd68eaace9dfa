import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { z, ZodType } from 'zod'
import { HttpProblem, problems } from './problems.ts'

// A client names a field of the request body the same way whatever its media type.
const BODY_TARGETS = new Set<string>(['json', 'form'])

/** A failed parse as a 400 problem naming each field `<where>.<path>` (just `<path>` without `where`). */
export function invalidInput(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }, where: string | undefined, what = where ?? 'request'): HttpProblem {
  const errors = error.issues.map((issue) => ({
    field: [...(where ? [where] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
  }))
  return problems.invalid(`Invalid ${what}: ${errors.map((e) => e.field).join(', ')}`, errors)
}

/**
 * `zValidator` that turns a failed parse into a 400 problem listing each invalid field as
 * `<target>.<path>` (`body.<path>` for JSON and form bodies) with zod's message.
 */
export function zv<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw invalidInput(result.error, BODY_TARGETS.has(target) ? 'body' : target, target)
  })
}

/**
 * A response body as the route's contract describes it: the compiler checks `body` against
 * `schema` (the form a client parses), and the value is sent as it is.
 * @example return c.json(contractBody(PublicCity, toPublicCity(city, c.var.baseUrl)))
 */
export function contractBody<S extends ZodType>(schema: S, body: z.input<S>): z.input<S> {
  void schema
  return body
}

/** Whether a request's `Content-Type` is multipart/form-data (parameters such as the boundary aside). */
export function isMultipart(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'multipart/form-data'
}
