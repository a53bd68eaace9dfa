import { z } from 'zod'
import { HttpProblem, type FieldError } from '../http/index.ts'

/**
 * A name or label typed by an administrator: trimmed, one line, no control characters, 1 to
 * `max` characters.
 */
export function singleLine(max: number) {
  return z
    .string('must be text')
    .transform((s) => s.trim())
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must be one line without control characters')
    .pipe(z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`))
}

/** A name in both languages of the app, as stored in the `name` jsonb columns. */
export const LocalizedName = z.object({ uk: singleLine(200), en: singleLine(200) }, 'must be an object { uk, en }').strict()

/** An e-mail address, lower-cased as the `users` and `organisations` tables keep it. */
export const Email = z
  .email('must be an e-mail address')
  .max(254, 'must be at most 254 characters')
  .transform((s) => s.toLowerCase())

/** A numeric id in a path: digits only, within JavaScript's safe integers. */
export const NumericIdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'must be a positive whole number')
    .transform(Number),
})

/** `page` (from 1) and `limit` (1..200, default 50) of a paginated list. */
export const Paging = {
  page: z.coerce.number('must be a number').int('must be a whole number').min(1).max(100_000).default(1),
  limit: z.coerce.number('must be a number').int('must be a whole number').min(1).max(200).default(50),
}

/**
 * The refinement of a PATCH body: it must name at least one field. It runs only on a body
 * otherwise valid, so that an unknown key is reported alone.
 * @example z.object({ name: Name.optional() }).strict().refine(...changesSomething('name'))
 */
export function changesSomething(fields: string) {
  return [
    (body: Record<string, unknown>) => Object.values(body).some((v) => v !== undefined),
    { message: `must change at least one of: ${fields}`, when: (payload: z.core.ParsePayload) => payload.issues.length === 0 },
  ] as const
}

/**
 * A well-formed request that names things that do not exist or do not fit together (an unknown
 * organisation, a district of another city): 422 with the offending fields.
 */
export function unprocessable(errors: FieldError[]): HttpProblem {
  return new HttpProblem('invalid-input', 422, `Cannot apply the request: ${errors.map((e) => e.field).join(', ')}`, errors)
}

/** A change the current state forbids (a duplicate, the last administrator): 409. */
export function conflict(detail: string): HttpProblem {
  return new HttpProblem('conflict', 409, detail)
}
