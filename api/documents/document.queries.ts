/** The SQL of layer documents: their rows, the feature they belong to, and the audit trail. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB, LayerDocumentRow } from '../../db/index.ts'
import { recordLayerChange } from '../../layers/index.ts'

/** A document's row with its dates as text, as the API writes them. */
export type DocumentRow = Omit<LayerDocumentRow, 'bytes' | 'feature_id' | 'created_at' | 'created_by'> & { bytes: number; feature_id: number | null; created_at: string }

const selectDocuments = (db: Kysely<DB>) =>
  db
    .selectFrom('layer_documents')
    .select(['id', 'layer_id', 'kind', 'title', 'file_name', 'pages', 'sha256', 'decision_number'])
    .select([
      sql<number>`bytes::float8`.as('bytes'),
      sql<number | null>`feature_id::float8`.as('feature_id'),
      sql<string | null>`to_char(decision_date, 'YYYY-MM-DD')`.as('decision_date'),
      sql<string>`to_json(created_at) #>> '{}'`.as('created_at'),
    ])

/** A layer's documents, newest first; with `featureId`, only that feature's. */
export async function listLayerDocuments(db: Kysely<DB>, layerId: string, featureId?: number): Promise<DocumentRow[]> {
  let query = selectDocuments(db).where('layer_id', '=', layerId)
  if (featureId !== undefined) query = query.where('feature_id', '=', featureId)
  return query.orderBy('created_at', 'desc').orderBy('id').execute()
}

/** One document of a layer, or undefined. */
export async function findLayerDocument(db: Kysely<DB>, layerId: string, documentId: string): Promise<DocumentRow | undefined> {
  return selectDocuments(db).where('layer_id', '=', layerId).where('id', '=', documentId).executeTakeFirst()
}

/** Whether the feature is one of the layer's. */
export async function isFeatureOfLayer(db: Kysely<DB>, layerId: string, featureId: number): Promise<boolean> {
  const row = await db.selectFrom('features').select('id').where('layer_id', '=', layerId).where('id', '=', featureId).executeTakeFirst()
  return row !== undefined
}

/** What a new document's row holds. */
export interface NewDocument {
  id: string
  layerId: string
  featureId: number | null
  kind: LayerDocumentRow['kind']
  title: { uk: string; en: string }
  fileName: string
  bytes: number
  pages: number | null
  sha256: string
  decisionNumber: string | null
  decisionDate: string | null
  createdBy: number
}

/** Inserts a document's row and audits it on its layer (`document-added`). */
export async function insertLayerDocument(trx: Transaction<DB>, doc: NewDocument): Promise<void> {
  await trx
    .insertInto('layer_documents')
    .values({
      id: doc.id,
      layer_id: doc.layerId,
      feature_id: doc.featureId,
      kind: doc.kind,
      title: JSON.stringify(doc.title),
      file_name: doc.fileName,
      bytes: doc.bytes,
      pages: doc.pages,
      sha256: doc.sha256,
      decision_number: doc.decisionNumber,
      decision_date: doc.decisionDate,
      created_by: doc.createdBy,
    })
    .execute()
  await recordLayerChange(trx, doc.createdBy, 'document-added', doc.layerId, {
    document: [null, { id: doc.id, kind: doc.kind, title: doc.title, file_name: doc.fileName, feature_id: doc.featureId, sha256: doc.sha256 }],
  })
}

/** Deletes a document's row and audits it (`document-removed`); false when the layer has no such document. */
export async function deleteLayerDocument(trx: Transaction<DB>, layerId: string, documentId: string, actorId: number): Promise<boolean> {
  const gone = await trx.deleteFrom('layer_documents').where('layer_id', '=', layerId).where('id', '=', documentId).returning(['id', 'kind', 'title', 'file_name', 'feature_id', 'sha256']).executeTakeFirst()
  if (!gone) return false
  await recordLayerChange(trx, actorId, 'document-removed', layerId, { document: [{ ...gone, feature_id: gone.feature_id === null ? null : Number(gone.feature_id) }, null] })
  return true
}

/** The ids among `ids` that have a row, for the store's recovery. */
export async function existingDocumentIds(db: Kysely<DB>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  // The store keeps the PDFs of layers, participatory-budget proposals and register lines alike.
  const rows = await db
    .selectFrom('layer_documents')
    .select('id')
    .where('id', 'in', ids)
    .unionAll(db.selectFrom('budget_documents').select('id').where('id', 'in', ids))
    .unionAll(db.selectFrom('property_documents').select('id').where('id', 'in', ids))
    .execute()
  return new Set(rows.map((r) => r.id))
}
