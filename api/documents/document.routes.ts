import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { Hono, type Context } from 'hono'
import { findManagedLayer, type ManagedLayerRow } from '../../layers/index.ts'
import { addLayerDocumentRoute, LayerDocument, LayerDocumentFields, layerDocumentFileRoute, listLayerDocumentsRoute, PUBLIC_LAYER_STATUSES, removeLayerDocumentRoute } from '../contract/index.ts'
import { type AppEnv, contractBody, HttpProblem, invalidInput, isMultipart, problems, zv } from '../http/index.ts'
import { refuseOtherOrganisationsLayer } from '../planning/index.ts'
import { allow, can, signedIn } from '../permissions/index.ts'
import { deleteLayerDocument, findLayerDocument, insertLayerDocument, isFeatureOfLayer, listLayerDocuments } from './document.queries.ts'
import { documentFileUrl, toLayerDocument } from './document.dto.ts'
import { inlineDisposition } from './file-name.ts'
import { keepPdf } from './keep-pdf.ts'

/** A layer anyone may read (under consultation or approved), or any layer for staff who manage layers; else 404. */
async function readableLayer(c: Context<AppEnv>, id: string): Promise<ManagedLayerRow> {
  const layer = await findManagedLayer(c.var.db, id)
  if (!layer || (!PUBLIC_LAYER_STATUSES.includes(layer.status) && !can(c.var.user, 'layers:manage'))) throw problems.notFound('layer', id)
  return layer
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

/** A form field's text, or undefined when absent (a file where text belongs counts as absent). */
function text(form: FormData, name: string): string | undefined {
  const value = form.get(name)
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The title as `title[uk]`/`title[en]`, or one JSON `title` field. */
function titleOf(form: FormData): unknown {
  const json = text(form, 'title')
  if (json === undefined) return { uk: text(form, 'title[uk]'), en: text(form, 'title[en]') }
  try {
    return JSON.parse(json) as unknown
  } catch {
    throw problems.invalid('Invalid body: title', [{ field: 'body.title', message: 'must be JSON such as {"uk": "…", "en": "…"}' }])
  }
}

/** The form's text fields, checked. */
function documentFields(form: FormData) {
  const parsed = LayerDocumentFields.safeParse({
    title: titleOf(form),
    kind: text(form, 'kind'),
    feature_id: text(form, 'feature_id'),
    decision_number: text(form, 'decision_number'),
    decision_date: text(form, 'decision_date'),
  })
  if (!parsed.success) throw invalidInput(parsed.error, 'body')
  return parsed.data
}

/**
 * A layer's documents: PDFs attached to it or to one of its features, listed and downloaded by
 * anyone who may see the layer, attached and removed by staff who manage layers.
 */
export const documentRoutes = new Hono<AppEnv>()
  .post('/:id/documents', allow('layers:manage'), zv('param', addLayerDocumentRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const { maxBytes } = c.var.documents
    if (!isMultipart(c.req.header('Content-Type'))) throw new HttpProblem('unsupported-media-type', 415, 'Send the document as multipart/form-data under "file"')
    // The body is a form the request guard has read (within its multipart limit) and parsed.
    const form = await c.req.formData()
    const file = form.get('file')
    if (!(file instanceof File)) throw problems.invalid('Invalid body: file', [{ field: 'body.file', message: 'attach the PDF under "file"' }])
    const fields = documentFields(form)
    if (file.size > maxBytes) throw new HttpProblem('payload-too-large', 413, `The document is ${megabytes(file.size)}; the limit is ${megabytes(maxBytes)}`)
    const layer = await findManagedLayer(c.var.db, id)
    if (!layer) throw problems.notFound('layer', id)
    refuseOtherOrganisationsLayer(user, layer)
    if (fields.feature_id !== undefined && !(await isFeatureOfLayer(c.var.db, id, fields.feature_id))) {
      throw new HttpProblem('invalid-input', 422, `The layer ${id} has no feature ${fields.feature_id}`, [{ field: 'body.feature_id', message: 'must be a feature of this layer' }])
    }
    const pdf = await keepPdf(c, file, (trx, kept) =>
      insertLayerDocument(trx, {
        id: kept.id,
        layerId: id,
        featureId: fields.feature_id ?? null,
        kind: fields.kind,
        title: fields.title,
        fileName: kept.fileName,
        bytes: kept.bytes,
        pages: kept.pages,
        sha256: kept.sha256,
        decisionNumber: fields.decision_number ?? null,
        decisionDate: fields.decision_date ?? null,
        createdBy: user.id,
      }),
    )
    const row = (await findLayerDocument(c.var.db, id, pdf.id))!
    c.header('Location', documentFileUrl(c.var.baseUrl, id, pdf.id))
    return c.json(contractBody(LayerDocument, toLayerDocument(row, c.var.baseUrl)), 201)
  })
  .get('/:id/documents', zv('param', listLayerDocumentsRoute.request.params), zv('query', listLayerDocumentsRoute.request.query), async (c) => {
    const layer = await readableLayer(c, c.req.valid('param').id)
    const rows = await listLayerDocuments(c.var.db, layer.id, c.req.valid('query').feature)
    if (!PUBLIC_LAYER_STATUSES.includes(layer.status)) c.header('Cache-Control', 'private, no-store')
    return c.json(rows.map((r) => toLayerDocument(r, c.var.baseUrl)))
  })
  .get('/:id/documents/:docId/file', zv('param', layerDocumentFileRoute.request.params), async (c) => {
    const { id, docId } = c.req.valid('param')
    const layer = await readableLayer(c, id)
    const doc = await findLayerDocument(c.var.db, layer.id, docId)
    const file = doc && (await c.var.documents.store.find(doc.id))
    if (!doc || !file) throw problems.notFound('document', docId)
    const etag = `"${doc.sha256}"`
    const headers = {
      ETag: etag,
      // Checked again each time: a layer taken back to draft must stop showing its documents.
      'Cache-Control': PUBLIC_LAYER_STATUSES.includes(layer.status) ? 'no-cache' : 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
    }
    const match = c.req.header('If-None-Match')
    if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304, headers)
    const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>
    return c.body(body, 200, { ...headers, 'Content-Type': 'application/pdf', 'Content-Length': String(file.bytes), 'Content-Disposition': inlineDisposition(doc.file_name) })
  })
  .delete('/:id/documents/:docId', allow('layers:manage'), zv('param', removeLayerDocumentRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, docId } = c.req.valid('param')
    const layer = await findManagedLayer(c.var.db, id)
    if (layer) refuseOtherOrganisationsLayer(user, layer)
    const removed = await c.var.db.transaction().execute((trx) => deleteLayerDocument(trx, id, docId, user.id))
    if (!removed) throw problems.notFound('document', docId)
    // The row is gone, so the file is no document any more; one that cannot go now is swept by recovery.
    await c.var.documents.store.remove(docId).catch((err: Error) => c.var.log('a removed document file stays until recovery', { level: 'warn', error: err.message }))
    return c.body(null, 204)
  })
