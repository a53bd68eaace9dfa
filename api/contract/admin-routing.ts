/** Explicit routing of new appeals, category × district → organisation: `/api/admin/routing-rules`. */
import { z } from 'zod'
import { adminPage, NumericIdParams, ADMIN_WRITE_PROBLEMS } from './admin.ts'
import { LocalizedText, Slug } from './common.ts'
import { apiRoute } from './route.ts'

/** An explicit routing rule: appeals of `category` in `district` (null: anywhere in the city) go to `organisation`. */
export const RoutingRule = z
  .object({
    id: z.number().int(),
    city: Slug,
    category: Slug,
    district: z.number().int().nullable(),
    district_name: z.string().nullable(),
    organisation: Slug,
  })
  .meta({ id: 'RoutingRule' })
export type RoutingRule = z.infer<typeof RoutingRule>

export const RoutingRulePage = adminPage(RoutingRule).meta({ id: 'RoutingRulePage' })

/** Where a new appeal at a point would go: its district (null outside every district) and organisation (null: a moderator routes it). */
export const RoutingPreview = z
  .object({
    city: Slug,
    category: Slug,
    district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    organisation: z.object({ id: Slug, name: LocalizedText }).nullable(),
  })
  .meta({ id: 'RoutingPreview' })
export type RoutingPreview = z.infer<typeof RoutingPreview>

const DistrictId = z.number('must be a district id or null').int('must be a district id or null').positive('must be a district id or null').max(2_147_483_647)

/** `?city=`: one city's rules; absent, every city's. */
export const RoutingRuleListQuery = z.object({ city: Slug.optional() })

/** A rule for a category in one district, or city-wide with `district: null` (the default). */
export const RoutingRuleCreateBody = z
  .object({
    city: Slug,
    category: Slug,
    district: DistrictId.nullable().default(null),
    organisation: Slug,
  })
  .strict()
export type RoutingRuleCreateBody = z.infer<typeof RoutingRuleCreateBody>

/** Only the organisation of a rule changes; a rule for another place is a new rule. */
export const RoutingRulePatchBody = z.object({ organisation: Slug }).strict()

/** A point (degrees) and the category of a would-be appeal in a city. */
export const RoutingPreviewQuery = z.object({
  city: Slug,
  category: Slug,
  lon: z.coerce.number('must be a number (degrees)').finite().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
  lat: z.coerce.number('must be a number (degrees)').finite().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
})
export type RoutingPreviewQuery = z.infer<typeof RoutingPreviewQuery>

export const listRoutingRulesRoute = apiRoute({
  method: 'get',
  path: '/api/admin/routing-rules',
  summary: 'List the routing rules',
  tags: ['admin'],
  security: ['session'],
  request: { query: RoutingRuleListQuery },
  responses: { 200: { description: 'The rules by city, category and district (city-wide first).', schema: RoutingRulePage } },
  problems: [401, 403],
})

export const previewRoutingRoute = apiRoute({
  method: 'get',
  path: '/api/admin/routing-rules/preview',
  summary: 'Where a new appeal would be routed',
  tags: ['admin'],
  security: ['session'],
  request: { query: RoutingPreviewQuery },
  responses: { 200: { description: 'The district at the point and the organisation the rules pick.', schema: RoutingPreview } },
  problems: [401, 403, 422],
})

export const createRoutingRuleRoute = apiRoute({
  method: 'post',
  path: '/api/admin/routing-rules',
  summary: 'Add a routing rule',
  tags: ['admin'],
  security: ['session'],
  request: { body: { json: RoutingRuleCreateBody } },
  responses: { 201: { description: 'The rule added.', schema: RoutingRule } },
  problems: [...ADMIN_WRITE_PROBLEMS, 409, 422],
})

export const updateRoutingRuleRoute = apiRoute({
  method: 'patch',
  path: '/api/admin/routing-rules/{id}',
  summary: 'Give a routing rule another organisation',
  tags: ['admin'],
  security: ['session'],
  request: { params: NumericIdParams, body: { json: RoutingRulePatchBody } },
  responses: { 200: { description: 'The rule as changed.', schema: RoutingRule } },
  problems: [...ADMIN_WRITE_PROBLEMS, 404, 422],
})

export const deleteRoutingRuleRoute = apiRoute({
  method: 'delete',
  path: '/api/admin/routing-rules/{id}',
  summary: 'Delete a routing rule',
  description: 'Appeals already routed keep their organisation.',
  tags: ['admin'],
  security: ['session'],
  request: { params: NumericIdParams },
  responses: { 204: { description: 'Deleted.' } },
  problems: [401, 403, 404],
})

/** The routes of `/api/admin/routing-rules`. */
export const ADMIN_ROUTING_ROUTES = [listRoutingRulesRoute, previewRoutingRoute, createRoutingRuleRoute, updateRoutingRuleRoute, deleteRoutingRuleRoute]
