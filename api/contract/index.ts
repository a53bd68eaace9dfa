/**
 * The API contract: every route's request and response schemas, defined once. Pure (it imports
 * only zod), so the server validates with it, the web app parses with it, and the OpenAPI
 * document is built from it.
 */
import { ADDRESS_ROUTES } from './addresses.ts'
import { CITY_ROUTES } from './cities.ts'
import { HEALTH_ROUTES } from './health.ts'
import { LAYER_ROUTES } from './layers.ts'
import { REFERENCE_ROUTES } from './reference.ts'
import type { ApiRoute } from './route.ts'

export * from './addresses.ts'
export * from './appeals.ts'
export * from './cities.ts'
export * from './common.ts'
export * from './enums.ts'
export * from './health.ts'
export * from './layers.ts'
export * from './pages.ts'
export * from './reference.ts'
export * from './route.ts'

/** Every route the contract describes; the OpenAPI document lists exactly these. */
export const API_ROUTES: readonly ApiRoute[] = [...HEALTH_ROUTES, ...CITY_ROUTES, ...ADDRESS_ROUTES, ...LAYER_ROUTES, ...REFERENCE_ROUTES]
