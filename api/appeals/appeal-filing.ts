import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { AppealSubmissionBody, IdempotencyKey } from '../contract/index.ts'
import { type AppEnv, clientAddress, hitRateLimit, HttpProblem, invalidInput, problems } from '../http/index.ts'
import { submitAppeal, type Upload } from './appeal-submit.ts'
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from './photo-processing.ts'

/*
 * Filing an appeal over HTTP, for the web form (JSON or multipart with photos) and for Open311's
 * `POST requests`: reading the body, the honeypot, the idempotency key and the rate limit.
 */

const JSON_LIMIT = 64 * 1024
const MULTIPART_LIMIT = MAX_PHOTOS * MAX_PHOTO_BYTES + 512 * 1024

/** The body limit of a submission: the photos and half a megabyte of fields. */
export const submissionLimit = bodyLimit({
  maxSize: MULTIPART_LIMIT,
  onError: () => {
    throw new HttpProblem('payload-too-large', 413, `The request is larger than ${Math.round(MULTIPART_LIMIT / 1048576)} MB (at most ${MAX_PHOTOS} photos of ${MAX_PHOTO_BYTES / 1048576} MB)`)
  },
})

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/

/** Multipart fields as the JSON body would have them: numbers, booleans, nested contact. */
function fromForm(form: Record<string, string | File | (string | File)[]>): { body: Record<string, unknown>; uploads: File[] } {
  const body: Record<string, unknown> = {}
  const contact: Record<string, string> = {}
  const answers: Record<string, string> = {}
  const object: Record<string, string | number> = {}
  const uploads: File[] = []
  for (const [key, raw] of Object.entries(form)) {
    const values = Array.isArray(raw) ? raw : [raw]
    if (key === 'photos' || key === 'photos[]') {
      for (const v of values) if (typeof v !== 'string') uploads.push(v)
      continue
    }
    const value = values[0]
    if (typeof value !== 'string') throw problems.invalid(`Field "${key}" must be text, not a file`, [{ field: `body.${key}`, message: 'must be text' }])
    const contactKey = /^contact[._[](name|email|phone)\]?$/.exec(key)?.[1]
    const answerKey = /^answers[._[]([a-z0-9_]{1,64})\]?$/.exec(key)?.[1]
    const objectKey = /^object[._[](layer|feature_id)\]?$/.exec(key)?.[1]
    if (objectKey) object[objectKey] = objectKey === 'feature_id' && NUMBER.test(value) ? Number(value) : value
    else if (contactKey) {
      if (value.trim()) contact[contactKey] = value
    } else if (answerKey) answers[answerKey] = value
    else if (key === 'lat' || key === 'lon') body[key] = NUMBER.test(value) ? Number(value) : value
    else if (key === 'show_name' || key === 'public' || key === 'to_deputy') body[key] = value === 'true' || value === 'on' ? true : value === 'false' ? false : value
    else if (key === 'answers') {
      try {
        body.answers = JSON.parse(value)
      } catch {
        throw problems.invalid('answers must be a JSON object', [{ field: 'body.answers', message: 'must be a JSON object' }])
      }
    } else body[key] = value
  }
  if (Object.keys(contact).length) body.contact = contact
  if (Object.keys(object).length) body.object = object
  if (Object.keys(answers).length) body.answers = { ...(body.answers as object | undefined), ...answers }
  return { body, uploads }
}

/** The submission of a request, JSON or multipart, checked against its schema; photos over the limit are refused by name. */
export async function readSubmission(c: Context<AppEnv>): Promise<{ body: AppealSubmissionBody; uploads: Upload[] }> {
  const type = c.req.header('Content-Type') ?? ''
  let raw: unknown
  let files: File[] = []
  if (type.startsWith('multipart/form-data')) {
    let form
    try {
      form = await c.req.parseBody({ all: true })
    } catch {
      throw problems.invalid('The multipart body could not be read')
    }
    const parsed = fromForm(form)
    raw = parsed.body
    files = parsed.uploads
  } else if (type.startsWith('application/json')) {
    const text = await c.req.text()
    if (text.length > JSON_LIMIT) throw new HttpProblem('payload-too-large', 413, `A JSON appeal is at most ${JSON_LIMIT / 1024} KB; send photos as multipart`)
    try {
      raw = JSON.parse(text)
    } catch {
      throw problems.invalid('The body is not valid JSON')
    }
  } else {
    throw new HttpProblem('unsupported-media-type', 415, 'Send application/json, or multipart/form-data with photos')
  }
  const result = AppealSubmissionBody.safeParse(raw)
  if (!result.success) throw invalidInput(result.error, 'body')
  const tooBig = files.map((f, i) => (f.size > MAX_PHOTO_BYTES ? { field: `body.photos.${i}`, message: `${f.name || 'photo'} is ${(f.size / 1048576).toFixed(1)} MB; the limit is ${MAX_PHOTO_BYTES / 1048576} MB` } : undefined)).filter((e) => e !== undefined)
  if (tooBig.length) throw new HttpProblem('payload-too-large', 413, tooBig.map((e) => e.message).join('; '), tooBig)
  const uploads = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })))
  return { body: result.data, uploads }
}

/**
 * Files an appeal from the web form or JSON; shared with Open311's `POST requests`.
 * Honeypot, rate limit and idempotency are applied here.
 */
export async function fileAppeal(c: Context<AppEnv>, body: AppealSubmissionBody, uploads: Upload[], source: 'web' | 'open311', actor: string, accountId?: number) {
  if (body.website) throw problems.invalid('The submission was refused as automated', [{ field: 'body.website', message: 'must be empty' }])
  const key = c.req.header('Idempotency-Key')
  if (key !== undefined && !IdempotencyKey.safeParse(key).success) {
    throw problems.invalid('Invalid Idempotency-Key header', [{ field: 'header.Idempotency-Key', message: 'must be 1–255 printable ASCII characters' }])
  }
  const { appeals } = c.var
  const result = await submitAppeal(c.var.db, body, uploads, {
    store: appeals.store,
    baseUrl: c.var.baseUrl,
    source,
    idempotencyKey: key,
    actor,
    accountId,
    // Counted after the replay check: a retry that gets its stored receipt does not count.
    admit: () => hitRateLimit(c.var.db, `appeal:${clientAddress(c, appeals.trustProxy)}`, appeals.rateLimit),
    log: c.var.log,
  })
  if (!result.replayed) appeals.mailQueued()
  return result
}

