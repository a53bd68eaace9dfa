import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Hono } from 'hono'
import { deleteUpload, displayName, findUpload, previewFeatures, readUpload, type UploadRow } from '../../layers/index.ts'
import { CrsCode, deleteUploadRoute, EncodingLabel, getUploadRoute, LayerUpload, rereadUploadRoute, uploadPreviewRoute, UploadPreview } from '../contract/index.ts'
import { type AppEnv, contractBody, HttpProblem, isMultipart, problems, zv } from '../http/index.ts'
import { allow, can, signedIn } from '../permissions/index.ts'
import { asFileProblem } from './file-problem.ts'
import { toLayerUpload } from './planning.dto.ts'
import { receiveFile } from './upload-receiver.ts'
import type { Context } from 'hono'

const PREVIEW_LIMIT = 5000

/** An upload of the signed-in planner (any, for an administrator), or 404. */
async function requireUpload(c: Context<AppEnv>, id: string): Promise<UploadRow> {
  const user = signedIn(c.var.user)
  const upload = await findUpload(c.var.db, id)
  if (!upload || (upload.uploaded_by !== user.id && !user.roles.includes('admin'))) {
    throw new HttpProblem('not-found', 404, `No upload "${id}": it may have expired (uploads are kept three days)`)
  }
  return upload
}

/** The choices a form or body makes, checked: an encoding TextDecoder knows, an EPSG code. */
function readChoices(fields: { encoding?: unknown; crs?: unknown }, where: 'body'): { encoding?: string; srid?: number } {
  const out: { encoding?: string; srid?: number } = {}
  if (fields.encoding !== undefined && fields.encoding !== '') {
    const parsed = EncodingLabel.safeParse(fields.encoding)
    if (!parsed.success || !isDecodable(parsed.data)) throw problems.invalid('Invalid body: encoding', [{ field: `${where}.encoding`, message: 'must be a text encoding such as utf-8, windows-1251 or ibm866' }])
    out.encoding = parsed.data
  }
  if (fields.crs !== undefined && fields.crs !== '') {
    const parsed = CrsCode.safeParse(fields.crs)
    if (!parsed.success) throw problems.invalid('Invalid body: crs', [{ field: `${where}.crs`, message: 'must be an EPSG code such as EPSG:6384' }])
    out.srid = parsed.data
  }
  return out
}

function isDecodable(label: string): boolean {
  try {
    new TextDecoder(label)
    return true
  } catch {
    // Not an encoding Node knows: the caller answers 400.
    return false
  }
}

/** Planners' uploads: a file read for review, read again with other choices, previewed, discarded. */
export const layerUploadRoutes = new Hono<AppEnv>()
  .post('/', allow('layers:manage'), async (c) => {
    const user = signedIn(c.var.user)
    if (!isMultipart(c.req.header('Content-Type'))) throw new HttpProblem('unsupported-media-type', 415, 'Send the file as multipart/form-data under "file"')
    const id = randomUUID()
    const dir = join(c.var.planning.uploadDir, id)
    const file = await receiveFile(c.req.raw, dir, c.var.planning.maxUploadBytes)
    try {
      const choices = readChoices(file.fields, 'body')
      const row = await readUpload(c.var.db, { id, uploadedBy: user.id, dir, path: file.path, fileName: displayName(file.name), fileBytes: file.bytes, ...choices })
      c.header('Location', `${c.var.baseUrl}/api/layer-uploads/${id}`)
      return c.json(contractBody(LayerUpload, toLayerUpload(row, c.var.baseUrl)), 201)
    } catch (err) {
      // Nothing of a refused file stays: not its row (the transaction rolled back), not its bytes.
      await rm(dir, { recursive: true, force: true })
      throw asFileProblem(err)
    }
  })
  .get('/:id', allow('layers:manage'), zv('param', getUploadRoute.request.params), async (c) => {
    const upload = await requireUpload(c, c.req.valid('param').id)
    return c.json(contractBody(LayerUpload, toLayerUpload(upload, c.var.baseUrl)))
  })
  .patch('/:id', allow('layers:manage'), zv('param', rereadUploadRoute.request.params), zv('json', rereadUploadRoute.request.body.json), async (c) => {
    const upload = await requireUpload(c, c.req.valid('param').id)
    const body = c.req.valid('json')
    const choices = readChoices({ encoding: body.encoding, crs: body.crs === undefined ? undefined : String(body.crs) }, 'body')
    const dir = join(c.var.planning.uploadDir, upload.id)
    try {
      const row = await readUpload(c.var.db, {
        id: upload.id,
        uploadedBy: upload.uploaded_by,
        dir,
        path: join(dir, 'original'),
        fileName: upload.file_name,
        fileBytes: Number(upload.file_bytes),
        encoding: choices.encoding ?? (body.crs !== undefined ? (upload.encoding ?? undefined) : undefined),
        srid: choices.srid ?? (body.encoding !== undefined ? (upload.srid ?? undefined) : undefined),
      })
      return c.json(contractBody(LayerUpload, toLayerUpload(row, c.var.baseUrl)))
    } catch (err) {
      // The earlier reading stays as it was: the new one rolled back whole.
      throw asFileProblem(err)
    }
  })
  .get('/:id/preview', allow('layers:manage'), zv('param', uploadPreviewRoute.request.params), async (c) => {
    const upload = await requireUpload(c, c.req.valid('param').id)
    const rows = await previewFeatures(c.var.db, upload.id, PREVIEW_LIMIT)
    return c.json(
      contractBody(UploadPreview, {
        type: 'FeatureCollection',
        features: rows.map((r) => ({ type: 'Feature' as const, id: r.idx, properties: r.properties, geometry: r.geometry as never })),
        truncated: upload.feature_count > rows.length,
      }),
      200,
      { 'Content-Type': 'application/geo+json; charset=utf-8' },
    )
  })
  .delete('/:id', allow('layers:manage'), zv('param', deleteUploadRoute.request.params), async (c) => {
    const upload = await requireUpload(c, c.req.valid('param').id)
    await deleteUpload(c.var.db, upload.id)
    await rm(join(c.var.planning.uploadDir, upload.id), { recursive: true, force: true })
    return c.body(null, 204)
  })

/** True when the signed-in user manages layers (staff views of drafts). */
export function managesLayers(c: Context<AppEnv>): boolean {
  return can(c.var.user, 'layers:manage')
}
