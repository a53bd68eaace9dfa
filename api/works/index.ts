/** Repairs of the city's objects and planned or emergency works: their live layers, the public calendar and map data, staff records, subscriptions. */
export { ensureWorksLayer } from './works-layers.ts'
export { workRoutes } from './works.routes.ts'
