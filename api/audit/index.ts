/** The audit trail: who changed what, attribute by attribute, and who may read it. */
export { actorOf, type AuditChanges, type AuditObject, changedAttributes } from './audit-log.ts'
export { AUDIT_FIELDS, AUDIT_FROM, writeAudit } from './audit.queries.ts'
export { auditRoutes } from './audit.routes.ts'
