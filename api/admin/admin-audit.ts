import type { Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { writeAudit, type AuditChanges, type AuditObject } from '../audit/index.ts'

/**
 * Writes the audit row of an administrator's change to an object, unless nothing changed: a
 * PATCH that repeats the current values leaves no row in the append-only trail.
 */
export async function auditUpdate(trx: Transaction<DB>, entry: { actor: string; objectType: AuditObject; objectId: string | number; changes: AuditChanges }): Promise<void> {
  if (Object.keys(entry.changes).length > 0) await writeAudit(trx, { ...entry, action: 'update' })
}
