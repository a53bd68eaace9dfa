import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { StoredBallot } from './ballots-csv.ts'

/** A voter's ballot as kept. */
export interface BallotRow {
  id: number
  receipt: string
  proposals: string[]
  updated_at: Date
}

/** The online ballot of a voter in an edition, or undefined. */
export async function findBallot(db: Kysely<DB>, editionId: number, voterId: number): Promise<BallotRow | undefined> {
  const { rows } = await sql<BallotRow>`
    SELECT b.id, b.receipt, b.updated_at,
           coalesce((SELECT array_agg(l.proposal_id::text ORDER BY l.proposal_id) FROM budget_ballot_lines l WHERE l.ballot_id = b.id), '{}') AS proposals
      FROM budget_ballots b
     WHERE b.edition_id = ${editionId} AND b.voter_id = ${voterId} AND b.source = 'online'`.execute(db)
  return rows[0]
}

/** Who casts a ballot and from where, with what they declared. */
export interface Voter {
  editionId: number
  voterId: number
  receipt: string
  clientAddress: string
  declaredAge: boolean
  declaredResidence: boolean
}

/**
 * The voter's ballot row, made or given a new receipt, and locked (`lock_ballot` of migration 021):
 * every change of one ballot goes through it first, so two at once are made one after the other.
 */
async function lockBallot(trx: Transaction<DB>, v: Voter): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    SELECT lock_ballot(${v.editionId}, ${v.voterId}, ${v.receipt}, ${v.clientAddress}, ${v.declaredAge}, ${v.declaredResidence}) AS id`.execute(trx)
  return rows[0]!.id
}

/** Why the database did not take a ballot, when it says so rather than raising the rules' error. */
export type BallotRefusal =
  | { refused: 'signed-out' | 'no-edition' | 'not-verified' | 'not-confirmed' | 'declare-residence' }
  | { refused: 'no-voting' | 'voting-not-yet' | 'voting-over'; starts_at: string | null; ends_at: string | null }
  | { refused: 'declare-age'; min_age: number }

/** What the database answers a ballot it took: the rules, and the chosen proposals' costs for knapsack voting. */
export interface BallotCast extends BallotVerdict {
  pots: Array<{ key: string; money: number }>
  chosen: Record<string, { cost: number; pot: string }>
}

/**
 * Casts the whole ballot of the session's voter in one call (`cast_ballot_in_session` of
 * migration 023): the session, the phase, the voter's standing and declarations, and the write,
 * whose limits the database holds; an empty list withdraws the ballot. Raises the rules' error
 * for a ballot over them.
 */
export async function castBallotInSession(db: Kysely<DB>, sessionHash: Buffer, v: Omit<Voter, 'voterId'>, proposals: readonly string[]): Promise<BallotCast | BallotRefusal> {
  const { rows } = await sql<{ cast: BallotCast | BallotRefusal }>`
    SELECT cast_ballot_in_session(${sessionHash}, ${v.editionId}, ${v.receipt}, ${v.clientAddress}, ${v.declaredAge}, ${v.declaredResidence}, ${proposals.map(Number)}::bigint[]) AS cast`.execute(db)
  return rows[0]!.cast
}

/** Adds one proposal to the voter's ballot; the database refuses a second vote for it, or one over the rules. */
export async function addBallotLine(trx: Transaction<DB>, v: Voter, proposal: number): Promise<void> {
  const ballotId = await lockBallot(trx, v)
  await trx.insertInto('budget_ballot_lines').values({ edition_id: v.editionId, ballot_id: ballotId, proposal_id: proposal }).execute()
}

/** Takes one proposal off the voter's ballot; the ballot goes when it is empty. Whether it was on it. */
export async function removeBallotLine(trx: Transaction<DB>, v: Voter, proposal: number): Promise<boolean> {
  const ballotId = await lockBallot(trx, v)
  const removed = await trx.deleteFrom('budget_ballot_lines').where('ballot_id', '=', ballotId).where('proposal_id', '=', proposal).executeTakeFirst()
  const left = await trx.selectFrom('budget_ballot_lines').select('proposal_id').where('ballot_id', '=', ballotId).limit(1).execute()
  if (left.length === 0) await trx.deleteFrom('budget_ballots').where('id', '=', ballotId).execute()
  return removed.numDeletedRows > 0n
}

/** The cost and pot of each feasible proposal of an edition, for what a ballot has left. */
export async function ballotProposals(db: Kysely<DB>, editionId: number): Promise<Map<string, { cost: number; pot: string }>> {
  const rows = await db.selectFrom('budget_proposals').select(['id', 'cost', 'pot']).where('edition_id', '=', editionId).where('status', '=', 'feasible').execute()
  return new Map(rows.map((r) => [String(r.id), { cost: r.cost, pot: r.pot }]))
}

/** A batch of paper ballots as staff enter it. */
export interface PaperBatchInput {
  editionId: number
  batch: string
  enteredBy: number | null
  ballots: ReadonlyArray<{ receipt: string; proposals: readonly string[] }>
}

/** Writes a batch of paper ballots; the database holds each to the rules as it holds online ones. */
export async function insertPaperBallots(trx: Transaction<DB>, p: PaperBatchInput): Promise<void> {
  for (const ballot of p.ballots) {
    const row = await trx
      .insertInto('budget_ballots')
      .values({ edition_id: p.editionId, source: 'paper', receipt: ballot.receipt, paper_batch: p.batch, entered_by: p.enteredBy })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('budget_ballot_lines')
      .values([...new Set(ballot.proposals)].map((proposal) => ({ edition_id: p.editionId, ballot_id: row.id, proposal_id: Number(proposal) })))
      .execute()
  }
}

/** Whether a paper batch of this name was entered already. */
export async function paperBatchExists(db: Kysely<DB>, editionId: number, batch: string): Promise<boolean> {
  const row = await db.selectFrom('budget_ballots').select('id').where('edition_id', '=', editionId).where('paper_batch', '=', batch).limit(1).executeTakeFirst()
  return row !== undefined
}

/** Every ballot of an edition as the count and the published file take it: its row id stands for the voter. */
export async function storedBallots(db: Kysely<DB>, editionId: number): Promise<StoredBallot[]> {
  const { rows } = await sql<StoredBallot>`
    SELECT b.id::text AS voter, b.receipt, b.source, array_agg(l.proposal_id::text ORDER BY l.proposal_id) AS proposals
      FROM budget_ballots b JOIN budget_ballot_lines l ON l.ballot_id = b.id
     WHERE b.edition_id = ${editionId}
     GROUP BY b.id`.execute(db)
  return rows
}

/** The ballot a receipt names: what it chose and how it came. */
export async function ballotByReceipt(db: Kysely<DB>, editionId: number, receipt: string): Promise<{ source: 'online' | 'paper'; proposals: string[] } | undefined> {
  const { rows } = await sql<{ source: 'online' | 'paper'; proposals: string[] }>`
    SELECT b.source, coalesce((SELECT array_agg(l.proposal_id::text ORDER BY l.proposal_id) FROM budget_ballot_lines l WHERE l.ballot_id = b.id), '{}') AS proposals
      FROM budget_ballots b WHERE b.edition_id = ${editionId} AND b.receipt = ${receipt}`.execute(db)
  return rows[0]
}

/** How recent an account must be, at its first vote, to count as new for the burst check. */
const NEW_ACCOUNT_HOURS = 48
/** A share of a proposal's votes from new accounts above which the commission is told. */
const NEW_ACCOUNT_SHARE = 0.5
/** The fewest such votes worth a look. */
const NEW_ACCOUNT_MIN = 20
/** Online ballots from one client address worth a look. */
const SHARED_ADDRESS_MIN = 10

/**
 * Patterns for the commission: proposals most of whose votes (and at least a handful) come from
 * accounts made in the two days before they voted; and client addresses that cast many ballots.
 * The addresses themselves are not shown, only how many ballots came from each.
 */
export async function votingFlags(db: Kysely<DB>, editionId: number): Promise<Array<{ kind: 'new-accounts-burst' | 'shared-address'; proposal: string | null; ballots: number; total: number }>> {
  const { rows } = await sql<{ kind: 'new-accounts-burst' | 'shared-address'; proposal: string | null; ballots: number; total: number }>`
    (SELECT 'new-accounts-burst' AS kind, l.proposal_id::text AS proposal,
            count(*) FILTER (WHERE b.created_at - u.created_at < make_interval(hours => ${NEW_ACCOUNT_HOURS}::int))::int AS ballots, count(*)::int AS total
       FROM budget_ballot_lines l JOIN budget_ballots b ON b.id = l.ballot_id JOIN users u ON u.id = b.voter_id
      WHERE l.edition_id = ${editionId} AND b.source = 'online'
      GROUP BY l.proposal_id
     HAVING count(*) FILTER (WHERE b.created_at - u.created_at < make_interval(hours => ${NEW_ACCOUNT_HOURS}::int)) >= ${NEW_ACCOUNT_MIN}
        AND count(*) FILTER (WHERE b.created_at - u.created_at < make_interval(hours => ${NEW_ACCOUNT_HOURS}::int)) > ${NEW_ACCOUNT_SHARE}::float8 * count(*))
    UNION ALL
    (SELECT 'shared-address', NULL, count(*)::int, count(*)::int
       FROM budget_ballots b
      WHERE b.edition_id = ${editionId} AND b.source = 'online' AND b.client_address IS NOT NULL
      GROUP BY b.client_address
     HAVING count(*) >= ${SHARED_ADDRESS_MIN})
    ORDER BY 3 DESC`.execute(db)
  return rows
}

/** The number of online and paper ballots of an edition. */
export async function countBallots(db: Kysely<DB>, editionId: number): Promise<{ online: number; paper: number }> {
  const { rows } = await sql<{ online: number; paper: number }>`
    SELECT count(*) FILTER (WHERE source = 'online')::int AS online, count(*) FILTER (WHERE source = 'paper')::int AS paper
      FROM budget_ballots WHERE edition_id = ${editionId}`.execute(db)
  return rows[0]!
}

/** The rules a ballot is held to, as `ballot_verdict` answers a voter who may change it. */
export interface BallotVerdict {
  refused?: undefined
  voting: 'approval' | 'knapsack'
  votes_per_voter: number
  ends_at: string
}

/**
 * Whether the voter may change their ballot now (`ballot_verdict` of migration 021: the voting
 * phase, who may vote, the declarations made so far), or why not.
 */
export async function ballotVerdict(db: Kysely<DB>, editionId: number, voterId: number): Promise<BallotVerdict | BallotRefusal> {
  const { rows } = await sql<{ verdict: BallotVerdict | BallotRefusal }>`SELECT ballot_verdict(${editionId}, ${voterId}, false, false) AS verdict`.execute(db)
  return rows[0]!.verdict
}

/** What a ballot of these proposals has left to give: the edition's rules and money, and the chosen ones on the ballot. */
export interface BallotRules {
  voting: 'approval' | 'knapsack'
  votes_per_voter: number
  voting_ends_at: string | null
  pots: Array<{ key: string; money: number }>
  /** The feasible proposals of the edition among those asked about, with cost and pot. */
  chosen: Record<string, { cost: number; pot: string }>
}

/** The edition's rules and money and the chosen proposals' costs, for a ballot read back; undefined without the edition. */
export async function ballotRules(db: Kysely<DB>, editionId: number, proposals: readonly string[]): Promise<BallotRules | undefined> {
  const ids = proposals.map(Number).filter((n) => Number.isSafeInteger(n))
  const { rows } = await sql<BallotRules>`
    SELECT e.voting, e.votes_per_voter,
           to_char(v.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS voting_ends_at,
           coalesce((SELECT jsonb_agg(jsonb_build_object('key', k.key, 'money', k.money) ORDER BY k.key) FROM budget_pots k WHERE k.edition_id = e.id), '[]') AS pots,
           coalesce((SELECT jsonb_object_agg(p.id::text, jsonb_build_object('cost', p.cost, 'pot', p.pot))
                       FROM budget_proposals p WHERE p.edition_id = e.id AND p.status = 'feasible' AND p.id = ANY(${ids}::bigint[])), '{}') AS chosen
      FROM budget_editions e LEFT JOIN budget_phases v ON v.edition_id = e.id AND v.name = 'voting'
     WHERE e.id = ${editionId}`.execute(db)
  return rows[0]
}
