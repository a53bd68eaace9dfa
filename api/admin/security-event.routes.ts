import { Hono } from 'hono'
import { listSecurityEventsRoute, SecurityEventPage } from '../contract/index.ts'
import { type AppEnv, contractBody, numberedPageLinks, zv } from '../http/index.ts'
import { listSecurityEvents } from '../auth/index.ts'
import { allow } from '../permissions/index.ts'
import { toSecurityEvent } from './admin.dto.ts'

/** The security event log, newest first: `/api/admin/security-events` (administrators only), as `api/contract/admin-users.ts` describes it. */
export const securityEventRoutes = new Hono<AppEnv>().get('/', allow('security:read'), zv('query', listSecurityEventsRoute.request.query), async (c) => {
  c.header('Cache-Control', 'private, no-store')
  const query = c.req.valid('query')
  const { total, items } = await listSecurityEvents(c.var.db, query)
  numberedPageLinks(c, query.page, query.limit, total)
  return c.json(contractBody(SecurityEventPage, { total, items: items.map(toSecurityEvent) }))
})
