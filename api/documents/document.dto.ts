import type { LayerDocument } from '../contract/index.ts'
import type { DocumentRow } from './document.queries.ts'

/** A document's row as the API shows it, with the URL of its file. */
export function toLayerDocument(row: DocumentRow, baseUrl: string): LayerDocument {
  return {
    id: row.id,
    layer: row.layer_id,
    feature_id: row.feature_id,
    kind: row.kind,
    title: { uk: row.title.uk, en: row.title.en },
    file_name: row.file_name,
    bytes: row.bytes,
    pages: row.pages,
    decision_number: row.decision_number,
    decision_date: row.decision_date,
    created_at: row.created_at,
    url: documentFileUrl(baseUrl, row.layer_id, row.id),
  }
}

/** Where a document's PDF is downloaded. */
export function documentFileUrl(baseUrl: string, layerId: string, documentId: string): string {
  return `${baseUrl}/api/layers/${layerId}/documents/${documentId}/file`
}
