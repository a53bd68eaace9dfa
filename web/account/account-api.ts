import { z } from 'zod'
import { AccountProfile as AccountProfileContract, ProviderList as ProviderListContract } from '../../api/contract/index.ts'
import { fetchJson, sendJson, SessionSchema, type SignedInUser, SignedInUserSchema } from '../api-client/index.ts'
import type { Language } from '../url-state/index.ts'


/** `GET /api/auth/providers`: the ways to sign in. */
export const ProviderListSchema = ProviderListContract
export type ProviderList = z.infer<typeof ProviderListSchema>

/** `GET /api/account`: the owner's view of the account. */
export const AccountProfileSchema = AccountProfileContract
export type AccountProfile = z.infer<typeof AccountProfileSchema>

// 202 and 204 answers carry nothing the pages need.
const Anything = z.unknown()

/** Signs in with e-mail and password; the session cookie comes with the answer. */
export function signIn(email: string, password: string): Promise<SignedInUser> {
  return sendJson('/api/auth/login', SignedInUserSchema, { body: { email, password } })
}

/** Ends the session. */
export async function signOut(): Promise<void> {
  await sendJson('/api/auth/logout', Anything, { body: {} })
}

/** Creates an account; the confirmation link goes by mail. */
export async function register(body: { email: string; password: string; name: string; locale: Language }): Promise<void> {
  await sendJson('/api/account/register', Anything, { body })
}

/** Confirms the address with the token of the mailed link. */
export async function confirmEmail(token: string): Promise<void> {
  await sendJson('/api/account/confirm', Anything, { body: { token } })
}

/** Asks for a password reset link by mail. */
export async function requestPasswordReset(email: string, locale: Language): Promise<void> {
  await sendJson('/api/account/password-reset', Anything, { body: { email, locale } })
}

/** Sets a new password with the token of the mailed link. */
export async function completePasswordReset(token: string, password: string): Promise<void> {
  await sendJson('/api/account/password-reset/complete', Anything, { body: { token, password } })
}

/** Renames the account; answers the updated profile. */
export function renameAccount(name: string): Promise<AccountProfile> {
  return sendJson('/api/account', AccountProfileSchema, { method: 'PATCH', body: { name } })
}

/** Changes the password; other sessions end. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await sendJson('/api/account/password', Anything, { body: { current_password: currentPassword, new_password: newPassword } })
}

/** Deletes the account: with the password, or `confirm` for an account without one. */
export async function deleteAccount(proof: { password: string } | { confirm: true }): Promise<void> {
  await sendJson('/api/account', Anything, { method: 'DELETE', body: proof })
}

/** Who is signed in, or null. */
export async function fetchSignedInUser(signal?: AbortSignal): Promise<SignedInUser | null> {
  return (await fetchJson('/api/auth/session', SessionSchema, signal)).user
}
