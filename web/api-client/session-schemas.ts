import { z } from 'zod'
import { ROLES, Session, SignedInUser as SignedInUserContract } from '../../api/contract/index.ts'

/** Who is signed in: `GET /api/auth/me` and `GET /api/auth/session`, as the API contract describes them. */

/** Every role an account can hold; staff roles open sections of the office. */
export { ROLES }
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

/** `GET /api/auth/me`: the signed-in account. */
export const SignedInUserSchema = SignedInUserContract
export type SignedInUser = z.infer<typeof SignedInUserSchema>

/** `GET /api/auth/session`: the signed-in account, or null for a visitor. */
export const SessionSchema = Session
