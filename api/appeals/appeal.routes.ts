import { Hono } from 'hono'
import { etag } from 'hono/etag'
import {
  AppealCategoryList,
  AppealFeatureCollection,
  appealFeedbackRoute,
  AppealPage,
  appealPhotoRoute,
  AppealReceipt,
  AppealWithTimeline,
  FeedbackResult,
  getAppealRoute,
  listAppealCategoriesRoute,
  listAppealsRoute,
  NearbyAppeals,
  nearbyAppealsRoute,
  SupportResult,
  supportAppealRoute,
  TrackedAppeal,
  trackAppealRoute,
} from '../contract/index.ts'
import { type AppEnv, clientAddress, contractBody, hitRateLimit, HttpProblem, pageLinks, problems, zv } from '../http/index.ts'
import { findCity } from '../../layers/index.ts'
import { listCategories } from './appeal-category.queries.ts'
import { digest } from '../auth/index.ts'
import { applyAppealAction } from './appeal-status.ts'
import { appealTimeline, findAppealByTrackingHash, findPublicAppeal, findPublicPhoto, listPublicAppeals, nearbyOpenAppeals, supportAppeal } from './appeal.queries.ts'
import { toAppealFeatureCollection, toPublicAppeal } from './appeal.dto.ts'
import { fileAppeal, readSubmission, submissionLimit } from './appeal-filing.ts'
import { photoResponse } from './photo-response.ts'

/** Appeals: filing, the public list and page, photos, support, and the author's tracking page; each route as its contract in `api/contract/appeals.ts` says. */
export const appealRoutes = new Hono<AppEnv>()
  .post('/', submissionLimit, async (c) => {
    const { body, uploads } = await readSubmission(c)
    const { receipt, replayed } = await fileAppeal(c, body, uploads, 'web', 'resident', c.var.user?.id)
    c.header('Location', `/api/appeals/${receipt.number}`)
    if (replayed) c.header('Idempotent-Replayed', 'true')
    return c.json(contractBody(AppealReceipt, receipt), 201)
  })
  .get('/', zv('query', listAppealsRoute.request.query), async (c) => {
    const q = c.req.valid('query')
    if (q.city && !(await findCity(c.var.db, q.city))) throw problems.notFound('city', q.city)
    const { total, appeals } = await listPublicAppeals(c.var.db, q)
    c.header('Cache-Control', 'no-cache')
    const { links, next } = pageLinks(c, q.offset, appeals.length, total, { limit: q.limit })
    if (q.format === 'geojson') {
      return c.json(contractBody(AppealFeatureCollection, toAppealFeatureCollection(appeals, c.var.baseUrl, total)), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' })
    }
    return c.json(contractBody(AppealPage, { total, limit: q.limit, offset: q.offset, next, links, appeals: appeals.map((a) => toPublicAppeal(a, c.var.baseUrl)) }))
  })
  .get('/nearby', zv('query', nearbyAppealsRoute.request.query), async (c) => {
    const { lat, lon, category } = c.req.valid('query')
    const nearby = await nearbyOpenAppeals(c.var.db, lon, lat, category)
    c.header('Cache-Control', 'no-cache')
    return c.json(contractBody(NearbyAppeals, { appeals: nearby.map((a) => toPublicAppeal(a, c.var.baseUrl)) }))
  })
  .get('/track/:token', zv('param', trackAppealRoute.request.params), async (c) => {
    const appeal = await findAppealByTrackingHash(c.var.db, digest(c.req.valid('param').token))
    if (!appeal) throw problems.notFound('appeal for this tracking link', '…')
    c.header('Cache-Control', 'private, no-store')
    c.header('Referrer-Policy', 'no-referrer')
    return c.json(contractBody(TrackedAppeal, { ...toPublicAppeal(appeal, c.var.baseUrl), timeline: await appealTimeline(c.var.db, appeal.number) }))
  })
  .post('/track/:token/:feedback{confirm|reopen}', zv('param', appealFeedbackRoute.request.params), zv('json', appealFeedbackRoute.request.body.json), async (c) => {
    const appeal = await findAppealByTrackingHash(c.var.db, digest(c.req.valid('param').token))
    if (!appeal) throw problems.notFound('appeal for this tracking link', '…')
    const { reason } = c.req.valid('json')
    const { feedback } = c.req.valid('param')
    if (feedback === 'reopen' && !reason) throw problems.invalid('Say why the problem is not solved', [{ field: 'body.reason', message: 'is required to reopen' }])
    const status = await applyAppealAction(c.var.db, appeal.number, feedback === 'confirm' ? { kind: 'confirm' } : { kind: 'reopen', reason: reason! }, {
      actor: 'author',
      response: reason ?? null,
      baseUrl: c.var.baseUrl,
    })
    c.header('Cache-Control', 'no-store')
    return c.json(contractBody(FeedbackResult, { number: appeal.number, status }))
  })
  .get('/:number', zv('param', getAppealRoute.request.params), async (c) => {
    const { number } = c.req.valid('param')
    const appeal = await findPublicAppeal(c.var.db, number)
    if (!appeal) throw problems.notFound('appeal', number)
    c.header('Cache-Control', 'no-cache')
    return c.json(contractBody(AppealWithTimeline, { ...toPublicAppeal(appeal, c.var.baseUrl), timeline: await appealTimeline(c.var.db, number) }))
  })
  .get('/:number/photos/:file', etag(), zv('param', appealPhotoRoute.request.params), async (c) => {
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
  .post('/:number/support', zv('param', supportAppealRoute.request.params), zv('json', supportAppealRoute.request.body.json), async (c) => {
    const { number } = c.req.valid('param')
    await hitRateLimit(c.var.db, `support:${clientAddress(c, c.var.appeals.trustProxy)}`, c.var.appeals.rateLimit)
    const result = await supportAppeal(c.var.db, number, digest(`supporter:${c.req.valid('json').email.trim().toLowerCase()}`))
    if (!result) throw new HttpProblem('conflict', 409, `Appeal ${number} is not open for support (closed, private or unknown)`)
    return c.json(contractBody(SupportResult, { number, supporters: result.supporters, counted: result.added }), result.added ? 201 : 200)
  })

/** The category catalogue with terms and extra questions. */
export const appealCategoryRoutes = new Hono<AppEnv>().get('/', zv('query', listAppealCategoriesRoute.request.query), async (c) => {
  const { city } = c.req.valid('query')
  if (city && !(await findCity(c.var.db, city))) throw problems.notFound('city', city)
  const categories = await listCategories(c.var.db)
  return c.json(
    contractBody(
      AppealCategoryList,
      categories.map((cat) => ({
        id: cat.id,
        group: cat.group,
        name: cat.name,
        term_days: cat.termDays,
        duplicate_radius_m: cat.duplicateRadiusM,
        questions: cat.questions,
      })),
    ),
  )
})
