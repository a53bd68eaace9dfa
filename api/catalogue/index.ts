/** The open-data catalogue: data passports, the `/data` page's JSON, DCAT-AP and the CKAN-compatible API. */
export { catalogueRoutes, ckanRoutes, dataRoutes } from './catalogue.routes.ts'
