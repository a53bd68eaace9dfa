/**
 * An upload becomes a layer, or a new revision of one, in one transaction: all of it or none.
 * The upload is used up by it.
 */
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { type AttributeField, type GeometryKind, type LayerDefinition, refreshLayerStats, saveLayerDefinition } from '../catalogue/index.ts'
import { deleteUpload, findUpload, type UploadField, type UploadReport, type UploadRow } from '../upload/index.ts'
import { allowLongRevision, applyRevision, duplicateKeys, insertUploadFeatures, matchRevision, recordRevision, uploadFamilies } from './revision.queries.ts'
import { type LayerChanges, lockLayer, recordLayerChange, updateLayer } from './layer-admin.queries.ts'

/** The planning metadata a new layer may start with. */
export type PlanningColumns = Pick<
  LayerChanges,
  'document_type' | 'decision_number' | 'decision_date' | 'developer' | 'source' | 'organisation_id' | 'update_frequency' | 'legal_basis' | 'responsible_role' | 'review_status' | 'review_requested_by' | 'review_requested_at'
>

/** Why an upload cannot be published: `status` is the HTTP status the API answers with. */
export class PublishRefused extends Error {
  override name = 'PublishRefused'
  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
  ) {
    super(message)
  }
}

/** Attribute names that usually hold personal data: such fields start private. */
const PERSONAL = /(^|_)(owner|person|name_?person|phone|tel|email|e_mail|passport|inn|ipn|rnokpp|pib|fio|vlasnyk|власник|піб|фіо|телефон|паспорт|іпн|рнокпп|орендар|tenant)($|_)/i

/** The attribute schema of a new layer from an upload's fields: labelled by name, public unless they look personal. */
export function attributesFromUpload(fields: UploadField[]): AttributeField[] {
  return fields.map((f) => ({
    name: f.name,
    type: (['string', 'number', 'integer', 'boolean', 'date'].includes(f.type) ? f.type : 'string') as AttributeField['type'],
    label: { uk: f.name, en: f.name },
    public: !PERSONAL.test(f.name),
  }))
}

/** The upload, if it is still there and its features are in place. */
async function usableUpload(db: Kysely<DB> | Transaction<DB>, uploadId: string, userId: number, mayUseAny: boolean): Promise<UploadRow> {
  const upload = await findUpload(db, uploadId)
  if (!upload || (upload.uploaded_by !== userId && !mayUseAny)) throw new PublishRefused(404, `No upload ${uploadId}: it may have expired (uploads are kept three days)`)
  if (upload.srid === null) throw new PublishRefused(409, `The coordinate system of ${upload.file_name} is unknown: choose one and read the file again first`)
  return upload
}

/** The family the layer takes from the upload: the one it holds, or the chosen one among several. */
async function familyOf(db: Kysely<DB> | Transaction<DB>, upload: UploadRow, wanted: GeometryKind | undefined): Promise<GeometryKind> {
  const families = await uploadFamilies(db, upload.id)
  const held = Object.keys(families) as GeometryKind[]
  if (wanted) {
    if (!families[wanted]) throw new PublishRefused(422, `${upload.file_name} holds no ${wanted} features (it holds ${held.join(', ')})`)
    return wanted
  }
  if (held.length > 1) {
    throw new PublishRefused(422, `${upload.file_name} mixes ${held.map((k) => `${families[k]} ${k}`).join(', ')} features; a layer holds one kind: choose geometry_type`)
  }
  return held[0]!
}

/** What a new layer is besides its features. */
export type NewLayer = Omit<LayerDefinition, 'geometryType' | 'attributes'> & {
  geometryType?: GeometryKind | undefined
  attributes?: AttributeField[] | undefined
  status: 'draft' | 'consultation' | 'approved'
}

/**
 * Makes a layer from an upload: its first revision. Returns the layer id. `checkSchema` sees the
 * attributes the layer gets (the given ones, or the upload's fields) with its style before
 * anything is written, and throws to refuse them.
 */
export async function createLayerFromUpload(
  db: Kysely<DB>,
  input: {
    uploadId: string
    userId: number
    mayUseAnyUpload: boolean
    layer: NewLayer
    planning?: PlanningColumns
    checkSchema?(attributes: AttributeField[], style: NewLayer['style']): void
  },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await allowLongRevision(trx)
    const upload = await usableUpload(trx, input.uploadId, input.userId, input.mayUseAnyUpload)
    const taken = await trx.selectFrom('layers').select('id').where('id', '=', input.layer.id).executeTakeFirst()
    if (taken) throw new PublishRefused(409, `A layer ${input.layer.id} exists already: publish a new version of it, or choose another id`)
    const city = await trx.selectFrom('cities').select('id').where('id', '=', input.layer.city).executeTakeFirst()
    if (!city) throw new PublishRefused(422, `No city ${input.layer.city}`)
    const geometryType = await familyOf(trx, upload, input.layer.geometryType)
    const report = upload.report as unknown as UploadReport
    const { status, ...definition } = input.layer
    const attributes = input.layer.attributes ?? attributesFromUpload(report.fields ?? [])
    input.checkSchema?.(attributes, input.layer.style)
    await saveLayerDefinition(trx, { ...definition, geometryType, attributes })
    await trx.updateTable('layers').set({ status, created_by: input.userId }).where('id', '=', input.layer.id).execute()
    if (input.planning) await updateLayer(trx, input.layer.id, input.planning)
    const added = await insertUploadFeatures(trx, input.layer.id, upload.id, geometryType)
    await recordRevision(trx, { layerId: input.layer.id, revision: 1, createdBy: input.userId, fileName: upload.file_name, mode: 'create', key: null, added, removed: 0, changed: 0 })
    await refreshLayerStats(trx, input.layer.id)
    await recordLayerChange(trx, input.userId, 'create', input.layer.id, {
      status: [null, status],
      features: [0, added],
      file: [null, upload.file_name],
      ...(input.planning?.review_status ? { review: [null, input.planning.review_status] } : {}),
    })
    await deleteUpload(trx, upload.id)
    return input.layer.id
  })
}

/** The figures of a published revision. */
export interface PublishedRevision {
  revision: number
  added: number
  removed: number
  changed: number
  feature_count: number
}

/**
 * Publishes an upload as the layer's next revision: matched by `key` (a field whose value names
 * a feature, such as a cadastral number) or by identical content, `replace` removes what the
 * upload no longer holds, `append` keeps it.
 */
export async function publishRevision(
  db: Kysely<DB>,
  input: { layerId: string; uploadId: string; userId: number; mayUseAnyUpload: boolean; key: string | null; mode: 'replace' | 'append' },
): Promise<PublishedRevision> {
  return db.transaction().execute(async (trx) => {
    await allowLongRevision(trx)
    const layer = await lockLayer(trx, input.layerId)
    if (!layer) throw new PublishRefused(404, `No layer ${input.layerId}`)
    const upload = await usableUpload(trx, input.uploadId, input.userId, input.mayUseAnyUpload)
    const family = await familyOf(trx, upload, layer.geometry_type)
    if (input.key) {
      const fields = ((upload.report as unknown as UploadReport).fields ?? []).map((f) => f.name)
      if (!fields.includes(input.key)) throw new PublishRefused(422, `The key field ${input.key} is not in ${upload.file_name} (its fields: ${fields.join(', ')})`)
      const duplicates = await duplicateKeys(trx, layer.id, upload.id, input.key)
      if (duplicates.upload.length) throw new PublishRefused(422, `The key field ${input.key} must name one feature each, but in ${upload.file_name} several share ${duplicates.upload.join(', ')}`)
      if (duplicates.layer.length) throw new PublishRefused(422, `The key field ${input.key} must name one feature each, but in the layer several share ${duplicates.layer.join(', ')}`)
    }
    const revision = layer.revision + 1
    await matchRevision(trx, layer.id, upload.id, family, input.key)
    const counts = await applyRevision(trx, layer.id, revision, input.mode)
    await recordRevision(trx, { layerId: layer.id, revision, createdBy: input.userId, fileName: upload.file_name, mode: input.mode, key: input.key, ...counts })
    await refreshLayerStats(trx, layer.id)
    const after = await trx.selectFrom('layers').select('feature_count').where('id', '=', layer.id).executeTakeFirstOrThrow()
    await recordLayerChange(trx, input.userId, 'revision', layer.id, {
      revision: [layer.revision, revision],
      features: [layer.feature_count, after.feature_count],
      file: [null, upload.file_name],
    })
    await deleteUpload(trx, upload.id)
    return { revision, ...counts, feature_count: after.feature_count }
  })
}
