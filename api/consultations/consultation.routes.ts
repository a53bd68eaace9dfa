import { type Context, Hono } from 'hono'
import { actorOf, type AuditChanges, writeAudit } from '../audit/index.ts'
import { discardStaged, photoResponse, PhotoRejected, processPhoto, promoteCommitted } from '../appeals/index.ts'
import {
  addCommentPhotoRoute,
  answerCommentRoute,
  commentPhotoRoute,
  CommentReceipt,
  Consultation,
  ConsultationComment,
  createCommentRoute,
  createConsultationRoute,
  getConsultationRoute,
  hideCommentRoute,
  listCommentsRoute,
  listConsultationsRoute,
  MAX_CONSULTATION_DAYS,
  protocolCsvRoute,
  protocolGeoJsonRoute,
  protocolPdfRoute,
  ProtocolGeoJson,
} from '../contract/index.ts'
import { type AppEnv, contractBody, HttpProblem, isMultipart, problems, zv } from '../http/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { refuseOtherOrganisationsLayer } from '../planning/index.ts'
import { submitComment } from './comment-submit.ts'
import { commentHiddenMail } from './consultation-mail.ts'
import { toConsultation, toPublicComment } from './consultation.dto.ts'
import {
  answerComment,
  type ConsultationRow,
  findComment,
  findConsultation,
  findConsultationLayer,
  hideComment,
  insertConsultation,
  listComments,
  listPublicConsultations,
  lockComment,
  setCommentPhoto,
} from './consultation.queries.ts'
import { announceOpenedConsultations } from './announcements.ts'
import { protocolPdf } from './protocol-pdf.ts'
import { protocolCsv, protocolGeoJson } from './protocol.ts'

const DAY_MS = 86_400_000

/** A consultation on a public layer, or 404: a draft's or an archived layer's are nobody's business outside. */
async function publicConsultation(c: Context<AppEnv>, id: number): Promise<ConsultationRow> {
  const row = await findConsultation(c.var.db, id)
  if (!row || !row.layer_public) throw problems.notFound('consultation', String(id))
  return row
}

const unprocessable = (detail: string, field: string, message: string) => new HttpProblem('invalid-input', 422, detail, [{ field, message }])

/** Where the public reads a consultation's comments. */
/** The consultation's page in the web app, where comments and answers are read. */
const commentsUrl = (baseUrl: string, id: number) => `${baseUrl}/planning/consultations/${id}`

/** Consultations on planning layers: the window, residents' comments, the council's answers, moderation and the protocol. */
export const consultationRoutes = new Hono<AppEnv>()
  .post('/', allow('layers:manage'), zv('json', createConsultationRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const body = c.req.valid('json')
    const [starts, ends] = [Date.parse(body.starts_at), Date.parse(body.ends_at)]
    if (ends <= starts) throw unprocessable('The consultation must end after it starts', 'body.ends_at', 'must be after starts_at')
    if (ends - starts > MAX_CONSULTATION_DAYS * DAY_MS) throw unprocessable(`A consultation lasts at most ${MAX_CONSULTATION_DAYS} days`, 'body.ends_at', `must be within ${MAX_CONSULTATION_DAYS} days of starts_at`)
    const layer = await findConsultationLayer(c.var.db, body.layer)
    if (!layer) throw problems.notFound('layer', body.layer)
    refuseOtherOrganisationsLayer(user, layer)
    if (layer.status !== 'consultation') throw unprocessable(`The layer ${layer.id} is ${layer.status}: set its status to consultation first`, 'body.layer', 'must be in the consultation status')
    if (layer.feature_count === 0) throw unprocessable(`The layer ${layer.id} has no features to comment on`, 'body.layer', 'must have features')
    const id = await c.var.db.transaction().execute(async (trx) => {
      const created = await insertConsultation(trx, { layerId: layer.id, title: body.title, description: body.description, startsAt: body.starts_at, endsAt: body.ends_at, createdBy: user.id })
      const changes: AuditChanges = { layer: [null, layer.id], revision: [null, layer.revision], starts_at: [null, body.starts_at], ends_at: [null, body.ends_at], title: [null, body.title] }
      await writeAudit(trx, { actor: actorOf(user), action: 'create', objectType: 'consultation', objectId: created, changes })
      return created
    })
    // One that is open already is announced now to those who follow its area; a later one by the service's round when it opens.
    const announced = await announceOpenedConsultations(c.var.db, c.var.baseUrl).catch((err: Error) => {
      c.var.log('announcing an opened consultation failed; the next round tries again', { level: 'warn', error: err.message })
      return 0
    })
    if (announced > 0) c.var.appeals.mailQueued()
    c.header('Location', `${c.var.baseUrl}/api/consultations/${id}`)
    return c.json(contractBody(Consultation, toConsultation((await findConsultation(c.var.db, id))!, c.var.baseUrl)), 201)
  })
  .get('/', zv('query', listConsultationsRoute.request.query), async (c) => {
    const rows = await listPublicConsultations(c.var.db, c.req.valid('query').city)
    return c.json(contractBody(Consultation.array(), rows.map((r) => toConsultation(r, c.var.baseUrl))))
  })
  .get('/:id', zv('param', getConsultationRoute.request.params), async (c) => {
    const row = await publicConsultation(c, c.req.valid('param').id)
    return c.json(contractBody(Consultation, toConsultation(row, c.var.baseUrl)))
  })
  .post('/:id/comments', allow('account'), zv('param', createCommentRoute.request.params), zv('json', createCommentRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const commentId = await submitComment(c.var.db, { consultationId: id, author: user, text: body.text, geometry: body.geometry, featureId: body.feature_id, pageUrl: commentsUrl(c.var.baseUrl, id) })
    // The receipt is queued with the comment; this only wakes the mail worker, which keeps it when mail is not configured.
    c.var.appeals.mailQueued()
    const comment = (await findComment(c.var.db, id, commentId))!
    return c.json(contractBody(CommentReceipt, { ...toPublicComment(comment, c.var.baseUrl), consultation: id }), 201)
  })
  .get('/:id/comments', zv('param', listCommentsRoute.request.params), async (c) => {
    const row = await publicConsultation(c, c.req.valid('param').id)
    const comments = (await listComments(c.var.db, row.id)).filter((r) => r.hidden_at === null)
    return c.json(contractBody(ConsultationComment.array(), comments.map((r) => toPublicComment(r, c.var.baseUrl))))
  })
  .post('/:id/comments/:cid/answer', allow('layers:manage'), zv('param', answerCommentRoute.request.params), zv('json', answerCommentRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id, cid } = c.req.valid('param')
    const body = c.req.valid('json')
    if (body.outcome !== 'accepted' && body.text === '') throw unprocessable(`A ${body.outcome} answer needs a reason`, 'body.text', 'must give the reason')
    // A publisher answers on their own organisation's plans only.
    const consultation = await findConsultation(c.var.db, id)
    const layer = consultation && (await findConsultationLayer(c.var.db, consultation.layer_id))
    if (layer) refuseOtherOrganisationsLayer(user, layer)
    await c.var.db.transaction().execute(async (trx) => {
      const comment = await lockComment(trx, id, cid)
      if (!comment) throw problems.notFound('comment', `${id}/${cid}`)
      await answerComment(trx, cid, { outcome: body.outcome, text: body.text, userId: user.id })
      await writeAudit(trx, {
        actor: actorOf(user),
        action: 'answer',
        objectType: 'consultation',
        objectId: id,
        changes: { [`${comment.receipt}.outcome`]: [comment.answer_outcome, body.outcome], [`${comment.receipt}.answer`]: [comment.answer_text, body.text] },
      })
    })
    const comment = (await findComment(c.var.db, id, cid))!
    return c.json(contractBody(ConsultationComment, toPublicComment(comment, c.var.baseUrl)))
  })
  .post('/:id/comments/:cid/hide', allow('appeals:triage'), zv('param', hideCommentRoute.request.params), zv('json', hideCommentRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id, cid } = c.req.valid('param')
    const { reason } = c.req.valid('json')
    await c.var.db.transaction().execute(async (trx) => {
      const comment = await lockComment(trx, id, cid)
      if (!comment) throw problems.notFound('comment', `${id}/${cid}`)
      if (comment.hidden_at !== null) throw new HttpProblem('conflict', 409, `The comment ${comment.receipt} is already hidden`)
      await hideComment(trx, cid, { reason, userId: user.id })
      await writeAudit(trx, { actor: actorOf(user), action: 'hide', objectType: 'consultation', objectId: id, changes: { [`${comment.receipt}.hidden`]: [null, reason] } })
      if (comment.author_email) {
        const consultation = (await findConsultation(trx, id))!
        await enqueueMail(trx, commentHiddenMail({ to: comment.author_email, receipt: comment.receipt, consultation: consultation.title, pageUrl: commentsUrl(c.var.baseUrl, id), reason }))
      }
    })
    c.var.appeals.mailQueued()
    return c.body(null, 204)
  })
  .post('/:id/comments/:cid/photo', zv('param', addCommentPhotoRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, cid } = c.req.valid('param')
    const consultation = await publicConsultation(c, id)
    const comment = await findComment(c.var.db, id, cid)
    if (!comment || comment.hidden_at !== null) throw problems.notFound('comment', `${id}/${cid}`)
    if (comment.author_id !== user.id) throw new HttpProblem('forbidden', 403, `The comment ${comment.receipt} is not yours: only its author adds a photo`)
    if (consultation.status !== 'open') throw new HttpProblem('conflict', 409, 'The consultation is not taking comments now, nor photos to them')
    if (comment.photo_key !== null) throw new HttpProblem('conflict', 409, `The comment ${comment.receipt} has its photo already`)
    if (!isMultipart(c.req.header('Content-Type'))) throw new HttpProblem('unsupported-media-type', 415, 'Send the photo as multipart/form-data under "photo"')
    const file = (await c.req.formData()).get('photo')
    if (!(file instanceof File)) throw problems.invalid('Invalid body: photo', [{ field: 'body.photo', message: 'attach the photo under "photo"' }])
    const processed = await processPhoto(new Uint8Array(await file.arrayBuffer()), 'the photo').catch((err: unknown) => {
      throw err instanceof PhotoRejected ? unprocessable(err.message, 'body.photo', err.message) : err
    })
    // Staged, written with the comment's row, and promoted only after the commit (as an appeal's photos are).
    const { store } = c.var.appeals
    const key = await store.stage(processed)
    try {
      const attached = await c.var.db.transaction().execute((trx) => setCommentPhoto(trx, cid, key))
      if (!attached) throw new HttpProblem('conflict', 409, `The comment ${comment.receipt} has its photo already`)
    } catch (err) {
      await discardStaged(store, [key], err)
      throw err
    }
    await promoteCommitted(store, [key])
    return c.json(contractBody(ConsultationComment, toPublicComment((await findComment(c.var.db, id, cid))!, c.var.baseUrl)))
  })
  .get('/:id/comments/:cid/photo', zv('param', commentPhotoRoute.request.params), zv('query', commentPhotoRoute.request.query), async (c) => {
    const { id, cid } = c.req.valid('param')
    await publicConsultation(c, id)
    const comment = await findComment(c.var.db, id, cid)
    // A hidden comment's photo goes with it.
    if (!comment || comment.hidden_at !== null || comment.photo_key === null) throw problems.notFound('photo', `${id}/${cid}`)
    const bytes = await c.var.appeals.store.read(comment.photo_key, c.req.valid('query').size)
    if (!bytes) throw problems.notFound('photo', `${id}/${cid}`)
    return photoResponse(c, bytes, 'public, max-age=86400')
  })
  .get('/:id/protocol.csv', zv('param', protocolCsvRoute.request.params), async (c) => {
    const row = await publicConsultation(c, c.req.valid('param').id)
    const csv = protocolCsv(toConsultation(row, c.var.baseUrl), await listComments(c.var.db, row.id))
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="consultation-${row.id}-protocol.csv"` })
  })
  .get('/:id/protocol.geojson', zv('param', protocolGeoJsonRoute.request.params), async (c) => {
    const row = await publicConsultation(c, c.req.valid('param').id)
    const doc = protocolGeoJson(toConsultation(row, c.var.baseUrl), await listComments(c.var.db, row.id))
    return c.json(contractBody(ProtocolGeoJson, doc), 200, { 'Content-Type': 'application/geo+json; charset=utf-8', 'Content-Disposition': `attachment; filename="consultation-${row.id}-protocol.geojson"` })
  })
  .get('/:id/protocol.pdf', zv('param', protocolPdfRoute.request.params), async (c) => {
    const row = await publicConsultation(c, c.req.valid('param').id)
    const pdf = await protocolPdf(toConsultation(row, c.var.baseUrl), await listComments(c.var.db, row.id))
    return c.body(new Uint8Array(pdf), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="consultation-${row.id}-protocol.pdf"` })
  })
