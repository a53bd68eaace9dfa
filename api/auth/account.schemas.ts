import { z } from 'zod'
import type { AppealStatus } from '../appeals/index.ts'
import { TOKEN_PATTERN } from './account-tokens.ts'
import { DEMO_PASSWORDS } from './demo-passwords.ts'
import type { ProviderId } from './identity-provider.ts'
import type { Role } from './session.ts'

/** An e-mail address as accounts store it: trimmed and lower-cased. */
export const AccountEmail = z
  .string()
  .max(254, 'must be at most 254 characters')
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email('must be an e-mail address'))

/** A display name: 1–200 characters, no control characters. */
export const AccountName = z
  .string()
  .max(200, 'must be at most 200 characters')
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'is required').regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'))

/** The password policy: 10–1024 characters and none of the passwords published with the demo. */
export const NewPassword = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(1024, 'must be at most 1024 characters')
  .refine((p) => !DEMO_PASSWORDS.has(p), 'is published with the demo; choose another')

/** Whether a password is just the account's e-mail address (refused by the policy). */
export function passwordIsEmail(password: string, email: string): boolean {
  return password.trim().toLowerCase() === email.trim().toLowerCase()
}

const Locale = z.enum(['uk', 'en']).default('uk')

/** A token from a mailed link. */
export const AccountToken = z.string().regex(TOKEN_PATTERN, 'must be the token from the link')

export const RegisterBody = z
  .object({ email: AccountEmail, password: NewPassword, name: AccountName, locale: Locale })
  .strict()
  .refine((b) => !passwordIsEmail(b.password, b.email), { path: ['password'], message: 'must not be the e-mail address' })

export const TokenBody = z.object({ token: AccountToken }).strict()

export const ResetRequestBody = z.object({ email: AccountEmail, locale: Locale }).strict()

export const ResetCompleteBody = z.object({ token: AccountToken, password: NewPassword }).strict()

export const ProfileChangeBody = z.object({ name: AccountName }).strict()

export const PasswordChangeBody = z
  .object({ current_password: z.string().min(1, 'is required').max(1024, 'must be at most 1024 characters'), new_password: NewPassword })
  .strict()

/** Deleting needs the password, or for an account without one an explicit `confirm: true`. */
export const DeleteAccountBody = z
  .object({ password: z.string().min(1, 'is required').max(1024, 'must be at most 1024 characters').optional(), confirm: z.literal(true).optional() })
  .strict()
  .refine((b) => b.password !== undefined || b.confirm === true, { path: ['password'], message: 'is required' })

/** One of the account owner's appeals, as the account page lists it. */
export interface OwnAppeal {
  number: string
  status: AppealStatus
  category: { uk: string; en: string }
  created_at: string
}

/** `GET /api/account`: the owner's own view of the account. */
export interface AccountProfile {
  id: number
  email: string
  name: string
  roles: Role[]
  organisation: string | null
  email_confirmed: boolean
  created_at: string
  /** How the account can sign in: `password` and any linked outside providers. */
  providers: ProviderId[]
  appeals: OwnAppeal[]
}
