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
export interface BallotCast {
  refused?: undefined
  voting: 'approval' | 'knapsack'
  votes_per_voter: number
  ends_at: string
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

/** What a change of one voter's ballot needs, read in one query. */
export interface BallotContext {
  voting: 'approval' | 'knapsack'
  votes_per_voter: number
  verified_only: boolean
  min_age: number | null
  residence_declaration: boolean
  pots: Array<{ key: string; money: number }>
  /** Where the database's clock is against the voting phase. */
  voting_state: 'before' | 'on' | 'after' | 'missing'
  voting_starts_at: string | null
  voting_ends_at: string | null
  /** A confirmed e-mail, or an identity from the provider. */
  confirmed: boolean
  /** An identity from the provider (id.gov.ua, BankID). */
  verified: boolean
  /** What the voter declared on their ballot so far. */
  declared_age: boolean
  declared_residence: boolean
  /** The feasible proposals of the edition among those asked about, with cost and pot. */
  chosen: Record<string, { cost: number; pot: string }>
}

/**
 * The edition's rules and money, the voting phase by the database's clock, the voter's standing
 * and declarations, and the proposals asked about that are on the ballot: one round trip, as a
 * ballot is the busiest write of a voting day. Undefined when there is no such edition.
 */
export async function ballotContext(db: Kysely<DB>, editionId: number, voterId: number, proposals: readonly string[]): Promise<BallotContext | undefined> {
  const ids = proposals.map(Number).filter((n) => Number.isSafeInteger(n))
  const { rows } = await sql<BallotContext>`
    SELECT e.voting, e.votes_per_voter, e.verified_only, e.min_age, e.residence_declaration,
           coalesce((SELECT jsonb_agg(jsonb_build_object('key', k.key, 'money', k.money) ORDER BY k.key) FROM budget_pots k WHERE k.edition_id = e.id), '[]') AS pots,
           coalesce(CASE WHEN now() < v.starts_at THEN 'before' WHEN now() < v.ends_at THEN 'on' WHEN v.ends_at IS NOT NULL THEN 'after' END, 'missing') AS voting_state,
           to_char(v.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS voting_starts_at,
           to_char(v.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS voting_ends_at,
           u.email_confirmed_at IS NOT NULL OR i.user_id IS NOT NULL AS confirmed,
           i.user_id IS NOT NULL AS verified,
           coalesce(b.declared_age, false) AS declared_age,
           coalesce(b.declared_residence, false) AS declared_residence,
           coalesce((SELECT jsonb_object_agg(p.id::text, jsonb_build_object('cost', p.cost, 'pot', p.pot))
                       FROM budget_proposals p WHERE p.edition_id = e.id AND p.status = 'feasible' AND p.id = ANY(${ids}::bigint[])), '{}') AS chosen
      FROM budget_editions e
      JOIN users u ON u.id = ${voterId}
      LEFT JOIN budget_phases v ON v.edition_id = e.id AND v.name = 'voting'
      LEFT JOIN LATERAL (SELECT user_id FROM user_identities WHERE user_id = u.id LIMIT 1) i ON true
      LEFT JOIN budget_ballots b ON b.edition_id = e.id AND b.voter_id = u.id AND b.source = 'online'
     WHERE e.id = ${editionId}`.execute(db)
  return rows[0]
}
