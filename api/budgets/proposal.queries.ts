import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { ImplementationStatus, Precheck, ProposalGeometry, ProposalStatus, SizeClass } from '../contract/index.ts'

/** A milestone as read. */
export interface MilestoneRow {
  id: number
  title: string
  note: string
  due_on: string | null
  done_on: string | null
  created_at: string
}

/** A proposal with its review, its count and its construction, as its pages read it. */
export interface ProposalRow {
  id: number
  edition_id: number
  city_id: string
  author_id: number | null
  author_email: string | null
  /** The co-authors who accepted the invitation (never shown, only counted). */
  coauthor_ids: number[]
  title: string
  description: string
  category: string
  geometry: { type: 'Point' | 'Polygon'; coordinates: unknown[] }
  district_id: number | null
  district_name: string | null
  pot: string
  size_class: SizeClass | null
  cost: number
  original_cost: number
  cost_items: Array<{ name: string; amount: number }>
  status: ProposalStatus
  precheck: Precheck | null
  review_reason: string | null
  cost_note: string | null
  reviewed_at: Date | null
  synthetic: boolean
  submitted_at: Date | null
  created_at: Date
  /** From the published count; null before it. */
  votes: number | null
  outcome: 'won' | 'does-not-fit' | 'below-threshold' | 'not-feasible' | null
  won: boolean | null
  implementation: {
    status: ImplementationStatus
    progress: number
    spent: number
    prozorro_id: string | null
    note: string
    updated_at: string
    milestones: MilestoneRow[]
    followers: number
  } | null
  /** Whether the reader follows its construction. */
  following: boolean
  photos: Array<{ id: number; stage: 'proposal' | 'implementation'; caption: string; created_at: string }>
  documents: Array<{ id: string; title: string; bytes: number; pages: number | null; created_at: string }>
}

/** The proposals' columns as the pages read them; `following` is the reader's (false for nobody). */
const proposalSelect = (readerId: number | null) => sql`
  SELECT p.id, p.edition_id, e.city_id, p.author_id, u.email AS author_email,
         coalesce((SELECT array_agg(ca.user_id::int ORDER BY ca.created_at) FROM budget_coauthors ca WHERE ca.proposal_id = p.id), '{}') AS coauthor_ids, p.title, p.description, p.category,
         ST_AsGeoJSON(p.geom, 7)::jsonb AS geometry, p.district_id, d.name AS district_name, p.pot, k.size_class,
         p.cost, p.original_cost, p.cost_items, p.status, p.precheck, p.review_reason, p.cost_note, p.reviewed_at,
         p.synthetic OR e.synthetic AS synthetic, p.submitted_at, p.created_at,
         r.votes, r.outcome, r.won,
         CASE WHEN i.proposal_id IS NULL THEN NULL ELSE jsonb_build_object(
           'status', i.status, 'progress', i.progress, 'spent', i.spent, 'prozorro_id', i.prozorro_id, 'note', i.note,
           'updated_at', to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'milestones', coalesce((SELECT jsonb_agg(jsonb_build_object('id', m.id, 'title', m.title, 'note', m.note, 'due_on', m.due_on, 'done_on', m.done_on,
                             'created_at', to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                             ORDER BY coalesce(m.done_on, m.due_on) NULLS LAST, m.id)
                           FROM budget_milestones m WHERE m.proposal_id = p.id), '[]'),
           'followers', (SELECT count(*) FROM budget_followers fo WHERE fo.proposal_id = p.id)) END AS implementation,
         coalesce((SELECT jsonb_agg(jsonb_build_object('id', ph.id, 'stage', ph.stage, 'caption', ph.caption,
                    'created_at', to_char(ph.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY ph.stage DESC, ph.id)
                     FROM budget_photos ph WHERE ph.proposal_id = p.id), '[]') AS photos,
         coalesce((SELECT jsonb_agg(jsonb_build_object('id', dc.id, 'title', dc.title, 'bytes', dc.bytes, 'pages', dc.pages,
                    'created_at', to_char(dc.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY dc.created_at, dc.id)
                     FROM budget_documents dc WHERE dc.proposal_id = p.id), '[]') AS documents,
         EXISTS (SELECT 1 FROM budget_followers fo WHERE fo.proposal_id = p.id AND fo.user_id = ${readerId}::bigint) AS following
    FROM budget_proposals p
    JOIN budget_editions e ON e.id = p.edition_id
    JOIN budget_pots k ON k.edition_id = p.edition_id AND k.key = p.pot
    LEFT JOIN districts d ON d.id = p.district_id
    LEFT JOIN users u ON u.id = p.author_id
    LEFT JOIN budget_results r ON r.edition_id = p.edition_id AND r.proposal_id = p.id AND e.results_computed_at IS NOT NULL
    LEFT JOIN budget_implementations i ON i.proposal_id = p.id`

/** A proposal of an edition, whatever its status; the caller decides who may see it. */
export async function findProposal(db: Kysely<DB>, editionId: number, id: number, readerId: number | null = null): Promise<ProposalRow | undefined> {
  return (await sql<ProposalRow>`${proposalSelect(readerId)} WHERE p.edition_id = ${editionId} AND p.id = ${id}`.execute(db)).rows[0]
}

/** An edition's public proposals (submitted or reviewed), or one author's own and co-authored (drafts too), in submission order. */
export async function listProposals(db: Kysely<DB>, editionId: number, filter: { status?: ProposalStatus; district?: number; authorId?: number }, readerId: number | null = null): Promise<ProposalRow[]> {
  const conditions = [sql`p.edition_id = ${editionId}`]
  conditions.push(
    filter.authorId !== undefined
      ? sql`(p.author_id = ${filter.authorId} OR EXISTS (SELECT 1 FROM budget_coauthors ca WHERE ca.proposal_id = p.id AND ca.user_id = ${filter.authorId}))`
      : sql`p.status IN ('submitted', 'feasible', 'not_feasible')`,
  )
  if (filter.status) conditions.push(sql`p.status = ${filter.status}`)
  if (filter.district) conditions.push(sql`p.district_id = ${filter.district}`)
  return (await sql<ProposalRow>`${proposalSelect(readerId)} WHERE ${sql.join(conditions, sql` AND `)} ORDER BY coalesce(p.submitted_at, p.created_at), p.id`.execute(db)).rows
}

/** Locks a proposal's row; undefined when the edition has no such proposal. */
export async function lockProposal(trx: Transaction<DB>, editionId: number, id: number): Promise<ProposalRow | undefined> {
  const locked = await trx.selectFrom('budget_proposals').select('id').where('edition_id', '=', editionId).where('id', '=', id).forUpdate().executeTakeFirst()
  return locked && findProposal(trx, editionId, id)
}

/** A proposal as it is written. */
export interface NewProposal {
  editionId: number
  authorId: number | null
  title: string
  description: string
  category: string
  geometry: ProposalGeometry
  districtId: number | null
  pot: string
  costItems: Array<{ name: string; amount: number }>
  status: 'draft' | 'submitted' | 'feasible'
  precheck: Precheck | null
  synthetic?: boolean
}

const total = (items: ReadonlyArray<{ amount: number }>) => items.reduce((sum, i) => sum + i.amount, 0)

/** Writes a proposal; its cost is the total of its items. Returns its id. */
export async function insertProposal(trx: Transaction<DB>, p: NewProposal): Promise<number> {
  const cost = total(p.costItems)
  const submitted = p.status !== 'draft'
  const row = await trx
    .insertInto('budget_proposals')
    .values({
      edition_id: p.editionId,
      author_id: p.authorId,
      title: p.title,
      description: p.description,
      category: p.category,
      geom: sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(p.geometry)}), 4326)`,
      district_id: p.districtId,
      pot: p.pot,
      cost_items: JSON.stringify(p.costItems),
      cost,
      original_cost: cost,
      status: p.status,
      precheck: p.precheck === null ? null : JSON.stringify(p.precheck),
      synthetic: p.synthetic ?? false,
      submitted_at: submitted ? sql<Date>`now()` : null,
      ...(p.status === 'feasible' && { reviewed_at: sql<Date>`now()`, review_reason: '' }),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Changes a draft: its text, place, district and pot, or cost items (and so its cost). */
export async function updateDraft(
  trx: Transaction<DB>,
  id: number,
  change: { title?: string; description?: string; category?: string; geometry?: ProposalGeometry; districtId?: number | null; pot?: string; costItems?: Array<{ name: string; amount: number }> },
): Promise<void> {
  await trx
    .updateTable('budget_proposals')
    .set({
      ...(change.title !== undefined && { title: change.title }),
      ...(change.description !== undefined && { description: change.description }),
      ...(change.category !== undefined && { category: change.category }),
      ...(change.geometry !== undefined && { geom: sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(change.geometry)}), 4326)` }),
      ...(change.districtId !== undefined && { district_id: change.districtId }),
      ...(change.pot !== undefined && { pot: change.pot }),
      ...(change.costItems !== undefined && { cost_items: JSON.stringify(change.costItems), cost: total(change.costItems), original_cost: total(change.costItems) }),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute()
}

/** Submits a draft with the pre-check of its place, or withdraws a proposal. */
export async function setProposalStatus(trx: Transaction<DB>, id: number, status: 'submitted' | 'withdrawn', change: { precheck?: Precheck; districtId?: number | null; pot?: string } = {}): Promise<void> {
  await trx
    .updateTable('budget_proposals')
    .set({
      status,
      ...(status === 'submitted' && { submitted_at: sql<Date>`now()` }),
      ...(change.precheck && { precheck: JSON.stringify(change.precheck) }),
      ...(change.districtId !== undefined && { district_id: change.districtId }),
      ...(change.pot !== undefined && { pot: change.pot }),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute()
}

/** Records a review: feasible or not, the reason, and the cost after it with its note. */
export async function setReview(trx: Transaction<DB>, id: number, review: { feasible: boolean; reason: string; cost: number; costNote: string; pot: string; userId: number | null }): Promise<void> {
  await trx
    .updateTable('budget_proposals')
    .set({
      status: review.feasible ? 'feasible' : 'not_feasible',
      review_reason: review.reason,
      cost: review.cost,
      cost_note: review.costNote,
      pot: review.pot,
      reviewed_at: sql<Date>`now()`,
      reviewed_by: review.userId,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute()
}

/**
 * Writes the proposals' features again (the layer's trigger reads the count and the construction,
 * which live in other tables).
 */
export async function refreshProposalFeatures(trx: Kysely<DB> | Transaction<DB>, editionId: number, ids?: readonly number[]): Promise<void> {
  await trx
    .updateTable('budget_proposals')
    .set({ updated_at: sql<Date>`now()` })
    .where('edition_id', '=', editionId)
    .$if(ids !== undefined, (q) => q.where('id', 'in', ids!.length > 0 ? ids! : [-1]))
    .execute()
}
