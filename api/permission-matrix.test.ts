/**
 * Who may call what: every route of the API, called by the signed-out and by a user of each
 * role, is allowed or refused exactly as the table below says. A route missing from the table
 * fails the test, so a new route cannot ship without deciding who may call it.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/index.ts'
import { openTestDatabase } from '../db/testing.ts'
import { digest, newToken, type Role, ROLES, SESSION_COOKIE } from './auth/index.ts'
import { DEMO_ACCOUNTS } from './demo/index.ts'
import type { App } from './index.ts'
import { makeApp, TEST_OPEN311_KEY } from './test-helpers.ts'

/** Anyone, signed in or not; any signed-in user; or only these roles. */
type Access = 'public' | 'signed-in' | readonly Role[]

const STAFF: readonly Role[] = ['moderator', 'executor', 'manager', 'admin']
const TRIAGE: readonly Role[] = ['moderator', 'admin']
const WORK: readonly Role[] = ['executor', 'manager', 'admin']
const HEADS: readonly Role[] = ['manager', 'admin']
const OVERSIGHT: readonly Role[] = ['moderator', 'manager', 'admin']
const ADMIN: readonly Role[] = ['admin']
// Publishers hold `layers:manage` too, for their own organisation's layers.
const PLANNERS: readonly Role[] = ['planner', 'publisher', 'admin']
const BUDGET: readonly Role[] = ['budget_admin', 'admin']
const WORKS: readonly Role[] = ['executor', 'manager', 'property_manager', 'admin']
const PROPERTY: readonly Role[] = ['property_manager', 'admin']

// An appeal number and ids that do not exist: an allowed caller gets 404 or 400, never a change.
const N = 'KYIV-1999-999999'
const U = '00000000-0000-4000-8000-000000000000'
const T = 'A'.repeat(43)

/** Route → a concrete path to call and who may call it. */
const ROUTES: Record<string, { path: string; access: Access; form?: string }> = {
  'GET /api/health': { path: '/api/health', access: 'public' },
  'GET /api/openapi.json': { path: '/api/openapi.json', access: 'public' },
  'GET /api/docs': { path: '/api/docs', access: 'public' },
  'GET /api/docs/:file': { path: '/api/docs/start.js', access: 'public' },
  'POST /api/auth/login': { path: '/api/auth/login', access: 'public' },
  'POST /api/auth/logout': { path: '/api/auth/logout', access: 'public' },
  'GET /api/auth/me': { path: '/api/auth/me', access: 'signed-in' },
  'GET /api/auth/session': { path: '/api/auth/session', access: 'public' },
  'GET /api/auth/providers': { path: '/api/auth/providers', access: 'public' },
  'GET /api/auth/oidc/start': { path: '/api/auth/oidc/start', access: 'public' },
  'GET /api/auth/oidc/callback': { path: '/api/auth/oidc/callback?state=x&code=y', access: 'public' },
  'POST /api/account/register': { path: '/api/account/register', access: 'public' },
  'POST /api/account/confirm': { path: '/api/account/confirm', access: 'public' },
  'POST /api/account/password-reset': { path: '/api/account/password-reset', access: 'public' },
  'POST /api/account/password-reset/complete': { path: '/api/account/password-reset/complete', access: 'public' },
  'GET /api/account': { path: '/api/account', access: 'signed-in' },
  'PATCH /api/account': { path: '/api/account', access: 'signed-in' },
  'POST /api/account/password': { path: '/api/account/password', access: 'signed-in' },
  'DELETE /api/account': { path: '/api/account', access: 'signed-in' },
  'GET /api/office/appeals': { path: '/api/office/appeals', access: STAFF },
  'GET /api/office/appeals/:number': { path: `/api/office/appeals/${N}`, access: STAFF },
  'GET /api/office/appeals/:number/photos/:file': { path: `/api/office/appeals/${N}/photos/1.jpg`, access: STAFF },
  'POST /api/office/appeals/:number/register': { path: `/api/office/appeals/${N}/register`, access: TRIAGE },
  'POST /api/office/appeals/:number/route': { path: `/api/office/appeals/${N}/route`, access: TRIAGE },
  'POST /api/office/appeals/:number/recategorise': { path: `/api/office/appeals/${N}/recategorise`, access: TRIAGE },
  'POST /api/office/appeals/:number/merge': { path: `/api/office/appeals/${N}/merge`, access: TRIAGE },
  'POST /api/office/appeals/:number/reject': { path: `/api/office/appeals/${N}/reject`, access: TRIAGE },
  'POST /api/office/appeals/:number/redact': { path: `/api/office/appeals/${N}/redact`, access: TRIAGE },
  'POST /api/office/appeals/:number/take': { path: `/api/office/appeals/${N}/take`, access: WORK },
  'POST /api/office/appeals/:number/status': { path: `/api/office/appeals/${N}/status`, access: WORK },
  'POST /api/office/appeals/:number/extend': { path: `/api/office/appeals/${N}/extend`, access: WORK },
  'POST /api/office/appeals/:number/notes': { path: `/api/office/appeals/${N}/notes`, access: STAFF },
  'POST /api/office/appeals/:number/work-photos': { path: `/api/office/appeals/${N}/work-photos`, access: WORK },
  'POST /api/office/appeals/:number/reassign': { path: `/api/office/appeals/${N}/reassign`, access: HEADS },
  'GET /api/office/staff': { path: '/api/office/staff', access: HEADS },
  'GET /api/office/organisations': { path: '/api/office/organisations', access: STAFF },
  'GET /api/admin/users': { path: '/api/admin/users', access: ADMIN },
  'GET /api/admin/users/:id': { path: '/api/admin/users/999999999', access: ADMIN },
  'POST /api/admin/users': { path: '/api/admin/users', access: ADMIN },
  'PATCH /api/admin/users/:id': { path: '/api/admin/users/999999999', access: ADMIN },
  'DELETE /api/admin/users/:id': { path: '/api/admin/users/999999999', access: ADMIN },
  'GET /api/admin/organisations': { path: '/api/admin/organisations', access: ADMIN },
  'GET /api/admin/organisations/:id': { path: '/api/admin/organisations/no-such-org', access: ADMIN },
  'POST /api/admin/organisations': { path: '/api/admin/organisations', access: ADMIN },
  'PATCH /api/admin/organisations/:id': { path: '/api/admin/organisations/no-such-org', access: ADMIN },
  'DELETE /api/admin/organisations/:id': { path: '/api/admin/organisations/no-such-org', access: ADMIN },
  'GET /api/admin/categories': { path: '/api/admin/categories', access: ADMIN },
  'POST /api/admin/categories': { path: '/api/admin/categories', access: ADMIN },
  'PATCH /api/admin/categories/:id': { path: '/api/admin/categories/no-such-category', access: ADMIN },
  'GET /api/admin/routing-rules': { path: '/api/admin/routing-rules', access: ADMIN },
  'GET /api/admin/routing-rules/preview': { path: '/api/admin/routing-rules/preview', access: ADMIN },
  'POST /api/admin/routing-rules': { path: '/api/admin/routing-rules', access: ADMIN },
  'PATCH /api/admin/routing-rules/:id': { path: '/api/admin/routing-rules/999999999', access: ADMIN },
  'DELETE /api/admin/routing-rules/:id': { path: '/api/admin/routing-rules/999999999', access: ADMIN },
  'GET /api/admin/security-events': { path: '/api/admin/security-events', access: ADMIN },
  'GET /api/audit': { path: '/api/audit', access: OVERSIGHT },
  'GET /api/stats/appeals': { path: '/api/stats/appeals?city=kyiv', access: 'public' },
  'GET /api/stats/internal': { path: '/api/stats/internal?city=kyiv', access: OVERSIGHT },
  'GET /api/deputies': { path: '/api/deputies?city=kyiv', access: 'public' },
  'GET /api/deputies/at': { path: '/api/deputies/at?city=kyiv&lon=30.52&lat=50.45', access: 'public' },
  'POST /api/deputies': { path: '/api/deputies', access: ADMIN },
  'PATCH /api/deputies/:id': { path: '/api/deputies/999999999', access: ADMIN },
  'DELETE /api/deputies/:id': { path: '/api/deputies/999999999', access: ADMIN },
  'GET /api/cities': { path: '/api/cities', access: 'public' },
  'GET /api/cities/:id': { path: '/api/cities/kyiv', access: 'public' },
  'GET /api/cities/:id/districts': { path: '/api/cities/kyiv/districts', access: 'public' },
  'GET /api/addresses': { path: '/api/addresses?city=kyiv&q=Хрещатик', access: 'public' },
  'GET /api/search': { path: '/api/search?city=kyiv&q=Хрещатик', access: 'public' },
  'GET /api/layers': { path: '/api/layers', access: 'public' },
  'GET /api/catalogue': { path: '/api/catalogue?city=marhanets', access: 'public' },
  'GET /api/3/action/package_list': { path: '/api/3/action/package_list', access: 'public' },
  'GET /api/3/action/package_show': { path: '/api/3/action/package_show?id=marhanets-city-objects', access: 'public' },
  'GET /api/3/action/package_search': { path: '/api/3/action/package_search?rows=1', access: 'public' },
  'GET /api/3/action/organization_list': { path: '/api/3/action/organization_list', access: 'public' },
  'GET /data/catalog.jsonld': { path: '/data/catalog.jsonld', access: 'public' },
  'GET /data/SOURCES.md': { path: '/data/SOURCES.md', access: 'public' },
  'GET /api/layers/:id': { path: '/api/layers/kyiv-districts', access: 'public' },
  'GET /api/layers/:id/features': { path: '/api/layers/kyiv-districts/features?limit=1', access: 'public' },
  'GET /api/layers/:id/features/:featureId': { path: '/api/layers/kyiv-districts/features/999999999', access: 'public' },
  'GET /api/layers/:id/:file{export\\.(geojson|csv|csvt|gpkg|fgb)}': { path: '/api/layers/kyiv-districts/export.csv', access: 'public' },
  'GET /api/layers/:id/export/:file': { path: '/api/layers/kyiv-districts/export/v999999-00000000.gpkg', access: 'public' },
  'POST /api/layers': { path: '/api/layers', access: PLANNERS },
  'PATCH /api/layers/:id': { path: '/api/layers/no-such-layer', access: PLANNERS },
  'POST /api/layers/:id/review': { path: '/api/layers/no-such-layer/review', access: PLANNERS },
  'GET /api/planning/organisations': { path: '/api/planning/organisations?city=kyiv', access: PLANNERS },
  'POST /api/layers/:id/versions': { path: '/api/layers/no-such-layer/versions', access: PLANNERS },
  'GET /api/layers/:id/versions': { path: '/api/layers/kyiv-districts/versions', access: 'public' },
  'GET /api/layers/:id/versions/:revision/changes': { path: '/api/layers/kyiv-districts/versions/1/changes', access: 'public' },
  'GET /api/layers/:id/versions/:revision/export.geojson': { path: '/api/layers/kyiv-districts/versions/1/export.geojson', access: 'public' },
  'GET /api/layers/:id/versions/:revision/tiles/:z/:x/:y{[0-9]+\\.mvt}': { path: '/api/layers/kyiv-districts/versions/1/tiles/10/598/345.mvt', access: 'public' },
  'POST /api/layers/:id/documents': { path: '/api/layers/no-such-layer/documents', access: PLANNERS },
  'GET /api/layers/:id/documents': { path: '/api/layers/kyiv-districts/documents', access: 'public' },
  'GET /api/layers/:id/documents/:docId/file': { path: `/api/layers/kyiv-districts/documents/${U}/file`, access: 'public' },
  'DELETE /api/layers/:id/documents/:docId': { path: `/api/layers/no-such-layer/documents/${U}`, access: PLANNERS },
  'POST /api/layer-uploads': { path: '/api/layer-uploads', access: PLANNERS },
  'GET /api/layer-uploads/:id': { path: `/api/layer-uploads/${U}`, access: PLANNERS },
  'PATCH /api/layer-uploads/:id': { path: `/api/layer-uploads/${U}`, access: PLANNERS },
  'DELETE /api/layer-uploads/:id': { path: `/api/layer-uploads/${U}`, access: PLANNERS },
  'GET /api/layer-uploads/:id/preview': { path: `/api/layer-uploads/${U}/preview`, access: PLANNERS },
  'GET /api/planning/layers': { path: '/api/planning/layers?city=kyiv', access: PLANNERS },
  'GET /api/planning/layers/:id': { path: '/api/planning/layers/kyiv-districts', access: PLANNERS },
  'POST /api/consultations': { path: '/api/consultations', access: PLANNERS },
  'GET /api/consultations': { path: '/api/consultations?city=kyiv', access: 'public' },
  'GET /api/consultations/:id': { path: '/api/consultations/999999999', access: 'public' },
  'POST /api/consultations/:id/comments': { path: '/api/consultations/999999999/comments', access: 'signed-in' },
  'GET /api/consultations/:id/comments': { path: '/api/consultations/999999999/comments', access: 'public' },
  'POST /api/consultations/:id/comments/:cid/photo': { path: '/api/consultations/999999999/comments/1/photo', access: 'signed-in' },
  'GET /api/consultations/:id/comments/:cid/photo': { path: '/api/consultations/999999999/comments/1/photo', access: 'public' },
  'POST /api/consultations/:id/comments/:cid/answer': { path: '/api/consultations/999999999/comments/1/answer', access: PLANNERS },
  'POST /api/consultations/:id/comments/:cid/hide': { path: '/api/consultations/999999999/comments/1/hide', access: TRIAGE },
  'GET /api/consultations/:id/protocol.csv': { path: '/api/consultations/999999999/protocol.csv', access: 'public' },
  'GET /api/consultations/:id/protocol.geojson': { path: '/api/consultations/999999999/protocol.geojson', access: 'public' },
  'GET /api/consultations/:id/protocol.pdf': { path: '/api/consultations/999999999/protocol.pdf', access: 'public' },
  'GET /api/budgets': { path: '/api/budgets?city=kyiv', access: 'public' },
  'GET /api/property': { path: '/api/property?city=marhanets', access: 'public' },
  'GET /api/property/:id': { path: '/api/property/1', access: 'public' },
  'GET /api/investment/objects': { path: '/api/investment/objects?city=kyiv&limit=1', access: 'public' },
  'GET /api/investment/objects/:id': { path: '/api/investment/objects/1', access: 'public' },
  'POST /api/property': { path: '/api/property', access: PROPERTY },
  'PATCH /api/property/:id': { path: '/api/property/999999999', access: PROPERTY },
  'POST /api/property/import': { path: '/api/property/import', access: PROPERTY },
  'POST /api/investment/objects': { path: '/api/investment/objects', access: PROPERTY },
  'PATCH /api/investment/objects/:id': { path: '/api/investment/objects/999999999', access: PROPERTY },
  'POST /api/investment/searches': { path: '/api/investment/searches', access: 'public' },
  'GET /api/investment/searches/confirm': { path: '/api/investment/searches/confirm?token=x', access: 'public' },
  'GET /api/investment/searches/unsubscribe': { path: '/api/investment/searches/unsubscribe?token=x', access: 'public' },
  'POST /api/investment/searches/unsubscribe': { path: '/api/investment/searches/unsubscribe?token=x', access: 'public' },
  'POST /api/property/:id/photos': { path: '/api/property/999999999/photos', access: PROPERTY },
  'GET /api/property/:id/photos/:file': { path: '/api/property/999999999/photos/1', access: 'public' },
  'POST /api/property/:id/documents': { path: '/api/property/999999999/documents', access: PROPERTY },
  'GET /api/property/:id/documents/:file': { path: '/api/property/999999999/documents/00000000-0000-4000-8000-000000000000', access: 'public' },
  'POST /api/investment/objects/:id/photos': { path: '/api/investment/objects/999999999/photos', access: PROPERTY },
  'GET /api/investment/objects/:id/photos/:file': { path: '/api/investment/objects/999999999/photos/1', access: 'public' },
  'GET /api/street-structures': { path: '/api/street-structures?city=marhanets', access: 'public' },
  'POST /api/street-structures': { path: '/api/street-structures', access: PROPERTY },
  'PATCH /api/street-structures/:id': { path: '/api/street-structures/999999999', access: PROPERTY },
  'GET /api/works': { path: '/api/works?city=kyiv&limit=1', access: 'public' },
  'GET /api/works/:id': { path: '/api/works/999999999', access: 'public' },
  'POST /api/works': { path: '/api/works', access: WORKS },
  'PATCH /api/works/:id': { path: '/api/works/999999999', access: WORKS },
  'POST /api/works/subscriptions': { path: '/api/works/subscriptions', access: 'public' },
  'POST /api/works/:id/photos': { path: '/api/works/999999999/photos', access: WORKS },
  'GET /api/works/:id/photos/:photo': { path: '/api/works/999999999/photos/1', access: 'public' },
  'POST /api/budgets': { path: '/api/budgets', access: BUDGET },
  'GET /api/budgets/:id': { path: '/api/budgets/999999999', access: 'public' },
  'PATCH /api/budgets/:id': { path: '/api/budgets/999999999', access: BUDGET },
  'POST /api/budgets/:id/precheck': { path: '/api/budgets/999999999/precheck', access: 'public' },
  'GET /api/budgets/:id/proposals': { path: '/api/budgets/999999999/proposals', access: 'public' },
  'POST /api/budgets/:id/proposals': { path: '/api/budgets/999999999/proposals', access: 'signed-in' },
  'GET /api/budgets/:id/proposals/:pid': { path: '/api/budgets/999999999/proposals/1', access: 'public' },
  'PATCH /api/budgets/:id/proposals/:pid': { path: '/api/budgets/999999999/proposals/1', access: 'signed-in' },
  'POST /api/budgets/:id/proposals/:pid/submit': { path: '/api/budgets/999999999/proposals/1/submit', access: 'signed-in' },
  'POST /api/budgets/:id/proposals/:pid/withdraw': { path: '/api/budgets/999999999/proposals/1/withdraw', access: 'signed-in' },
  'POST /api/budgets/:id/proposals/:pid/review': { path: '/api/budgets/999999999/proposals/1/review', access: BUDGET },
  'PUT /api/budgets/:id/ballot': { path: '/api/budgets/999999999/ballot', access: 'signed-in' },
  'GET /api/budgets/:id/ballot': { path: '/api/budgets/999999999/ballot', access: 'signed-in' },
  'POST /api/budgets/:id/ballot/proposals/:pid': { path: '/api/budgets/999999999/ballot/proposals/1', access: 'signed-in' },
  'DELETE /api/budgets/:id/ballot/proposals/:pid': { path: '/api/budgets/999999999/ballot/proposals/1', access: 'signed-in' },
  'POST /api/budgets/:id/receipts': { path: '/api/budgets/999999999/receipts', access: 'public' },
  'POST /api/budgets/:id/paper-ballots': { path: '/api/budgets/999999999/paper-ballots', access: BUDGET },
  'GET /api/budgets/:id/flags': { path: '/api/budgets/999999999/flags', access: BUDGET },
  'POST /api/budgets/:id/results': { path: '/api/budgets/999999999/results', access: BUDGET },
  'GET /api/budgets/:id/results': { path: '/api/budgets/999999999/results', access: 'public' },
  'GET /api/budgets/:id/ballots.csv': { path: '/api/budgets/999999999/ballots.csv', access: 'public' },
  'PATCH /api/budgets/:id/proposals/:pid/implementation': { path: '/api/budgets/999999999/proposals/1/implementation', access: BUDGET },
  'POST /api/budgets/:id/proposals/:pid/implementation/milestones': { path: '/api/budgets/999999999/proposals/1/implementation/milestones', access: BUDGET },
  'POST /api/budgets/:id/proposals/:pid/follow': { path: '/api/budgets/999999999/proposals/1/follow', access: 'signed-in' },
  'DELETE /api/budgets/:id/proposals/:pid/follow': { path: '/api/budgets/999999999/proposals/1/follow', access: 'signed-in' },
  'POST /api/budgets/:id/proposals/:pid/photos': { path: '/api/budgets/999999999/proposals/1/photos', access: 'signed-in' },
  'POST /api/budgets/:id/proposals/:pid/implementation/photos': { path: '/api/budgets/999999999/proposals/1/implementation/photos', access: BUDGET },
  'GET /api/budgets/:id/proposals/:pid/photos/:photo': { path: '/api/budgets/999999999/proposals/1/photos/1', access: 'public' },
  'POST /api/budgets/:id/proposals/:pid/documents': { path: '/api/budgets/999999999/proposals/1/documents', access: 'signed-in' },
  'GET /api/budgets/:id/proposals/:pid/documents/:doc': { path: '/api/budgets/999999999/proposals/1/documents/00000000-0000-4000-8000-000000000000', access: 'public' },
  'POST /api/budgets/:id/proposals/:pid/coauthor-invitation': { path: '/api/budgets/999999999/proposals/1/coauthor-invitation', access: 'signed-in' },
  'POST /api/budgets/:id/proposals/:pid/coauthors': { path: '/api/budgets/999999999/proposals/1/coauthors', access: 'signed-in' },
  'POST /api/appeals': { path: '/api/appeals', access: 'public' },
  'GET /api/appeals': { path: '/api/appeals?limit=1', access: 'public' },
  'GET /api/appeals/nearby': { path: '/api/appeals/nearby?lon=30.52&lat=50.45&category=pothole', access: 'public' },
  'GET /api/appeals/track/:token': { path: `/api/appeals/track/${T}`, access: 'public' },
  'POST /api/appeals/track/:token/:feedback{confirm|reopen}': { path: `/api/appeals/track/${T}/confirm`, access: 'public' },
  'GET /api/appeals/:number': { path: `/api/appeals/${N}`, access: 'public' },
  'GET /api/appeals/:number/photos/:file': { path: `/api/appeals/${N}/photos/1.jpg`, access: 'public' },
  'POST /api/appeals/:number/support': { path: `/api/appeals/${N}/support`, access: 'public' },
  'GET /api/appeal-categories': { path: '/api/appeal-categories', access: 'public' },
  'POST /api/appeal-subscriptions': { path: '/api/appeal-subscriptions', access: 'public' },
  'GET /api/appeal-subscriptions/confirm': { path: '/api/appeal-subscriptions/confirm?token=x', access: 'public' },
  'GET /api/appeal-subscriptions/unsubscribe': { path: '/api/appeal-subscriptions/unsubscribe?token=x', access: 'public' },
  'POST /api/appeal-subscriptions/unsubscribe': { path: '/api/appeal-subscriptions/unsubscribe?token=x', access: 'public' },
  'GET /open311/v2/:file{discovery\\.(?:json|xml)}': { path: '/open311/v2/discovery.json', access: 'public' },
  'GET /open311/v2/:file{services\\.(?:json|xml)}': { path: '/open311/v2/services.json', access: 'public' },
  'GET /open311/v2/services/:file{[^/]+\\.(?:json|xml)}': { path: '/open311/v2/services/pothole.json', access: 'public' },
  // Open to any client with an API key (the key is checked in the Open311 tests, not here).
  'POST /open311/v2/:file{requests\\.(?:json|xml)}': { path: '/open311/v2/requests.json', access: 'public', form: `api_key=${TEST_OPEN311_KEY}` },
  'GET /open311/v2/:file{requests\\.(?:json|xml)}': { path: '/open311/v2/requests.json', access: 'public' },
  'GET /open311/v2/requests/:file{[^/]+\\.(?:json|xml)}': { path: `/open311/v2/requests/${N}.json`, access: 'public' },
  'GET /open311/v2/tokens/:file{[^/]+\\.(?:json|xml)}': { path: '/open311/v2/tokens/x.json', access: 'public' },
  'GET /ogc': { path: '/ogc', access: 'public' },
  'GET /ogc/conformance': { path: '/ogc/conformance', access: 'public' },
  'GET /ogc/api': { path: '/ogc/api', access: 'public' },
  'GET /ogc/collections': { path: '/ogc/collections', access: 'public' },
  'GET /ogc/collections/:collectionId': { path: '/ogc/collections/kyiv-districts', access: 'public' },
  'GET /ogc/collections/:collectionId/queryables': { path: '/ogc/collections/kyiv-districts/queryables', access: 'public' },
  'GET /ogc/collections/:collectionId/schema': { path: '/ogc/collections/kyiv-districts/schema', access: 'public' },
  'GET /ogc/collections/:collectionId/items': { path: '/ogc/collections/kyiv-districts/items', access: 'public' },
  'GET /ogc/collections/:collectionId/tiles': { path: '/ogc/collections/kyiv-districts/tiles', access: 'public' },
  'GET /ogc/collections/:collectionId/tiles/WebMercatorQuad': { path: '/ogc/collections/kyiv-districts/tiles/WebMercatorQuad', access: 'public' },
  'GET /ogc/collections/:collectionId/items/:featureId': { path: '/ogc/collections/kyiv-districts/items/999999999', access: 'public' },
  'GET /tiles/:name{[a-z0-9-]+\\.json}': { path: '/tiles/kyiv-districts.json', access: 'public' },
  'GET /tiles/:layer/:z/:x/:file': { path: '/tiles/kyiv-districts/0/0/0.pbf', access: 'public' },
  'GET /styles/:name{[a-z0-9-]+\\.json}': { path: '/styles/kyiv.json', access: 'public' },
  'GET /fonts/:fontstack/:range': { path: '/fonts/Noto%20Sans%20Regular/1024-1279.pbf', access: 'public' },
  'HEAD /fonts/:fontstack/:range': { path: '/fonts/Noto%20Sans%20Regular/1024-1279.pbf', access: 'public' },
  // The self-hosted basemap: public where HROMADA_BASEMAP_PMTILES is set, 404 here.
  'GET /basemap.json': { path: '/basemap.json', access: 'public' },
  'GET /basemap.pmtiles': { path: '/basemap.pmtiles', access: 'public' },
  'HEAD /basemap.pmtiles': { path: '/basemap.pmtiles', access: 'public' },
  'GET /basemap/:z{[0-9]{1,2}}/:x{[0-9]{1,8}}/:y{[0-9]{1,8}\\.mvt}': { path: '/basemap/14/9581/5525.mvt', access: 'public' },
}

let database: Database
let app: App
/** A session cookie per role, written straight into the sessions table (no slow hash per call). */
const cookies = new Map<Role, string>()

async function openSession(role: Role): Promise<string> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!
  const token = newToken()
  await sql`INSERT INTO sessions (token_hash, user_id, expires_at)
            SELECT ${digest(token)}, id, now() + interval '1 hour' FROM users WHERE email = ${account.email}`.execute(database.db)
  return `${SESSION_COOKIE}=${token}`
}

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  for (const role of ROLES) cookies.set(role, await openSession(role))
})

afterAll(async () => {
  await database.close()
})

/** Calls a route with an empty JSON body (or the given form) for writes. */
function call(method: string, path: string, cookie: string | undefined, form?: string): Promise<Response> {
  const headers: Record<string, string> = { 'X-Forwarded-For': `matrix-${randomUUID()}`, Origin: 'http://localhost' }
  if (cookie) headers.Cookie = cookie
  const init: RequestInit = { method, headers }
  if (method !== 'GET' && method !== 'HEAD') {
    headers['Content-Type'] = form ? 'application/x-www-form-urlencoded' : 'application/json'
    init.body = form ?? '{}'
  }
  return Promise.resolve(app.request(path, init))
}

function expected(access: Access, role: Role | 'anonymous'): 'allowed' | 401 | 403 {
  if (access === 'public') return 'allowed'
  if (role === 'anonymous') return 401
  if (access === 'signed-in') return 'allowed'
  return access.includes(role) ? 'allowed' : 403
}

function routeKeys(): string[] {
  const keys = new Set<string>()
  for (const r of app.routes) if (r.method !== 'ALL') keys.add(`${r.method} ${r.path}`)
  return [...keys]
}

describe('the permission matrix', () => {
  it('names every route of the API, and only those', () => {
    expect(routeKeys().sort()).toEqual(Object.keys(ROUTES).sort())
  })

  const identities: Array<Role | 'anonymous'> = ['anonymous', ...ROLES]
  // Sign-out ends the session it is called with, so it goes last.
  const order = Object.entries(ROUTES).sort(([a], [b]) => Number(a === 'POST /api/auth/logout') - Number(b === 'POST /api/auth/logout'))
  it.each(order)('%s', async (route, { path, access, form }) => {
    const method = route.split(' ')[0]!
    const outcomes: string[] = []
    const wanted: string[] = []
    for (const identity of identities) {
      const res = await call(method, path, identity === 'anonymous' ? undefined : cookies.get(identity), form)
      const want = expected(access, identity)
      const got = res.status === 401 || res.status === 403 ? res.status : res.status >= 500 ? `error ${res.status}` : 'allowed'
      outcomes.push(`${identity}: ${got}`)
      wanted.push(`${identity}: ${want}`)
    }
    expect(outcomes).toEqual(wanted)
  })
})
