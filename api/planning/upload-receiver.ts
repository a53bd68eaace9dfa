/**
 * Receives one file of a multipart body straight to disk, under a byte limit, so that a
 * planner's 150 MB file costs no 150 MB of memory. Anything short of a whole file is removed.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import busboy from 'busboy'
import { HttpProblem } from '../http/index.ts'

/** The file as received: where it is on disk, its name as the client sent it, and its size. */
export interface ReceivedFile {
  path: string
  name: string
  bytes: number
  /** The text fields of the form, by name (the first value of each). */
  fields: Record<string, string>
}

const MAX_FIELDS = 10
const MAX_FIELD_BYTES = 1000

/** Disk errors that mean "no room" rather than a fault of ours. */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT'])

function storageProblem(err: NodeJS.ErrnoException): HttpProblem | undefined {
  if (err.code && NO_ROOM.has(err.code)) return new HttpProblem('insufficient-storage', 507, 'There is no room to store the file now; try again later or tell the administrator')
  if (err.code === 'EROFS' || err.code === 'EACCES') {
    const problem = new HttpProblem('unavailable', 503, 'Files cannot be stored now; try again later')
    problem.retryAfter = 60
    return problem
  }
  return undefined
}

/**
 * Streams the form's `file` part into `dir` (made here) as `original`; the other parts must be
 * short text fields. Throws a problem (and leaves no file) when there is no file, more than one,
 * a body over `maxBytes`, a broken form, or no room on disk.
 */
export async function receiveFile(request: Request, dir: string, maxBytes: number): Promise<ReceivedFile> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!request.body) throw new HttpProblem('invalid-input', 400, 'The form has no body: send the file as multipart/form-data under "file"')
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes + 64 * 1024) throw tooLarge(maxBytes)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const path = join(dir, 'original')
  const fields: Record<string, string> = {}
  let file: { name: string; bytes: number; done: Promise<void> } | undefined
  let overLimit = false
  let form: busboy.Busboy
  try {
    form = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: { files: 1, fileSize: maxBytes, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1 },
    })
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    throw new HttpProblem('invalid-input', 400, `The form cannot be read: ${(err as Error).message}`)
  }
  form.on('field', (name, value, info) => {
    if (!(name in fields) && !info.valueTruncated) fields[name] = value
  })
  form.on('file', (name, stream, info) => {
    if (name !== 'file' || file) {
      stream.resume()
      return
    }
    const entry = { name: info.filename ?? 'upload', bytes: 0, done: Promise.resolve() }
    stream.on('data', (chunk: Buffer) => (entry.bytes += chunk.length))
    stream.on('limit', () => {
      overLimit = true
    })
    entry.done = pipeline(stream, createWriteStream(path, { mode: 0o600 }))
    file = entry
  })
  try {
    await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), form)
    await file?.done
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    const problem = storageProblem(err as NodeJS.ErrnoException)
    if (problem) throw problem
    throw new HttpProblem('invalid-input', 400, `The form cannot be read: ${(err as Error).message}`)
  }
  if (overLimit) {
    await rm(dir, { recursive: true, force: true })
    throw tooLarge(maxBytes)
  }
  if (!file) {
    await rm(dir, { recursive: true, force: true })
    throw new HttpProblem('invalid-input', 400, 'The form has no file: send it under "file"', [{ field: 'body.file', message: 'required' }])
  }
  return { path, name: file.name, bytes: file.bytes, fields }
}

function tooLarge(maxBytes: number): HttpProblem {
  return new HttpProblem('payload-too-large', 413, `The file is larger than ${Math.round(maxBytes / 1048576)} MB, the limit of this installation`)
}
