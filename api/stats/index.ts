/** Dashboards: public appeal figures and internal figures per organisation and executor. */
export { statsRoutes } from './stats.routes.ts'
