import { z } from 'zod'
import { Slug } from '../layers/index.ts'
import { NewPassword, passwordIsEmail, type Role, ROLES } from '../auth/index.ts'
import { Email, Paging, changesSomething, singleLine } from './admin.schemas.ts'

// Roles that act for an organisation; every other role belongs to none.
const ORGANISATION_ROLES: ReadonlySet<Role> = new Set(['executor', 'manager'])

const RoleGrant = z
  .object({
    role: z.enum(ROLES, `must be one of: ${ROLES.join(', ')}`),
    organisation: Slug.optional(),
  })
  .strict()

/**
 * The whole set of a user's roles: each role at most once, executors and managers with their
 * organisation, everyone else without one. A session knows one organisation per user, so an
 * executor who is also a manager is both in the same organisation.
 */
const RoleGrants = z
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
  role: z.enum(ROLES, `must be one of: ${ROLES.join(', ')}`).optional(),
  organisation: Slug.optional(),
  ...Paging,
})
export type UserListQuery = z.infer<typeof UserListQuery>

/** A staff account; without a password it signs in only after a password reset. The password policy is the account flows' one. */
export const UserCreateBody = z
  .object({
    email: Email,
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
