/** The audit trail's section and its table. */
export { AuditSection } from './AuditSection.tsx'
export { AuditTable } from './AuditTable.tsx'
