import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'

/** Keeps the digest of a new invitation, replacing the one before. */
export async function setInvitation(trx: Transaction<DB>, proposalId: number, digest: Buffer): Promise<void> {
  await trx.updateTable('budget_proposals').set({ coauthor_invitation: digest }).where('id', '=', proposalId).execute()
}

/** Whether the digest is the proposal's current invitation (compared in the database, in full). */
export async function invitationMatches(db: Kysely<DB>, proposalId: number, digest: Buffer): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`SELECT coauthor_invitation = ${digest} AS ok FROM budget_proposals WHERE id = ${proposalId}`.execute(db)
  return rows[0]?.ok === true
}

/** Adds a co-author; nothing when they are one already. */
export async function addCoauthor(trx: Transaction<DB>, proposalId: number, userId: number): Promise<void> {
  await trx.insertInto('budget_coauthors').values({ proposal_id: proposalId, user_id: userId }).onConflict((oc) => oc.doNothing()).execute()
}
