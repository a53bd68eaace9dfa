import { z } from 'zod'
import { DOCUMENT_KINDS, LayerDocument, type DocumentKind } from '../../api/contract/index.ts'
import { sendJson } from '../api-client/index.ts'

/* A layer's PDF documents as the Planning pages read and attach them. */

export { DOCUMENT_KINDS, type DocumentKind, type LayerDocument }
/** `GET /api/layers/{id}/documents`. */
export const LayerDocumentListSchema = z.array(LayerDocument)
/** Where a layer's documents are listed. */
export const layerDocumentsPath = (layerId: string) => `/api/layers/${encodeURIComponent(layerId)}/documents`

/** What the planner fills in besides the file. */
export interface DocumentInput {
  titleUk: string
  titleEn: string
  kind: DocumentKind
  decisionNumber: string
  decisionDate: string
}

/** `POST /api/layers/{id}/documents`: attaches a PDF to the layer. */
export function attachDocument(layerId: string, file: File, input: DocumentInput): Promise<LayerDocument> {
  const form = new FormData()
  form.append('file', file)
  form.append('title[uk]', input.titleUk)
  form.append('title[en]', input.titleEn)
  form.append('kind', input.kind)
  if (input.decisionNumber) form.append('decision_number', input.decisionNumber)
  if (input.decisionDate) form.append('decision_date', input.decisionDate)
  return sendJson(layerDocumentsPath(layerId), LayerDocument, { body: form })
}

/** `DELETE /api/layers/{id}/documents/{docId}`. */
export function removeDocument(layerId: string, docId: string): Promise<undefined> {
  return sendJson(`${layerDocumentsPath(layerId)}/${encodeURIComponent(docId)}`, z.undefined(), { method: 'DELETE', body: undefined })
}
