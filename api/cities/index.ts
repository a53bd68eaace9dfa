/** Cities and hromadas, their districts, which district a point lies in, and the address search. */
export { addressRoutes } from './address.routes.ts'
export { cityRoutes } from './city.routes.ts'
export { districtAt } from './district.queries.ts'
