import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { problems } from './problems.ts'

/**
 * `zValidator` that turns a failed parse into a 400 problem listing each invalid field as
 * `<target>.<path>` with zod's message.
 */
export function zv<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const errors = result.error.issues.map((issue) => ({
        field: [target, ...issue.path.map(String)].join('.'),
        message: issue.message,
      }))
      throw problems.invalid(`Invalid ${target}: ${errors.map((e) => e.field).join(', ')}`, errors)
    }
  })
}
