import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { problems } from './problems.ts'

// A client names a field of the request body the same way whatever its media type.
const BODY_TARGETS = new Set<string>(['json', 'form'])

/**
 * `zValidator` that turns a failed parse into a 400 problem listing each invalid field as
 * `<target>.<path>` (`body.<path>` for JSON and form bodies) with zod's message.
 */
export function zv<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const errors = result.error.issues.map((issue) => ({
        field: [BODY_TARGETS.has(target) ? 'body' : target, ...issue.path.map(String)].join('.'),
        message: issue.message,
      }))
      throw problems.invalid(`Invalid ${target}: ${errors.map((e) => e.field).join(', ')}`, errors)
    }
  })
}
