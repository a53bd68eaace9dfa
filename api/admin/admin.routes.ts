import { Hono } from 'hono'
import type { AppEnv } from '../http/index.ts'
import { categoryAdminRoutes } from './category-admin.routes.ts'
import { organisationAdminRoutes } from './organisation-admin.routes.ts'
import { routingAdminRoutes } from './routing-admin.routes.ts'
import { securityEventRoutes } from './security-event.routes.ts'
import { userAdminRoutes } from './user-admin.routes.ts'

/**
 * The administrator's API under `/api/admin`. Each route names its own permission first:
 * `users:manage` for users and organisations, `appeals:configure` for categories and routing,
 * `security:read` for the security event log.
 */
export const adminRoutes = new Hono<AppEnv>()
  .route('/users', userAdminRoutes)
  .route('/organisations', organisationAdminRoutes)
  .route('/categories', categoryAdminRoutes)
  .route('/routing-rules', routingAdminRoutes)
  .route('/security-events', securityEventRoutes)
