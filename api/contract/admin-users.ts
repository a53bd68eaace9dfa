/** Accounts and their roles (`/api/admin/users`) and the security event log (`/api/admin/security-events`). */
import { z } from 'zod'
import { NewPassword, passwordIsEmail } from './account.ts'
import { ADMIN_WRITE_PROBLEMS, AdminEmail, adminPage, AdminPaging, changesSomething, NumericIdParams, singleLine } from './admin.ts'
import { Slug, Timestamp } from './common.ts'
import { type Role, ROLES } from './enums.ts'
import { apiRoute } from './route.ts'

/** A user as the administrator sees them; never the password hash. */
export const AdminUser = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.object({ role: z.enum(ROLES), organisation: Slug.nullable().meta({ description: 'Set for executors and managers only.' }) })),
    email_confirmed: z.boolean(),
    has_password: z.boolean().meta({ description: 'False for an account that signs in only after a password reset.' }),
    created_at: Timestamp,
    last_sign_in_at: Timestamp.nullable().meta({ description: 'The start of their newest session still on record.' }),
  })
  .meta({ id: 'AdminUser' })
export type AdminUser = z.infer<typeof AdminUser>

export const AdminUserPage = adminPage(AdminUser).meta({ id: 'AdminUserPage' })

/** The roles held for one organisation (its executors, its head, its publishers of layers); every other role belongs to none. */
export const ORGANISATION_ROLES: ReadonlySet<Role> = new Set(['executor', 'manager', 'publisher'])

const RoleInput = z.enum(ROLES, `must be one of: ${ROLES.join(', ')}`)

const RoleGrant = z.object({ role: RoleInput, organisation: Slug.optional() }).strict()

/**
 * The whole set of a user's roles: each role at most once, executors and managers with their
 * organisation, everyone else without one. A session knows one organisation per user, so an
 * executor who is also a manager is both in the same organisation.
 */
export const RoleGrants = z
  .array(RoleGrant)
  .min(1, 'must give at least one role')
  .max(ROLES.length)
  .superRefine((grants, ctx) => {
    const seen = new Set<string>()
    const organisation = grants.find((g) => g.organisation)?.organisation
    grants.forEach((g, i) => {
      if (seen.has(g.role)) ctx.addIssue({ code: 'custom', path: [i, 'role'], message: `"${g.role}" is given twice` })
      seen.add(g.role)
      if (ORGANISATION_ROLES.has(g.role) && !g.organisation) ctx.addIssue({ code: 'custom', path: [i, 'organisation'], message: `is required for the role "${g.role}"` })
      if (!ORGANISATION_ROLES.has(g.role) && g.organisation) ctx.addIssue({ code: 'custom', path: [i, 'organisation'], message: `must be absent for the role "${g.role}"` })
      else if (g.organisation && g.organisation !== organisation) ctx.addIssue({ code: 'custom', path: [i, 'organisation'], message: `must be "${organisation}" like the user's other role` })
    })
  })
export type RoleGrants = z.infer<typeof RoleGrants>

/** Filters of the user list: text in e-mail or name, a role, an organisation; then paging. */
export const UserListQuery = z.object({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  role: RoleInput.optional(),
  organisation: Slug.optional(),
  ...AdminPaging,
})
export type UserListQuery = z.infer<typeof UserListQuery>

/** A staff account; without a password it signs in only after a password reset. The password policy is the account flows' one. */
export const UserCreateBody = z
  .object({
    email: AdminEmail,
    name: singleLine(200),
    roles: RoleGrants,
    password: NewPassword.optional(),
  })
  .strict()
  .refine((b) => !b.password || !passwordIsEmail(b.password, b.email), { path: ['password'], message: 'must not be the e-mail address' })
export type UserCreateBody = z.infer<typeof UserCreateBody>

/** Roles replace the user's whole set; a password replaces the old one and ends their sessions. */
export const UserPatchBody = z
  .object({
    name: singleLine(200).optional(),
    roles: RoleGrants.optional(),
    password: NewPassword.optional(),
  })
  .strict()
  .refine(...changesSomething('name, roles, password'))
export type UserPatchBody = z.infer<typeof UserPatchBody>

export const listUsersRoute = apiRoute({
  method: 'get',
  path: '/api/admin/users',
  summary: 'List the users',
  tags: ['admin'],
  security: ['session'],
  request: { query: UserListQuery },
  responses: { 200: { description: 'A page of users, oldest first.', schema: AdminUserPage } },
  problems: [401, 403],
})

export const getUserRoute = apiRoute({
  method: 'get',
  path: '/api/admin/users/{id}',
  summary: 'Show one user',
  tags: ['admin'],
  security: ['session'],
  request: { params: NumericIdParams },
  responses: { 200: { description: 'The user.', schema: AdminUser } },
  problems: [401, 403, 404],
})

export const createUserRoute = apiRoute({
  method: 'post',
  path: '/api/admin/users',
  summary: 'Add a staff account',
  tags: ['admin'],
  security: ['session'],
  request: { body: { json: UserCreateBody } },
  responses: { 201: { description: 'The account added, its e-mail confirmed.', schema: AdminUser } },
  problems: [...ADMIN_WRITE_PROBLEMS, 409, 422],
})

export const updateUserRoute = apiRoute({
  method: 'patch',
  path: '/api/admin/users/{id}',
  summary: "Change a user's name, roles or password",
  description: 'A new password ends the user\'s sessions. Taking the `admin` role from the last administrator is refused (409).',
  tags: ['admin'],
  security: ['session'],
  request: { params: NumericIdParams, body: { json: UserPatchBody } },
  responses: { 200: { description: 'The user as changed.', schema: AdminUser } },
  problems: [...ADMIN_WRITE_PROBLEMS, 404, 409, 422],
})

export const deleteUserRoute = apiRoute({
  method: 'delete',
  path: '/api/admin/users/{id}',
  summary: 'Delete a user',
  description: 'Their appeals stay, without contact details. Deleting yourself or the last administrator is refused (409).',
  tags: ['admin'],
  security: ['session'],
  request: { params: NumericIdParams },
  responses: { 204: { description: 'Deleted.' } },
  problems: [401, 403, 404, 409],
})

/** What the security event log records (migration 010 holds the same closed list). */
export const SECURITY_EVENT_KINDS = [
  'sign-in',
  'sign-in-failed',
  'sign-in-limited',
  'role-change',
  'password-reset-requested',
  'password-reset-completed',
  'password-change',
] as const
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number]

/** One event of the security log: personal data (client address, user agent), for administrators only. */
export const SecurityEvent = z
  .object({
    id: z.number().int(),
    kind: z.enum(SECURITY_EVENT_KINDS),
    account_id: z.number().int().nullable(),
    email_hash: z.string().nullable().meta({ description: 'A keyed hash of an e-mail that has no account; never the address.' }),
    client_address: z.string().nullable(),
    user_agent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    occurred_at: Timestamp,
  })
  .meta({ id: 'SecurityEvent' })
export type SecurityEvent = z.infer<typeof SecurityEvent>

export const SecurityEventPage = adminPage(SecurityEvent).meta({ id: 'SecurityEventPage' })

const Instant = z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-01-31T12:00:00Z' }).transform((s) => new Date(s))

/**
 * Filters of the security log: a kind, an account id, a time range (`from` inclusive, `to`
 * exclusive, ISO 8601 with an offset); then paging.
 */
export const SecurityEventQuery = z
  .object({
    kind: z.enum(SECURITY_EVENT_KINDS, `must be one of: ${SECURITY_EVENT_KINDS.join(', ')}`).optional(),
    account: z
      .string()
      .regex(/^[1-9]\d{0,14}$/, 'must be a positive whole number')
      .transform(Number)
      .optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    ...AdminPaging,
  })
  .strict()
export type SecurityEventQuery = z.infer<typeof SecurityEventQuery>

export const listSecurityEventsRoute = apiRoute({
  method: 'get',
  path: '/api/admin/security-events',
  summary: 'Read the security event log',
  description: 'Sign-ins, lock-outs, role and password changes, newest first; events are kept 180 days.',
  tags: ['admin'],
  security: ['session'],
  request: { query: SecurityEventQuery },
  responses: { 200: { description: 'A page of events, newest first.', schema: SecurityEventPage } },
  problems: [401, 403],
})

/** The routes of `/api/admin/users` and `/api/admin/security-events`. */
export const ADMIN_USER_ROUTES = [listUsersRoute, getUserRoute, createUserRoute, updateUserRoute, deleteUserRoute, listSecurityEventsRoute]
