import { z } from 'zod'
import { Slug } from '../layers/index.ts'
import { Email, LocalizedName, changesSomething } from './admin.schemas.ts'

/** The kinds of organisation a city has (the `organisations.kind` check). */
export const ORGANISATION_KINDS = ['department', 'enterprise', 'district-administration', 'service'] as const

const Kind = z.enum(ORGANISATION_KINDS, `must be one of: ${ORGANISATION_KINDS.join(', ')}`)
/** What an organisation answers for; categories name the same word in their `responsibility`. */
export const Responsibility = z.string('must be text').regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a slug like roads').max(63, 'must be at most 63 characters')

/** `?city=`: one city's organisations; absent, every city's. */
export const OrganisationListQuery = z.object({ city: Slug.optional() })

/** `/:id`, an organisation slug. */
export const OrganisationParams = z.object({ id: Slug })

/** A new organisation; `id` is its slug for good, `email` optional. */
export const OrganisationCreateBody = z
  .object({
    id: Slug.max(63, 'must be at most 63 characters'),
    city: Slug,
    kind: Kind,
    responsibility: Responsibility,
    name: LocalizedName,
    email: Email.optional(),
  })
  .strict()
export type OrganisationCreateBody = z.infer<typeof OrganisationCreateBody>

/** Any field but the id and the city (its routing rules and staff belong to that city); `email: null` clears it. */
export const OrganisationPatchBody = z
  .object({
    kind: Kind.optional(),
    responsibility: Responsibility.optional(),
    name: LocalizedName.optional(),
    email: Email.nullable().optional(),
  })
  .strict()
  .refine(...changesSomething('kind, responsibility, name, email'))
export type OrganisationPatchBody = z.infer<typeof OrganisationPatchBody>
