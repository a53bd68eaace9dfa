import type { AdminOrganisation as AdminOrganisationBody, AdminUser as AdminUserBody, SecurityEvent } from '../contract/index.ts'
import type { listSecurityEvents } from '../auth/index.ts'
import type { z } from 'zod'
import type { AdminOrganisation } from './organisation-admin.queries.ts'
import type { AdminUser } from './user-admin.queries.ts'

/** A user as `AdminUser` of the contract sends them: instants in ISO 8601. */
export function toAdminUser(user: AdminUser): z.input<typeof AdminUserBody> {
  return { ...user, created_at: user.created_at.toISOString(), last_sign_in_at: user.last_sign_in_at?.toISOString() ?? null }
}

/** An organisation as `AdminOrganisation` of the contract sends it. */
export function toAdminOrganisation(organisation: AdminOrganisation): z.input<typeof AdminOrganisationBody> {
  return { ...organisation, created_at: organisation.created_at.toISOString() }
}

type SecurityEventEntry = Awaited<ReturnType<typeof listSecurityEvents>>['items'][number]

/** An event of the security log as `SecurityEvent` of the contract sends it. */
export function toSecurityEvent(event: SecurityEventEntry): z.input<typeof SecurityEvent> {
  return { ...event, occurred_at: event.occurred_at.toISOString() }
}
