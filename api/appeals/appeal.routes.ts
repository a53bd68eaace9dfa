import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { etag } from 'hono/etag'
import type { AppEnv } from '../app-env.ts'
import { HttpProblem, problems, type FieldError } from '../problems.ts'
import { hitRateLimit } from '../rate-limit.ts'
import { invalidInput, zv } from '../validation.ts'
import { findCity } from '../../layers/index.ts'
import { listCategories } from './appeal-categories.ts'
import { digest } from './appeal-links.ts'
import { applyAppealAction } from './appeal-status.ts'
import { appealTimeline, findAppealByTrackingHash, findPublicAppeal, findPublicPhoto, listPublicAppeals, nearbyOpenAppeals, supportAppeal } from './appeal.queries.ts'
import { toAppealFeatureCollection, toPublicAppeal } from './appeal.dto.ts'
import { AppealListQuery, AppealParams, AppealSubmissionBody, FeedbackBody, NearbyQuery, PhotoParams, SupportBody, TrackingParams } from './appeal.schemas.ts'
import { submitAppeal, type Upload } from './appeal-submit.ts'
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from './photo-processing.ts'
import { photoResponse } from './photo-response.ts'
import { z } from 'zod'
import { Slug } from '../layers/layer.schemas.ts'
import { clientAddress } from '../client-address.ts'

const JSON_LIMIT = 64 * 1024
const MULTIPART_LIMIT = MAX_PHOTOS * MAX_PHOTO_BYTES + 512 * 1024

const submissionLimit = bodyLimit({
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
    if (contactKey) {
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
  if (Object.keys(answers).length) body.answers = { ...(body.answers as object | undefined), ...answers }
  return { body, uploads }
}

async function readSubmission(c: Context<AppEnv>): Promise<{ body: AppealSubmissionBody; uploads: Upload[] }> {
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

const IdempotencyKey = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII')

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

/** Appeals: filing, the public list and page, photos, support, and the author's tracking page. */
export const appealRoutes = new Hono<AppEnv>()
  .post('/', submissionLimit, async (c) => {
    const { body, uploads } = await readSubmission(c)
    const { receipt, replayed } = await fileAppeal(c, body, uploads, 'web', 'resident', c.var.user?.id)
    c.header('Location', `/api/appeals/${receipt.number}`)
    if (replayed) c.header('Idempotent-Replayed', 'true')
    return c.json(receipt, 201)
  })
  .get('/', zv('query', AppealListQuery), async (c) => {
    const q = c.req.valid('query')
    if (q.city && !(await findCity(c.var.db, q.city))) throw problems.notFound('city', q.city)
    const { total, appeals } = await listPublicAppeals(c.var.db, q)
    c.header('Cache-Control', 'no-cache')
    if (q.format === 'geojson') {
      return c.json(toAppealFeatureCollection(appeals, c.var.baseUrl, total), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' })
    }
    const next = q.offset + appeals.length < total ? q.offset + q.limit : undefined
    const self = new URL(c.req.url)
    const nextUrl = next === undefined ? null : (self.searchParams.set('offset', String(next)), self.toString())
    return c.json({ total, limit: q.limit, offset: q.offset, next: nextUrl, appeals: appeals.map((a) => toPublicAppeal(a, c.var.baseUrl)) })
  })
  .get('/nearby', zv('query', NearbyQuery), async (c) => {
    const { lat, lon, category } = c.req.valid('query')
    const nearby = await nearbyOpenAppeals(c.var.db, lon, lat, category)
    c.header('Cache-Control', 'no-cache')
    return c.json({ appeals: nearby.map((a) => toPublicAppeal(a, c.var.baseUrl)) })
  })
  .get('/track/:token', zv('param', TrackingParams), async (c) => {
    const appeal = await findAppealByTrackingHash(c.var.db, digest(c.req.valid('param').token))
    if (!appeal) throw problems.notFound('appeal for this tracking link', '…')
    c.header('Cache-Control', 'private, no-store')
    c.header('Referrer-Policy', 'no-referrer')
    return c.json({ ...toPublicAppeal(appeal, c.var.baseUrl), timeline: await appealTimeline(c.var.db, appeal.number) })
  })
  .post('/track/:token/:feedback{confirm|reopen}', zv('param', TrackingParams), zv('json', FeedbackBody), async (c) => {
    const appeal = await findAppealByTrackingHash(c.var.db, digest(c.req.valid('param').token))
    if (!appeal) throw problems.notFound('appeal for this tracking link', '…')
    const { reason } = c.req.valid('json')
    const feedback = c.req.param('feedback')
    if (feedback === 'reopen' && !reason) throw problems.invalid('Say why the problem is not solved', [{ field: 'body.reason', message: 'is required to reopen' }])
    const status = await applyAppealAction(c.var.db, appeal.number, feedback === 'confirm' ? { kind: 'confirm' } : { kind: 'reopen', reason: reason! }, {
      actor: 'author',
      response: reason ?? null,
      baseUrl: c.var.baseUrl,
    })
    c.header('Cache-Control', 'no-store')
    return c.json({ number: appeal.number, status })
  })
  .get('/:number', zv('param', AppealParams), async (c) => {
    const { number } = c.req.valid('param')
    const appeal = await findPublicAppeal(c.var.db, number)
    if (!appeal) throw problems.notFound('appeal', number)
    c.header('Cache-Control', 'no-cache')
    return c.json({ ...toPublicAppeal(appeal, c.var.baseUrl), timeline: await appealTimeline(c.var.db, number) })
  })
  .get('/:number/photos/:file', etag(), zv('param', PhotoParams), async (c) => {
    const { number, file } = c.req.valid('param')
    const photo = await findPublicPhoto(c.var.db, number, file.id)
    // A version that is not the current one names a file since replaced (redacted): gone.
    if (!photo || (file.version !== undefined && file.version !== photo.version)) throw problems.notFound('photo', `${number}/${file.name}`)
    const bytes = await c.var.appeals.store.read(photo.storage_key, file.variant)
    if (!bytes) throw problems.notFound('photo', `${number}/${file.name}`)
    // A versioned name always holds the same bytes; the bare name follows redactions, so a cache
    // must ask again each time (a 304 by the ETag).
    return photoResponse(c, bytes, file.version === undefined ? 'public, no-cache' : 'public, max-age=86400')
  })
  .post('/:number/support', zv('param', AppealParams), zv('json', SupportBody), async (c) => {
    const { number } = c.req.valid('param')
    await hitRateLimit(c.var.db, `support:${clientAddress(c, c.var.appeals.trustProxy)}`, c.var.appeals.rateLimit)
    const result = await supportAppeal(c.var.db, number, digest(`supporter:${c.req.valid('json').email.trim().toLowerCase()}`))
    if (!result) throw new HttpProblem('conflict', 409, `Appeal ${number} is not open for support (closed, private or unknown)`)
    return c.json({ number, supporters: result.supporters, counted: result.added }, result.added ? 201 : 200)
  })

/** The category catalogue with terms and extra questions. */
export const appealCategoryRoutes = new Hono<AppEnv>().get('/', zv('query', z.object({ city: Slug.optional() })), async (c) => {
  const { city } = c.req.valid('query')
  if (city && !(await findCity(c.var.db, city))) throw problems.notFound('city', city)
  const categories = await listCategories(c.var.db)
  return c.json(
    categories.map((cat) => ({
      id: cat.id,
      group: cat.group,
      name: cat.name,
      term_days: cat.termDays,
      duplicate_radius_m: cat.duplicateRadiusM,
      questions: cat.questions,
    })),
  )
})
