import { Hono } from 'hono'
import { z } from 'zod'
import { type AppEnv, HttpProblem, zv } from '../http/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { auditScopeOf, scopeCovers } from './audit-scope.ts'
import { searchAudit } from './audit.queries.ts'

const AuditQuery = z.object({
  object_type: z.enum(['appeal', 'user', 'organisation', 'category', 'routing-rule', 'layer', 'deputy', 'project']).optional(),
  object_id: z.string().trim().min(1).max(200).optional(),
  actor: z.string().regex(/^[a-z0-9]{1,32}(:[\w.-]{1,64})?$/, 'must be an actor like user:12').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

/**
 * The audit trail, for staff: who changed what, attribute by attribute, within what the
 * caller's role may read (see `audit-scope.ts`). Asking for a kind of object outside it is 403;
 * rows of objects in it that the caller may not read are simply not listed.
 */
export const auditRoutes = new Hono<AppEnv>().get('/', allow('audit:read'), zv('query', AuditQuery), async (c) => {
  const query = c.req.valid('query')
  const scope = auditScopeOf(signedIn(c.var.user))
  if (query.object_type && !scopeCovers(scope, query.object_type)) {
    throw new HttpProblem('forbidden', 403, `Your role does not allow reading the audit trail of "${query.object_type}" objects`)
  }
  c.header('Cache-Control', 'private, no-store')
  return c.json(await searchAudit(c.var.db, query, scope))
})
