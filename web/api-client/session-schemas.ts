import { z } from 'zod'
import { ROLES } from '../../api/contract/index.ts'

/** Who is signed in: `GET /api/auth/me` and `GET /api/auth/session`. */

/** Every role an account can hold; staff roles open sections of the office. */
export { ROLES }
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

/** User ids are bigints: PostgreSQL drivers send them as numbers or as strings. */
export const UserIdSchema = z.union([z.number().int(), z.string().regex(/^\d+$/)])
export type UserId = z.infer<typeof UserIdSchema>

/** `GET /api/auth/me`: the signed-in account. */
export const SignedInUserSchema = z.object({
  id: UserIdSchema,
  email: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  organisation: z.string().nullable(),
  /** What the user's roles allow, as the API decides it (`appeals:triage`, `users:manage`…). */
  permissions: z.array(z.string()),
})
export type SignedInUser = z.infer<typeof SignedInUserSchema>

/** `GET /api/auth/session`: the signed-in account, or null for a visitor. */
export const SessionSchema = z.object({ user: SignedInUserSchema.nullable() })
