import { Hono } from 'hono'
import { AuditPage, listAuditRoute } from '../contract/index.ts'
import { type AppEnv, contractBody, HttpProblem, numberedPageLinks, zv } from '../http/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { auditScopeOf, scopeCovers } from './audit-scope.ts'
import { searchAudit } from './audit.queries.ts'

/**
 * The audit trail, for staff: who changed what, attribute by attribute, within what the
 * caller's role may read (see `audit-scope.ts`). Asking for a kind of object outside it is 403;
 * rows of objects in it that the caller may not read are simply not listed. The contract is
 * `listAuditRoute` in `api/contract/audit.ts`.
 */
export const auditRoutes = new Hono<AppEnv>().get('/', allow('audit:read'), zv('query', listAuditRoute.request.query), async (c) => {
  const query = c.req.valid('query')
  const scope = auditScopeOf(signedIn(c.var.user))
  if (query.object_type && !scopeCovers(scope, query.object_type)) {
    throw new HttpProblem('forbidden', 403, `Your role does not allow reading the audit trail of "${query.object_type}" objects`)
  }
  c.header('Cache-Control', 'private, no-store')
  const page = await searchAudit(c.var.db, query, scope)
  numberedPageLinks(c, query.page, query.limit, page.total)
  return c.json(contractBody(AuditPage, page))
})
