import { Hono } from 'hono'
import { etag } from 'hono/etag'
import { type AppEnv, clientAddress, hitRateLimit, HttpProblem, problems, zv } from '../http/index.ts'
import { findCity } from '../../layers/index.ts'
import { listCategories } from './appeal-category.queries.ts'
import { digest } from '../auth/index.ts'
import { applyAppealAction } from './appeal-status.ts'
import { appealTimeline, findAppealByTrackingHash, findPublicAppeal, findPublicPhoto, listPublicAppeals, nearbyOpenAppeals, supportAppeal } from './appeal.queries.ts'
import { toAppealFeatureCollection, toPublicAppeal } from './appeal.dto.ts'
import { AppealListQuery, AppealParams, FeedbackBody, NearbyQuery, PhotoParams, SupportBody, TrackingParams } from './appeal.schemas.ts'
import { fileAppeal, readSubmission, submissionLimit } from './appeal-filing.ts'
import { photoResponse } from './photo-response.ts'
import { z } from 'zod'
import { Slug } from '../layers/index.ts'

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
