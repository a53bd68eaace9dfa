/** The administrator's cabinet: users, organisations, categories, routing rules and the security log. */
export { adminRoutes } from './admin.routes.ts'
