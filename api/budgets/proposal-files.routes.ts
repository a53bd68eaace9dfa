import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { Hono } from 'hono'
import { formOf, keepFormPhoto, photoResponse, textField } from '../appeals/index.ts'
import { actorOf, writeAudit } from '../audit/index.ts'
import {
  addImplementationPhotoRoute,
  addProposalDocumentRoute,
  addProposalPhotoRoute,
  BudgetProposal,
  MAX_PROPOSAL_DOCUMENTS,
  MAX_PROPOSAL_PHOTOS,
  proposalDocumentRoute,
  proposalPhotoRoute,
} from '../contract/index.ts'
import { inlineDisposition, keepPdf } from '../documents/index.ts'
import { type AppEnv, contractBody, HttpProblem, problems, zv } from '../http/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { visibleTo, writtenBy } from './authorship.ts'
import { implementationMail } from './budget-mail.ts'
import { toProposal } from './budget.dto.ts'
import { followerEmails } from './implementation.queries.ts'
import { countDocuments, countPhotos, findDocument, findPhotoKey, insertDocument, insertPhoto } from './proposal-files.queries.ts'
import { findProposal, lockProposal, type ProposalRow } from './proposal.queries.ts'
import { proposalPageUrl } from './proposal.routes.ts'

/** A proposal its author may still add files to (a draft, or submitted and not yet reviewed), locked. */
async function authorsOpenProposal(trx: Parameters<typeof lockProposal>[0], editionId: number, id: number, userId: number): Promise<ProposalRow> {
  const row = writtenBy(await lockProposal(trx, editionId, id), userId, `${editionId}/${id}`, 'add files to a proposal')
  if (row.status !== 'draft' && row.status !== 'submitted') throw new HttpProblem('conflict', 409, 'A reviewed proposal no longer takes files')
  return row
}

/** Photos and PDFs of proposals, and photos of the winners' construction. */
export const proposalFileRoutes = new Hono<AppEnv>()
  .post('/:id/proposals/:pid/photos', allow('account'), zv('param', addProposalPhotoRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    await keepFormPhoto(c, (key, caption) =>
      c.var.db.transaction().execute(async (trx) => {
        await authorsOpenProposal(trx, id, pid, user.id)
        if ((await countPhotos(trx, pid, 'proposal')) >= MAX_PROPOSAL_PHOTOS) throw new HttpProblem('conflict', 409, `A proposal has at most ${MAX_PROPOSAL_PHOTOS} photos`)
        await insertPhoto(trx, { proposalId: pid, stage: 'proposal', key, caption, userId: user.id })
      }),
    )
    return c.json(contractBody(BudgetProposal, toProposal((await findProposal(c.var.db, id, pid, user.id))!, user.id, c.var.baseUrl)), 201)
  })
  .post('/:id/proposals/:pid/implementation/photos', allow('budgets:manage'), zv('param', addImplementationPhotoRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    await keepFormPhoto(c, (key, caption) =>
      c.var.db.transaction().execute(async (trx) => {
        const row = await lockProposal(trx, id, pid)
        if (!row) throw problems.notFound('proposal', `${id}/${pid}`)
        if (!row.implementation) throw new HttpProblem('conflict', 409, 'Only a winning project is tracked as it is built')
        if ((await countPhotos(trx, pid, 'implementation')) >= MAX_PROPOSAL_PHOTOS) throw new HttpProblem('conflict', 409, `A project's construction has at most ${MAX_PROPOSAL_PHOTOS} photos`)
        await insertPhoto(trx, { proposalId: pid, stage: 'implementation', key, caption, userId: user.id })
        await writeAudit(trx, { actor: actorOf(user), action: 'implementation-photo', objectType: 'budget-proposal', objectId: pid, changes: { photo: [null, caption || key] } })
        for (const to of await followerEmails(trx, pid)) {
          await enqueueMail(trx, implementationMail({ to, title: row.title, change: `Нове фото / New photo${caption ? `: ${caption}` : ''}`, pageUrl: proposalPageUrl(c.var.baseUrl, id, pid) }))
        }
      }),
    )
    c.var.appeals.mailQueued()
    return c.json(contractBody(BudgetProposal, toProposal((await findProposal(c.var.db, id, pid, user.id))!, user.id, c.var.baseUrl)), 201)
  })
  .get('/:id/proposals/:pid/photos/:photo', zv('param', proposalPhotoRoute.request.params), zv('query', proposalPhotoRoute.request.query), async (c) => {
    const { id, pid, photo } = c.req.valid('param')
    const row = await findProposal(c.var.db, id, pid)
    const visible = row && visibleTo(row, c.var.user?.id)
    const key = visible ? await findPhotoKey(c.var.db, pid, photo) : undefined
    const bytes = key && (await c.var.appeals.store.read(key, c.req.valid('query').size))
    if (!bytes) throw problems.notFound('photo', `${id}/${pid}/${photo}`)
    return photoResponse(c, bytes, row!.status === 'draft' ? 'private, no-store' : 'public, max-age=86400')
  })
  .post('/:id/proposals/:pid/documents', allow('account'), zv('param', addProposalDocumentRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    const { maxBytes } = c.var.documents
    const form = await formOf(c, 'document', 'file')
    const file = form.get('file')
    if (!(file instanceof File)) throw problems.invalid('Invalid body: file', [{ field: 'body.file', message: 'attach the PDF under "file"' }])
    const title = textField(form, 'title', 200)
    if (title === '') throw problems.invalid('Invalid body: title', [{ field: 'body.title', message: 'must say what the document is' }])
    if (file.size > maxBytes) throw new HttpProblem('payload-too-large', 413, `The document is larger than the limit of ${Math.round(maxBytes / 1024 / 1024)} MB`)
    await keepPdf(c, file, async (trx, pdf) => {
      await authorsOpenProposal(trx, id, pid, user.id)
      if ((await countDocuments(trx, pid)) >= MAX_PROPOSAL_DOCUMENTS) throw new HttpProblem('conflict', 409, `A proposal has at most ${MAX_PROPOSAL_DOCUMENTS} documents`)
      await insertDocument(trx, { id: pdf.id, proposalId: pid, title, fileName: pdf.fileName, bytes: pdf.bytes, pages: pdf.pages, sha256: pdf.sha256, userId: user.id })
    })
    return c.json(contractBody(BudgetProposal, toProposal((await findProposal(c.var.db, id, pid, user.id))!, user.id, c.var.baseUrl)), 201)
  })
  .get('/:id/proposals/:pid/documents/:doc', zv('param', proposalDocumentRoute.request.params), async (c) => {
    const { id, pid, doc } = c.req.valid('param')
    const row = await findProposal(c.var.db, id, pid)
    const visible = row && visibleTo(row, c.var.user?.id)
    const found = visible ? await findDocument(c.var.db, pid, doc) : undefined
    const file = found && (await c.var.documents.store.find(found.id))
    if (!found || !file) throw problems.notFound('document', doc)
    const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>
    return c.body(body, 200, {
      'Content-Type': 'application/pdf',
      'Content-Length': String(file.bytes),
      'Content-Disposition': inlineDisposition(found.file_name),
      ETag: `"${found.sha256}"`,
      'Cache-Control': row!.status === 'draft' ? 'private, no-store' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    })
  })
