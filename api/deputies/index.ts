/** Deputies and their electoral districts: who represents a place, and their appeals. */
export { findDeputyAt, syncDistrictDeputies } from './deputy.queries.ts'
export { deputyRoutes } from './deputy.routes.ts'
