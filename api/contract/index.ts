/**
 * The API contract: every route's request and response schemas, defined once. Pure (it imports
 * only zod), so the server validates with it, the web app parses with it, and the OpenAPI
 * document is built from it.
 */
import { ACCOUNT_ROUTES } from './account.ts'
import { ADDRESS_ROUTES } from './addresses.ts'
import { ADMIN_CATEGORY_ROUTES } from './admin-categories.ts'
import { ADMIN_ROUTING_ROUTES } from './admin-routing.ts'
import { ADMIN_USER_ROUTES } from './admin-users.ts'
import { ADMIN_ORGANISATION_ROUTES } from './admin.ts'
import { APPEAL_ROUTES } from './appeals.ts'
import { AUDIT_ROUTES } from './audit.ts'
import { AUTH_ROUTES } from './auth.ts'
import { CITY_ROUTES } from './cities.ts'
import { DEPUTY_ROUTES } from './deputies.ts'
import { HEALTH_ROUTES } from './health.ts'
import { LAYER_ROUTES } from './layers.ts'
import { OFFICE_ROUTES } from './office.ts'
import { REFERENCE_ROUTES } from './reference.ts'
import type { ApiRoute } from './route.ts'
import { STATS_ROUTES } from './stats.ts'
import { SUBSCRIPTION_ROUTES } from './subscriptions.ts'

export * from './account.ts'
export * from './addresses.ts'
export * from './admin.ts'
export * from './admin-categories.ts'
export * from './admin-routing.ts'
export * from './admin-users.ts'
export * from './appeals.ts'
export * from './audit.ts'
export * from './auth.ts'
export * from './cities.ts'
export * from './common.ts'
export * from './deputies.ts'
export * from './enums.ts'
export * from './health.ts'
export * from './layers.ts'
export * from './office.ts'
export * from './pages.ts'
export * from './reference.ts'
export * from './route.ts'
export * from './stats.ts'
export * from './subscriptions.ts'

/** Every route the contract describes; the OpenAPI document lists exactly these. */
export const API_ROUTES: readonly ApiRoute[] = [...HEALTH_ROUTES, ...CITY_ROUTES, ...ADDRESS_ROUTES, ...LAYER_ROUTES, ...REFERENCE_ROUTES, ...APPEAL_ROUTES, ...SUBSCRIPTION_ROUTES, ...AUTH_ROUTES, ...ACCOUNT_ROUTES, ...DEPUTY_ROUTES, ...OFFICE_ROUTES, ...AUDIT_ROUTES, ...STATS_ROUTES, ...ADMIN_USER_ROUTES, ...ADMIN_ORGANISATION_ROUTES, ...ADMIN_CATEGORY_ROUTES, ...ADMIN_ROUTING_ROUTES]
