/** The search for anything in a city: `GET /api/search`. */
export { searchRoutes } from './search.routes.ts'
export { searchCity } from './search.ts'
