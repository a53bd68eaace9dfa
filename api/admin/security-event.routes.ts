import { Hono } from 'hono'
import { type AppEnv, zv } from '../http/index.ts'
import { listSecurityEvents } from '../auth/index.ts'
import { allow } from '../permissions/index.ts'
import { SecurityEventQuery } from './security-event.schemas.ts'

/** The security event log, newest first: `/api/admin/security-events` (administrators only). */
export const securityEventRoutes = new Hono<AppEnv>().get('/', allow('security:read'), zv('query', SecurityEventQuery), async (c) => {
  c.header('Cache-Control', 'private, no-store')
  return c.json(await listSecurityEvents(c.var.db, c.req.valid('query')))
})
