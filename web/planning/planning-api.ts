import { z } from 'zod'
import {
  LayerChanges,
  LayerUpload,
  LayerVersion,
  ManagedLayer,
  Problem as ProblemDocument,
  LayerCreateBody,
  LayerUpdateBody,
  LayerVersionBody,
  UploadPreview,
} from '../../api/contract/index.ts'
import { ApiProblemError, sendJson, type Problem } from '../api-client/index.ts'

/*
 * The planning API as the cabinet reads and writes it: the contract's schemas, and the writes.
 * Uploads go through XMLHttpRequest, the one browser API that reports upload progress.
 */

export type { LayerUpload, ManagedLayer, LayerVersion }
/** `GET /api/planning/layers/{id}` and every write's answer. */
export const ManagedLayerSchema = ManagedLayer
/** `GET /api/planning/layers?city=`. */
export const ManagedLayerListSchema = z.array(ManagedLayer)
/** `GET /api/layers/{id}/versions`. */
export const LayerVersionListSchema = z.array(LayerVersion)
/** `GET /api/layer-uploads/{id}/preview`. */
export const UploadPreviewSchema = UploadPreview
/** `GET /api/layers/{id}/versions/{revision}/changes`. */
export const LayerChangesSchema = LayerChanges
/** A layer to make, as the form fills it (defaults of the server not yet applied). */
export type LayerCreateInput = z.input<typeof LayerCreateBody>
/** A change of a layer. */
export type LayerUpdate = z.input<typeof LayerUpdateBody>
/** A new revision to publish. */
export type VersionInput = z.input<typeof LayerVersionBody>

/** A GeoJSON export of a revision: features with their public attributes. */
export const FeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), id: z.union([z.number(), z.string()]).optional(), properties: z.record(z.string(), z.unknown()).nullable(), geometry: z.unknown() })),
})

/** The path of an upload's staged features (the report's `preview` is absolute; the page stays on its origin). */
export const uploadPreviewPath = (id: string) => `/api/layer-uploads/${encodeURIComponent(id)}/preview`
/** The path of a layer's features as at a revision: public attributes, readable by staff for a draft too. */
export const revisionExportPath = (layerId: string, revision: number) => `/api/layers/${encodeURIComponent(layerId)}/versions/${revision}/export.geojson`
/** The path of what a revision changed. */
export const revisionChangesPath = (layerId: string, revision: number) => `/api/layers/${encodeURIComponent(layerId)}/versions/${revision}/changes`

/** What {@link uploadLayerFile} sends besides the file. */
export interface UploadOptions {
  encoding?: string | undefined
  crs?: string | undefined
  /** Called with the share of the file sent so far, 0 to 1. */
  onProgress?(share: number): void
  signal?: AbortSignal
}

/**
 * `POST /api/layer-uploads`: sends the file as multipart `file` (with `encoding` and `crs` when
 * chosen), reporting progress, and resolves to the server's report. Fails with
 * {@link ApiProblemError} as the JSON requests do.
 */
export function uploadLayerFile(file: File, options: UploadOptions = {}): Promise<LayerUpload> {
  const form = new FormData()
  form.append('file', file)
  if (options.encoding) form.append('encoding', options.encoding)
  if (options.crs) form.append('crs', options.crs)
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', '/api/layer-uploads')
    request.setRequestHeader('accept', 'application/json')
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total)
    }
    request.onload = () => {
      const body = parseJson(request.responseText)
      if (request.status < 200 || request.status >= 300) return reject(new ApiProblemError(problemOf(request, body)))
      const report = LayerUpload.safeParse(body)
      if (report.success) resolve(report.data)
      else reject(new ApiProblemError({ title: 'Unexpected response', detail: report.error.message }))
    }
    request.onerror = () => reject(new ApiProblemError({ title: 'Network error', detail: file.name }))
    options.signal?.addEventListener('abort', () => request.abort())
    request.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'))
    request.send(form)
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined // not JSON: the status line describes the failure
  }
}

function problemOf(request: XMLHttpRequest, body: unknown): Problem {
  const problem = ProblemDocument.safeParse(body)
  return problem.success ? problem.data : { title: `${request.status} ${request.statusText}`.trim(), status: request.status }
}

/** `PATCH /api/layer-uploads/{id}`: reads the kept file again with another encoding or coordinate system. */
export function rereadUpload(id: string, change: { encoding?: string; crs?: string }): Promise<LayerUpload> {
  return sendJson(`/api/layer-uploads/${encodeURIComponent(id)}`, LayerUpload, { method: 'PATCH', body: change })
}

/** `POST /api/layers`: makes a layer of an upload. */
export function createLayer(body: LayerCreateInput): Promise<ManagedLayer> {
  return sendJson('/api/layers', ManagedLayer, { body })
}

/** `PATCH /api/layers/{id}`: changes a layer's metadata, attributes, style or status. */
export function updateLayer(id: string, body: LayerUpdate): Promise<ManagedLayer> {
  return sendJson(`/api/layers/${encodeURIComponent(id)}`, ManagedLayer, { method: 'PATCH', body })
}

/** `POST /api/layers/{id}/review`: a second person approves or rejects a publisher's request to make the layer public. */
export function reviewLayer(id: string, body: { decision: 'approve' | 'reject'; reason: string }): Promise<ManagedLayer> {
  return sendJson(`/api/layers/${encodeURIComponent(id)}/review`, ManagedLayer, { body })
}

/** `POST /api/layers/{id}/versions`: publishes an upload as the layer's next revision. */
export function publishVersion(id: string, body: VersionInput): Promise<LayerVersion> {
  return sendJson(`/api/layers/${encodeURIComponent(id)}/versions`, LayerVersion, { body })
}
