import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { allow } from '../auth/permissions.ts'
import { searchAudit } from '../office/office.queries.ts'
import { zv } from '../validation.ts'

const AuditQuery = z.object({
  object_type: z.enum(['appeal', 'user', 'organisation', 'category', 'routing-rule', 'layer', 'deputy', 'project']).optional(),
  object_id: z.string().trim().min(1).max(200).optional(),
  actor: z.string().regex(/^[a-z0-9]{1,32}(:[\w.-]{1,64})?$/, 'must be an actor like user:12').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

/** The audit trail, for staff: who changed what, attribute by attribute. */
export const auditRoutes = new Hono<AppEnv>().get('/', allow('audit:read'), zv('query', AuditQuery), async (c) => {
  c.header('Cache-Control', 'private, no-store')
  return c.json(await searchAudit(c.var.db, c.req.valid('query')))
})
