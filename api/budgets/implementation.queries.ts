import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { ImplementationStatus } from '../contract/index.ts'

/** Changes a winner's construction. */
export async function updateImplementation(
  trx: Transaction<DB>,
  proposalId: number,
  change: { status?: ImplementationStatus; progress?: number; spent?: number; prozorro_id?: string | null; note?: string },
): Promise<void> {
  await trx
    .updateTable('budget_implementations')
    .set({ ...change, updated_at: sql<Date>`now()` })
    .where('proposal_id', '=', proposalId)
    .execute()
}

/** Adds a milestone to a winner's construction. */
export async function insertMilestone(trx: Transaction<DB>, proposalId: number, m: { title: string; note: string; due_on: string | null; done_on: string | null }): Promise<number> {
  const row = await trx.insertInto('budget_milestones').values({ proposal_id: proposalId, ...m }).returning('id').executeTakeFirstOrThrow()
  await trx.updateTable('budget_implementations').set({ updated_at: sql<Date>`now()` }).where('proposal_id', '=', proposalId).execute()
  return row.id
}

/** Starts or stops following a project. */
export async function setFollowing(db: Kysely<DB>, proposalId: number, userId: number, following: boolean): Promise<void> {
  if (following) await db.insertInto('budget_followers').values({ proposal_id: proposalId, user_id: userId }).onConflict((oc) => oc.doNothing()).execute()
  else await db.deleteFrom('budget_followers').where('proposal_id', '=', proposalId).where('user_id', '=', userId).execute()
}

/** The addresses of a project's followers, for the mail of a change. */
export async function followerEmails(trx: Kysely<DB> | Transaction<DB>, proposalId: number): Promise<string[]> {
  const rows = await trx.selectFrom('budget_followers as f').innerJoin('users as u', 'u.id', 'f.user_id').select('u.email').where('f.proposal_id', '=', proposalId).execute()
  return rows.map((r) => r.email)
}
