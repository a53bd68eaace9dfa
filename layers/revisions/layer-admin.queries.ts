/**
 * The SQL of managing a layer: its row locked for a change, the planning fields, and every
 * change in the audit trail.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB, LayerRow } from '../../db/index.ts'

/** A layer's row with its JSON columns as stored, for a change. */
export type ManagedLayerRow = Omit<LayerRow, 'decision_date' | 'created_at' | 'updated_at' | 'review_requested_at'> & {
  decision_date: string | null
  created_at: string
  updated_at: string
  review_requested_at: string | null
  /** The name of who asked for the review, for the reviewer to see. */
  review_requested_by_name: string | null
}

const selectManaged = (db: Kysely<DB> | Transaction<DB>) =>
  db
    .selectFrom('layers')
    .selectAll()
    .select([
      sql<string | null>`to_char(decision_date, 'YYYY-MM-DD')`.as('decision_date'),
      sql<string>`to_json(created_at) #>> '{}'`.as('created_at'),
      sql<string>`to_json(updated_at) #>> '{}'`.as('updated_at'),
      sql<string | null>`to_json(review_requested_at) #>> '{}'`.as('review_requested_at'),
      sql<string | null>`(SELECT u.name FROM users u WHERE u.id = layers.review_requested_by)`.as('review_requested_by_name'),
    ])

/** The layer's row, locked until the transaction ends, so two changes of one layer go one after the other. */
export async function lockLayer(trx: Transaction<DB>, layerId: string): Promise<ManagedLayerRow | undefined> {
  return (await selectManaged(trx).where('id', '=', layerId).forUpdate().executeTakeFirst()) as ManagedLayerRow | undefined
}

/** Any layer, public or not, for staff. */
export async function findManagedLayer(db: Kysely<DB>, layerId: string): Promise<ManagedLayerRow | undefined> {
  return (await selectManaged(db).where('id', '=', layerId).executeTakeFirst()) as ManagedLayerRow | undefined
}

/** Every layer of a city (or of all cities; of one organisation) in any status, newest change first, for staff. */
export async function listManagedLayers(
  db: Kysely<DB>,
  filter: { city?: string | undefined; status?: string | undefined; organisation?: string | undefined },
): Promise<ManagedLayerRow[]> {
  let query = selectManaged(db)
  if (filter.city) query = query.where('city_id', '=', filter.city)
  if (filter.organisation) query = query.where('organisation_id', '=', filter.organisation)
  if (filter.status) query = query.where('status', '=', filter.status as never)
  return (await query.orderBy('layers.updated_at', 'desc').orderBy('id').execute()) as ManagedLayerRow[]
}

/** The columns a planner may change, by name. */
export interface LayerChanges {
  title?: string
  description?: string
  theme?: string
  attributes?: string
  style?: string
  licence?: string
  attribution?: string
  status?: 'draft' | 'consultation' | 'approved' | 'archived'
  document_type?: LayerRow['document_type']
  decision_number?: string | null
  decision_date?: string | null
  developer?: string | null
  source?: string
  organisation_id?: string | null
  /** The data passport's: how often the data changes, the law it is published under (JSON), the position that answers for it (JSON). */
  update_frequency?: LayerRow['update_frequency']
  legal_basis?: string | null
  responsible_role?: string | null
  minzoom?: number
  maxzoom?: number
  /** A publication waiting for review (all three set together, or all cleared with null). */
  review_status?: 'consultation' | 'approved' | null
  review_requested_by?: number | null
  review_requested_at?: Date | null
}

/** Writes the changed columns of a layer. */
export async function updateLayer(trx: Transaction<DB>, layerId: string, changes: LayerChanges): Promise<void> {
  if (Object.keys(changes).length === 0) return
  await trx
    .updateTable('layers')
    .set({ ...changes, updated_at: sql<Date>`now()` as unknown as Date })
    .where('id', '=', layerId)
    .execute()
}

/** A change of a layer in the audit trail: attribute → [before, after]. */
export async function recordLayerChange(trx: Transaction<DB>, actorId: number, action: string, layerId: string, changes: Record<string, [unknown, unknown]>): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({ actor: `user:${actorId}`, action, object_type: 'layer', object_id: layerId, changes: JSON.stringify(changes) })
    .execute()
}
