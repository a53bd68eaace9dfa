import { HttpProblem, type FieldError } from '../http/index.ts'

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
