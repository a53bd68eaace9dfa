/** The API as the web app reads it: fetching and sending JSON, parsed with the API contract's schemas. */
export { type City, CityListSchema, type FieldError, LayerListSchema, type LayerSummary, MapStyleSchema, type Problem, PublicFeatureSchema } from './api-schemas.ts'
export { type AppealAlertRequest, type AppealFeedback, newIdempotencyKey, sendAppealFeedback, submitAppeal, subscribeToAppealAlerts, supportAppeal } from './appeal-api.ts'
export { type AddressMatch, AddressMatchListSchema, APPEAL_STATUSES, type AppealCategory, AppealCategoryListSchema, AppealNumberSchema, type AppealPhoto, AppealPointsSchema, type AppealReceipt, type AppealStatus, AppealStatusSchema, type CategoryQuestion, CategoryQuestionSchema, DistrictListSchema, type NearbyAppeal, NearbyAppealsSchema, OPEN_STATUSES, type PublicAppeal, PublicAppealSchema, type SupportResult, type TimelineEntry, type TrackedAppeal, TrackedAppealSchema } from './appeal-schemas.ts'
export { type Deputy, DeputyAtSchema } from './deputy-schemas.ts'
export { ApiProblemError, fetchJson, sendJson } from './fetch-json.ts'
export { actOnAppeal, type OfficeActionBodies, reassignAppeal, type RedactionRegion } from './office-api.ts'
export { type AdminCategory, AdminCategoryPage, type AdminOrganisation, AdminOrganisationPage, type AdminUser, AdminUserPage, AnySchema, type AppealAuditEntry, AUDIT_OBJECT_TYPES, type AuditChanges, AuditListSchema, DeputyListSchema, type OfficeAction, type OfficeAppeal, OfficeAppealListSchema, OfficeAppealSchema, type OfficeAppealSummary, type OfficeQueue, ORGANISATION_KINDS, OrganisationOptionListSchema, type RoutingRule, RoutingRulePage, StaffListSchema } from './office-schemas.ts'
export { type Role, ROLES, SessionSchema, type SignedInUser, SignedInUserSchema } from './session-schemas.ts'
