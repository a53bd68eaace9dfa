import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { Context } from 'hono'

/** A file on disk served whole or by byte ranges, as GDAL's `/vsicurl/`, QGIS and PMTiles readers ask. */
export interface ServedFile {
  path: string
  size: number
  /** A strong validator that changes with the file. */
  etag: string
  modified: Date
  contentType: string
  cacheControl: string
}

/**
 * The byte range a `Range` header asks of a file of `size` bytes: `bytes=a-b`, `bytes=a-` or
 * `bytes=-n`; null when it asks for none we serve (several ranges, another unit: the whole file
 * is sent), 'unsatisfiable' when it lies past the end.
 */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!match || (match[1] === '' && match[2] === '')) return null
  if (match[1] === '') {
    const suffix = Number(match[2])
    if (suffix === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(match[1])
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  if (start >= size || end < start) return 'unsatisfiable'
  return { start, end }
}

/**
 * Answers a GET or HEAD for a file: 200 with `Content-Length`, `ETag`, `Last-Modified` and
 * `Accept-Ranges`, 206 for a satisfiable range (unless `If-Range` names another version), 416
 * for one past the end, 304 when `If-None-Match` holds the ETag. The body is streamed.
 */
export function fileResponse(c: Context, file: ServedFile): Response {
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    'Accept-Ranges': 'bytes',
    ETag: file.etag,
    'Last-Modified': file.modified.toUTCString(),
    'Cache-Control': file.cacheControl,
  }
  // Weak comparison (RFC 9110 §13.1.2): a gzipped answer went out with the ETag made weak (`W/"…"`).
  if (c.req.header('If-None-Match')?.split(',').some((t) => t.trim().replace(/^W\//, '') === file.etag)) return new Response(null, { status: 304, headers })
  const ifRange = c.req.header('If-Range')
  const range = ifRange === undefined || ifRange === file.etag ? byteRange(c.req.header('Range'), file.size) : null
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${file.size}` } })
  const { start, end } = range ?? { start: 0, end: file.size - 1 }
  const length = file.size === 0 ? 0 : end - start + 1
  const sized = { ...headers, 'Content-Length': String(length), ...(range && { 'Content-Range': `bytes ${start}-${end}/${file.size}` }) }
  const status = range ? 206 : 200
  if (c.req.method === 'HEAD' || length === 0) return new Response(null, { status, headers: sized })
  const body = Readable.toWeb(createReadStream(file.path, { start, end })) as ReadableStream<Uint8Array>
  return new Response(body, { status, headers: sized })
}
