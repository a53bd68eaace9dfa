import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { BudgetPot, RankedProposal, RankedResult } from './results.ts'

/** What the count of an edition reads: its pots' money and its proposals after review. */
export async function countInputs(db: Kysely<DB>, editionId: number): Promise<{ pots: BudgetPot[]; proposals: RankedProposal[] }> {
  const pots = await db.selectFrom('budget_pots').select(['key', 'money']).where('edition_id', '=', editionId).orderBy('key').execute()
  const proposals = await db
    .selectFrom('budget_proposals')
    .select(['id', 'pot', 'cost', 'status'])
    .where('edition_id', '=', editionId)
    .where('status', 'in', ['submitted', 'feasible', 'not_feasible'])
    .orderBy('id')
    .execute()
  return {
    pots: pots.map((p) => ({ key: p.key, money: p.money })),
    // A proposal never reviewed is not on the ballot, and so not feasible for the count.
    proposals: proposals.map((p) => ({ id: String(p.id), pot: p.pot, cost: p.cost, feasible: p.status === 'feasible' })),
  }
}

/** One proposal's line of the count as it is written. */
export interface ResultWrite extends RankedResult {
  online: number
  paper: number
  won: boolean
  overrideReason: string | null
}

/**
 * Publishes a count: replaces the edition's result lines, keeps the anonymised ballots and their
 * SHA-256 (null for a past edition), forgets the ballots' client addresses, and makes each
 * winner a project to track.
 */
export async function writeResults(trx: Transaction<DB>, editionId: number, lines: readonly ResultWrite[], published: { csv: string; sha256: string } | null): Promise<void> {
  await trx.deleteFrom('budget_results').where('edition_id', '=', editionId).execute()
  if (lines.length > 0) {
    await trx
      .insertInto('budget_results')
      .values(
        lines.map((l) => ({
          edition_id: editionId,
          proposal_id: Number(l.id),
          votes: l.votes,
          online_votes: l.online,
          paper_votes: l.paper,
          rank: l.rank,
          outcome: l.outcome,
          won: l.won,
          override_reason: l.overrideReason,
        })),
      )
      .execute()
  }
  await trx
    .updateTable('budget_editions')
    .set({ results_computed_at: sql<Date>`now()`, ballots_csv: published?.csv ?? null, ballots_sha256: published?.sha256 ?? null, updated_at: sql<Date>`now()` })
    .where('id', '=', editionId)
    .execute()
  // The client addresses served the commission's checks during the vote; the count ends their use.
  await trx.updateTable('budget_ballots').set({ client_address: null }).where('edition_id', '=', editionId).execute()
  const winners = lines.filter((l) => l.won).map((l) => Number(l.id))
  if (winners.length > 0) {
    await trx.insertInto('budget_implementations').values(winners.map((id) => ({ proposal_id: id }))).onConflict((oc) => oc.column('proposal_id').doNothing()).execute()
  }
}

/** A published line with what the results page shows of its proposal. */
export interface ResultRow {
  id: string
  title: string
  votes: number
  online_votes: number
  paper_votes: number
  cost: number
  district_id: number | null
  district_name: string | null
  pot: string
  rank: number
  outcome: 'won' | 'does-not-fit' | 'below-threshold' | 'not-feasible'
  won: boolean
  override_reason: string | null
}

/** The published lines of an edition, pot by pot in ranking order. */
export async function readResults(db: Kysely<DB>, editionId: number): Promise<ResultRow[]> {
  const { rows } = await sql<ResultRow>`
    SELECT r.proposal_id::text AS id, p.title, r.votes, r.online_votes, r.paper_votes, p.cost, p.district_id, d.name AS district_name,
           p.pot, r.rank, r.outcome, r.won, r.override_reason
      FROM budget_results r
      JOIN budget_proposals p ON p.id = r.proposal_id
      LEFT JOIN districts d ON d.id = p.district_id
     WHERE r.edition_id = ${editionId}
     ORDER BY p.pot, r.rank`.execute(db)
  return rows
}

/** The published ballots of an edition, or undefined before the count (or for a past edition). */
export async function publishedBallots(db: Kysely<DB>, editionId: number): Promise<{ csv: string; sha256: string } | undefined> {
  const row = await db.selectFrom('budget_editions').select(['ballots_csv', 'ballots_sha256']).where('id', '=', editionId).executeTakeFirst()
  return row?.ballots_csv && row.ballots_sha256 ? { csv: row.ballots_csv, sha256: row.ballots_sha256 } : undefined
}
