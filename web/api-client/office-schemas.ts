import { z } from 'zod'
import { ORGANISATION_KINDS, PublicDeputyList, type OrganisationKind } from '../../api/contract/index.ts'

/**
 * Schemas of the back-office API (`/api/office…`, `/api/audit`, `/api/admin…`,
 * `/api/deputies`). Validated at this edge like every other API payload; past it the inferred
 * types are trusted.
 */

// The office's shapes (`/api/office…`, `/api/audit`) are the contract's; the web's names are
// kept as aliases.
export { type AdminCategory, AdminCategory as AdminCategorySchema, AdminCategoryPage, type AdminOrganisation, AdminOrganisation as AdminOrganisationSchema, AdminOrganisationPage, type AdminUser, AdminUser as AdminUserSchema, AdminUserPage, type AppealNote, AppealNote as AppealNoteSchema, AUDIT_OBJECT_TYPES, type AuditChanges, AuditChanges as AuditChangesSchema, type AuditEntry, type AuditEntry as AppealAuditEntry, AuditPage as AuditListSchema, OFFICE_ACTIONS, OFFICE_QUEUES, type OfficeAction, type OfficeAppeal, OfficeAppeal as OfficeAppealSchema, type OfficeAppealPage as OfficeAppealList, OfficeAppealPage as OfficeAppealListSchema, type OfficeAppealSummary, OfficeAppealSummary as OfficeAppealSummarySchema, type OfficeQueue, type OrganisationOption, OrganisationOptionList as OrganisationOptionListSchema, type RoutingRule, RoutingRule as RoutingRuleSchema, RoutingRulePage, StaffList as StaffListSchema, type StaffMember } from '../../api/contract/index.ts'

/** The kinds of organisation that answer appeals. */
export { ORGANISATION_KINDS, type OrganisationKind }

// The administration's shapes (`/api/admin…`) are the contract's; the pages parse their lists
// with its `AdminUserPage`, `AdminOrganisationPage`, `AdminCategoryPage` and `RoutingRulePage`.

/** `GET /api/deputies?city=`: a plain array, taken as a page like the admin lists. */
export const DeputyListSchema = PublicDeputyList.transform((items) => ({ total: items.length, items }))

/** What a `DELETE` answers: nothing worth reading. */
export const AnySchema = z.unknown()
