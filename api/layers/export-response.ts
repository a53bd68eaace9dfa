import type { Context } from 'hono'
import { type ExportFile, type ExportFormat, ExportWriteError, EXPORT_MEDIA_TYPES, type Layer } from '../../layers/index.ts'
import { type AppEnv, fileResponse, HttpProblem, problems, sourceHeaders } from '../http/index.ts'

/** Unversioned export URLs change with every feature write: clients revalidate after a minute. */
export const CURRENT_EXPORT_CACHE = 'public, max-age=60, must-revalidate'
/** A versioned export URL names one file that never changes. */
export const VERSIONED_EXPORT_CACHE = 'public, max-age=31536000, immutable'

/** The immutable URL of one version of a layer's export: `/api/layers/{id}/export/v{version}-{fingerprint}.{format}`. */
export function versionedExportUrl(baseUrl: string, layerId: string, tag: string, format: ExportFormat): string {
  return `${baseUrl}/api/layers/${layerId}/export/v${tag}.${format}`
}

/**
 * The file of the layer's current version, written now when it is not yet; a 503 problem (with
 * `Retry-After`) when the disk refuses it, a 404 when the layer stopped being public meanwhile.
 */
export async function currentExport(c: Context<AppEnv>, layer: Layer, format: ExportFormat): Promise<ExportFile> {
  try {
    const file = await c.var.layerExports.current(c.var.db, layer, format)
    if (!file) throw problems.notFound('layer', layer.id)
    return file
  } catch (err) {
    if (!(err instanceof ExportWriteError)) throw err
    c.var.log('a layer export could not be written', { level: 'warn', layer: layer.id, format, error: err.message })
    const problem = new HttpProblem('unavailable', 503, `The ${format} export of "${layer.id}" cannot be written at the moment; please try again later`)
    problem.retryAfter = 60
    throw problem
  }
}

/**
 * An export file as the answer (`fileResponse`: length, validators, ranges, HEAD) with its
 * media type, a download name, the layer's licence headers and `Link`s to the layer's
 * description and, from the unversioned URL, to the versioned one.
 */
export function exportResponse(c: Context<AppEnv>, layer: Layer, file: ExportFile, cacheControl: string): Response {
  const res = fileResponse(c, { path: file.path, size: file.size, etag: file.etag, modified: file.modified, contentType: EXPORT_MEDIA_TYPES[file.format], cacheControl })
  const versioned = versionedExportUrl(c.var.baseUrl, layer.id, file.tag, file.format)
  const links = [`<${c.var.baseUrl}/api/layers/${layer.id}>; rel="describedby"; type="application/json"`]
  if (cacheControl === CURRENT_EXPORT_CACHE) links.unshift(`<${versioned}>; rel="alternate"; type="${EXPORT_MEDIA_TYPES[file.format].split(';')[0]}"`)
  res.headers.set('Link', links.join(', '))
  res.headers.set('Content-Disposition', `attachment; filename="${layer.id}.${file.format}"`)
  for (const [name, value] of Object.entries(sourceHeaders(layer))) res.headers.set(name, value)
  return res
}
