/** Open311 GeoReport v2 over the appeals: discovery, services, requests and its own error format. */
export { open311ErrorHandler } from './open311-errors.ts'
export { open311Routes } from './open311.routes.ts'
