/**
 * The administrator's API under `/api/admin`: the inputs every part of it shares, and its
 * organisations. Categories, routing rules, users and the security log have files of their own
 * (`admin-categories.ts`, `admin-routing.ts`, `admin-users.ts`).
 */
import { z } from 'zod'
import { LocalizedText, Slug, Timestamp } from './common.ts'
import { ROLES } from './enums.ts'
import { apiRoute } from './route.ts'

/**
 * A name or label typed by an administrator: trimmed, one line, no control characters, 1 to
 * `max` characters.
 */
export function singleLine(max: number) {
  return z
    .string('must be text')
    .transform((s) => s.trim())
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must be one line without control characters')
    .pipe(z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`))
}

/** A name in both languages of the app, as an administrator types it (kept as `LocalizedText`). */
export const LocalizedName = z.object({ uk: singleLine(200), en: singleLine(200) }, 'must be an object { uk, en }').strict()

/** An e-mail address, lower-cased as the `users` and `organisations` tables keep it. */
export const AdminEmail = z
  .email('must be an e-mail address')
  .max(254, 'must be at most 254 characters')
  .transform((s) => s.toLowerCase())

/** A numeric id in a path: digits only, within JavaScript's safe integers. */
export const NumericIdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'must be a positive whole number')
    .transform(Number),
})

/** `page` (from 1) and `limit` (1..200, default 50) of a paged administration list. */
export const AdminPaging = {
  page: z.coerce.number('must be a number').int('must be a whole number').min(1).max(100_000).default(1),
  limit: z.coerce.number('must be a number').int('must be a whole number').min(1).max(200).default(50),
}

/** A `{ total, items }` answer of an administration list: `total` counts every match. */
export function adminPage<T extends z.ZodType>(item: T) {
  return z.object({ total: z.number().int().nonnegative(), items: z.array(item) })
}

/**
 * The refinement of a PATCH body: it must name at least one field. It runs only on a body
 * otherwise valid, so that an unknown key is reported alone.
 * @example z.object({ name: Name.optional() }).strict().refine(...changesSomething('name'))
 */
export function changesSomething(fields: string) {
  return [
    (body: Record<string, unknown>) => Object.values(body).some((v) => v !== undefined),
    { message: `must change at least one of: ${fields}`, when: (payload: z.core.ParsePayload) => payload.issues.length === 0 },
  ] as const
}

/** The problems of every write of the administration besides its own: the guard (401, 403) and a body over the limit (413). */
export const ADMIN_WRITE_PROBLEMS = [401, 403, 413] as const

/** The kinds of organisation a city has (the `organisations.kind` check). */
export const ORGANISATION_KINDS = ['department', 'enterprise', 'district-administration', 'service'] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]

const OrganisationKindInput = z.enum(ORGANISATION_KINDS, `must be one of: ${ORGANISATION_KINDS.join(', ')}`)

/** What an organisation answers for; categories name the same word in their `responsibility`. */
export const Responsibility = z.string('must be text').regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a slug like roads').max(63, 'must be at most 63 characters')

/** An organisation with how many staff it has and how many appeals it has open. */
export const AdminOrganisation = z
  .object({
    id: Slug,
    city: Slug,
    kind: z.enum(ORGANISATION_KINDS),
    responsibility: z.string(),
    name: LocalizedText,
    email: z.string().nullable(),
    created_at: Timestamp,
    member_count: z.number().int().nonnegative(),
    open_appeal_count: z.number().int().nonnegative(),
  })
  .meta({ id: 'AdminOrganisation' })
export type AdminOrganisation = z.infer<typeof AdminOrganisation>

export const AdminOrganisationPage = adminPage(AdminOrganisation).meta({ id: 'AdminOrganisationPage' })

/** A staff member of an organisation, one entry per role held there. */
export const OrganisationMember = z
  .object({ id: z.number().int(), name: z.string(), email: z.string(), role: z.enum(ROLES) })
  .meta({ id: 'OrganisationMember' })

/** One organisation with its staff. */
export const AdminOrganisationDetail = AdminOrganisation.extend({ members: z.array(OrganisationMember) }).meta({ id: 'AdminOrganisationDetail' })

/** `?city=`: one city's organisations; absent, every city's. */
export const OrganisationListQuery = z.object({ city: Slug.optional() })

/** `/{id}`, an organisation slug. */
export const OrganisationParams = z.object({ id: Slug })

/** A new organisation; `id` is its slug for good, `email` optional. */
export const OrganisationCreateBody = z
  .object({
    id: Slug.max(63, 'must be at most 63 characters'),
    city: Slug,
    kind: OrganisationKindInput,
    responsibility: Responsibility,
    name: LocalizedName,
    email: AdminEmail.optional(),
  })
  .strict()
export type OrganisationCreateBody = z.infer<typeof OrganisationCreateBody>

/** Any field but the id and the city (its routing rules and staff belong to that city); `email: null` clears it. */
export const OrganisationPatchBody = z
  .object({
    kind: OrganisationKindInput.optional(),
    responsibility: Responsibility.optional(),
    name: LocalizedName.optional(),
    email: AdminEmail.nullable().optional(),
  })
  .strict()
  .refine(...changesSomething('kind, responsibility, name, email'))
export type OrganisationPatchBody = z.infer<typeof OrganisationPatchBody>

export const listOrganisationsRoute = apiRoute({
  method: 'get',
  path: '/api/admin/organisations',
  summary: 'List the organisations',
  tags: ['admin'],
  security: ['session'],
  request: { query: OrganisationListQuery },
  responses: { 200: { description: 'The organisations by city and id, with their staff and open appeal counts.', schema: AdminOrganisationPage } },
  problems: [401, 403],
})

export const getOrganisationRoute = apiRoute({
  method: 'get',
  path: '/api/admin/organisations/{id}',
  summary: 'Show one organisation and its staff',
  tags: ['admin'],
  security: ['session'],
  request: { params: OrganisationParams },
  responses: { 200: { description: 'The organisation; `members` has one entry per role held there.', schema: AdminOrganisationDetail } },
  problems: [401, 403, 404],
})

export const createOrganisationRoute = apiRoute({
  method: 'post',
  path: '/api/admin/organisations',
  summary: 'Add an organisation',
  tags: ['admin'],
  security: ['session'],
  request: { body: { json: OrganisationCreateBody } },
  responses: { 201: { description: 'The organisation added.', schema: AdminOrganisation } },
  problems: [...ADMIN_WRITE_PROBLEMS, 409, 422],
})

export const updateOrganisationRoute = apiRoute({
  method: 'patch',
  path: '/api/admin/organisations/{id}',
  summary: 'Change an organisation',
  tags: ['admin'],
  security: ['session'],
  request: { params: OrganisationParams, body: { json: OrganisationPatchBody } },
  responses: { 200: { description: 'The organisation as changed.', schema: AdminOrganisation } },
  problems: [...ADMIN_WRITE_PROBLEMS, 404],
})

export const deleteOrganisationRoute = apiRoute({
  method: 'delete',
  path: '/api/admin/organisations/{id}',
  summary: 'Delete an organisation',
  description: 'Refused (409) while it has open appeals, routing rules or staff.',
  tags: ['admin'],
  security: ['session'],
  request: { params: OrganisationParams },
  responses: { 204: { description: 'Deleted.' } },
  problems: [401, 403, 404, 409],
})

/** The routes of `/api/admin/organisations`. */
export const ADMIN_ORGANISATION_ROUTES = [listOrganisationsRoute, getOrganisationRoute, createOrganisationRoute, updateOrganisationRoute, deleteOrganisationRoute]
