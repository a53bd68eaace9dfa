import { z } from 'zod'
import { SignedInUser, PROVIDER_IDS } from './auth.ts'
import { LocalizedText, Timestamp } from './common.ts'
import { APPEAL_STATUSES, type Role } from './enums.ts'
import { apiRoute } from './route.ts'

/**
 * The password of each demo account, published in the README. The demo installation signs in
 * with them; anywhere else they are refused, at sign-in and as a new password.
 */
export const DEMO_PASSWORD_OF = {
  admin: 'demo-admin',
  moderator: 'demo-moderator',
  executor: 'demo-executor',
  manager: 'demo-manager',
  planner: 'demo-planner',
  publisher: 'demo-publisher',
  budget_admin: 'demo-budget',
  property_manager: 'demo-property',
  resident: 'demo-resident',
} as const satisfies Record<Role, string>

/** Passwords published with the demo: refused outside demo mode. */
export const DEMO_PASSWORDS: ReadonlySet<string> = new Set(Object.values(DEMO_PASSWORD_OF))

/** The form of every token we mail: 32 random bytes as base64url. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

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

/** The language of the mails an account flow sends. */
const MailLocale = z.enum(['uk', 'en']).default('uk')

/** A token from a mailed link. */
export const AccountToken = z.string().regex(TOKEN_PATTERN, 'must be the token from the link')

export const RegisterBody = z
  .object({ email: AccountEmail, password: NewPassword, name: AccountName, locale: MailLocale })
  .strict()
  .refine((b) => !passwordIsEmail(b.password, b.email), { path: ['password'], message: 'must not be the e-mail address' })

export const TokenBody = z.object({ token: AccountToken }).strict()

export const ResetRequestBody = z.object({ email: AccountEmail, locale: MailLocale }).strict()

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
export const OwnAppeal = z
  .object({ number: z.string(), status: z.enum(APPEAL_STATUSES), category: LocalizedText, created_at: Timestamp })
  .meta({ id: 'OwnAppeal' })
export type OwnAppeal = z.infer<typeof OwnAppeal>

/** The owner's own view of the account: who they are, how they sign in, and their latest appeals. */
export const AccountProfile = SignedInUser.omit({ permissions: true })
  .extend({
    email_confirmed: z.boolean(),
    created_at: Timestamp,
    providers: z.array(z.enum(PROVIDER_IDS)).meta({ description: 'How the account can sign in: `password` and any linked outside providers.' }),
    appeals: z.array(OwnAppeal),
  })
  .meta({ id: 'AccountProfile' })
export type AccountProfile = z.infer<typeof AccountProfile>

/** The answer of a form whose result goes by mail; it never tells whether the address has an account. */
const MailSent = <S extends string>(status: S) => z.object({ status: z.literal(status) })

export const RegisterAccepted = MailSent('confirmation-sent')
export const ResetAccepted = MailSent('reset-sent')

export const registerRoute = apiRoute({
  method: 'post',
  path: '/api/account/register',
  summary: 'Create a resident account',
  description: 'Mails a confirmation link (or, for a taken address, a note to its owner). Limited per client address and per address mailed.',
  tags: ['account'],
  request: { body: { json: RegisterBody } },
  responses: { 202: { description: 'A mail is on its way.', schema: RegisterAccepted } },
  problems: [403, 429],
})

export const confirmEmailRoute = apiRoute({
  method: 'post',
  path: '/api/account/confirm',
  summary: 'Confirm the e-mail address with the mailed token',
  tags: ['account'],
  request: { body: { json: TokenBody } },
  responses: { 204: { description: 'The address is confirmed.' } },
  problems: [403, 429],
})

export const requestPasswordResetRoute = apiRoute({
  method: 'post',
  path: '/api/account/password-reset',
  summary: 'Ask for a password reset link by mail',
  tags: ['account'],
  request: { body: { json: ResetRequestBody } },
  responses: { 202: { description: 'A link is mailed if the address has an account.', schema: ResetAccepted } },
  problems: [403, 429],
})

export const completePasswordResetRoute = apiRoute({
  method: 'post',
  path: '/api/account/password-reset/complete',
  summary: 'Set a new password with the mailed token',
  description: 'Also confirms the address; every session of the account ends.',
  tags: ['account'],
  request: { body: { json: ResetCompleteBody } },
  responses: { 204: { description: 'The password is set.' } },
  problems: [403, 429],
})

export const getAccountRoute = apiRoute({
  method: 'get',
  path: '/api/account',
  summary: 'Show the own account',
  tags: ['account'],
  security: ['session'],
  responses: { 200: { description: 'The account and its latest appeals.', schema: AccountProfile } },
  problems: [401, 403],
})

export const renameAccountRoute = apiRoute({
  method: 'patch',
  path: '/api/account',
  summary: 'Rename the own account',
  tags: ['account'],
  security: ['session'],
  request: { body: { json: ProfileChangeBody } },
  responses: { 200: { description: 'The updated account.', schema: AccountProfile } },
  problems: [401, 403],
})

export const changePasswordRoute = apiRoute({
  method: 'post',
  path: '/api/account/password',
  summary: 'Change the own password',
  description: 'Needs the current password; every other session of the account ends.',
  tags: ['account'],
  security: ['session'],
  request: { body: { json: PasswordChangeBody } },
  responses: { 204: { description: 'The password is changed.' } },
  problems: [401, 403, 429],
})

export const deleteAccountRoute = apiRoute({
  method: 'delete',
  path: '/api/account',
  summary: 'Delete the own account',
  description: 'Needs the password, or `confirm: true` for an account without one. Staff accounts are closed by an administrator (403). The appeals stay on record, anonymised.',
  tags: ['account'],
  security: ['session'],
  request: { body: { json: DeleteAccountBody } },
  responses: { 204: { description: 'The account is deleted and the session cookie cleared.' } },
  problems: [401, 403, 429],
})

/** The routes of `/api/account`. */
export const ACCOUNT_ROUTES = [
  registerRoute,
  confirmEmailRoute,
  requestPasswordResetRoute,
  completePasswordResetRoute,
  getAccountRoute,
  renameAccountRoute,
  changePasswordRoute,
  deleteAccountRoute,
]
