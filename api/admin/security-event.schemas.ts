import { z } from 'zod'
import { SECURITY_EVENT_KINDS } from '../auth/index.ts'
import { Paging } from './admin.schemas.ts'

/**
 * Filters of the security log: a kind, an account id, a time range (`from` inclusive, `to`
 * exclusive, ISO 8601 with an offset); then paging.
 */
export const SecurityEventQuery = z
  .object({
    kind: z.enum(SECURITY_EVENT_KINDS, `must be one of: ${SECURITY_EVENT_KINDS.join(', ')}`).optional(),
    account: z
      .string()
      .regex(/^[1-9]\d{0,14}$/, 'must be a positive whole number')
      .transform(Number)
      .optional(),
    from: z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-01-31T12:00:00Z' }).transform((s) => new Date(s)).optional(),
    to: z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-01-31T12:00:00Z' }).transform((s) => new Date(s)).optional(),
    ...Paging,
  })
  .strict()
export type SecurityEventQuery = z.infer<typeof SecurityEventQuery>
