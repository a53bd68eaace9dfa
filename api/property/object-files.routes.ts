import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { Hono } from 'hono'
import { formOf, keepFormPhoto, photoResponse, textField } from '../appeals/index.ts'
import { actorOf, writeAudit } from '../audit/index.ts'
import {
  addInvestmentPhotoRoute,
  addPropertyDocumentRoute,
  addPropertyPhotoRoute,
  investmentPhotoRoute,
  InvestmentObject,
  MAX_OBJECT_FILES,
  PropertyObject,
  propertyDocumentRoute,
  propertyPhotoRoute,
} from '../contract/index.ts'
import { inlineDisposition, keepPdf } from '../documents/index.ts'
import { type AppEnv, contractBody, HttpProblem, problems, zv } from '../http/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { findInvestmentObject, surroundingsOf } from './investment.queries.ts'
import {
  countObjectPhotos,
  countPropertyDocuments,
  findInvestmentPhotoKey,
  findPropertyDocument,
  findPropertyPhotoKey,
  insertObjectPhoto,
  insertPropertyDocument,
  lockOffer,
  lockPropertyLine,
} from './object-files.queries.ts'
import { toInvestmentObject, toPropertyObject } from './property.dto.ts'
import { findPropertyObject } from './property.queries.ts'

/** Photos of register lines and offers, PDFs of register lines: added by the property manager, read by anyone. */
export const objectFileRoutes = new Hono<AppEnv>()
  .post('/property/:id/photos', allow('property:manage'), zv('param', addPropertyPhotoRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    await keepFormPhoto(c, (key, caption, _form, size) =>
      c.var.db.transaction().execute(async (trx) => {
        if (!(await lockPropertyLine(trx, id))) throw problems.notFound('property object', String(id))
        if ((await countObjectPhotos(trx, { property_id: id })) >= MAX_OBJECT_FILES) throw new HttpProblem('conflict', 409, `A register line has at most ${MAX_OBJECT_FILES} photos`)
        await insertObjectPhoto(trx, { property_id: id }, { key, caption, userId: user.id, ...size })
        await writeAudit(trx, { actor: actorOf(user), action: 'photo', objectType: 'property', objectId: id, changes: { photo: [null, caption || key] } })
      }),
    )
    return c.json(contractBody(PropertyObject, toPropertyObject((await findPropertyObject(c.var.db, id))!, c.var.baseUrl)), 201)
  })
  .get('/property/:id/photos/:file', zv('param', propertyPhotoRoute.request.params), zv('query', propertyPhotoRoute.request.query), async (c) => {
    const { id, file } = c.req.valid('param')
    const key = await findPropertyPhotoKey(c.var.db, id, file)
    const bytes = key && (await c.var.appeals.store.read(key, c.req.valid('query').size))
    if (!bytes) throw problems.notFound('photo', `${id}/${file}`)
    return photoResponse(c, bytes, 'public, max-age=86400')
  })
  .post('/property/:id/documents', allow('property:manage'), zv('param', addPropertyDocumentRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const { maxBytes } = c.var.documents
    const form = await formOf(c, 'document', 'file')
    const file = form.get('file')
    if (!(file instanceof File)) throw problems.invalid('Invalid body: file', [{ field: 'body.file', message: 'attach the PDF under "file"' }])
    const title = textField(form, 'title', 200)
    if (title === '') throw problems.invalid('Invalid body: title', [{ field: 'body.title', message: 'must say what the document is' }])
    if (file.size > maxBytes) throw new HttpProblem('payload-too-large', 413, `The document is larger than the limit of ${Math.round(maxBytes / 1024 / 1024)} MB`)
    await keepPdf(c, file, async (trx, pdf) => {
      if (!(await lockPropertyLine(trx, id))) throw problems.notFound('property object', String(id))
      if ((await countPropertyDocuments(trx, id)) >= MAX_OBJECT_FILES) throw new HttpProblem('conflict', 409, `A register line has at most ${MAX_OBJECT_FILES} documents`)
      await insertPropertyDocument(trx, { id: pdf.id, propertyId: id, title, fileName: pdf.fileName, bytes: pdf.bytes, pages: pdf.pages, sha256: pdf.sha256, userId: user.id })
      await writeAudit(trx, { actor: actorOf(user), action: 'document', objectType: 'property', objectId: id, changes: { document: [null, title] } })
    })
    return c.json(contractBody(PropertyObject, toPropertyObject((await findPropertyObject(c.var.db, id))!, c.var.baseUrl)), 201)
  })
  .get('/property/:id/documents/:file', zv('param', propertyDocumentRoute.request.params), async (c) => {
    const { id, file: docId } = c.req.valid('param')
    const found = await findPropertyDocument(c.var.db, id, docId)
    const file = found && (await c.var.documents.store.find(found.id))
    if (!found || !file) throw problems.notFound('document', docId)
    return c.body(Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Length': String(file.bytes),
      'Content-Disposition': inlineDisposition(found.file_name),
      ETag: `"${found.sha256}"`,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    })
  })
  .post('/investment/objects/:id/photos', allow('property:manage'), zv('param', addInvestmentPhotoRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    await keepFormPhoto(c, (key, caption, _form, size) =>
      c.var.db.transaction().execute(async (trx) => {
        if (!(await lockOffer(trx, id))) throw problems.notFound('investment object', String(id))
        if ((await countObjectPhotos(trx, { investment_id: id })) >= MAX_OBJECT_FILES) throw new HttpProblem('conflict', 409, `An offer has at most ${MAX_OBJECT_FILES} photos`)
        await insertObjectPhoto(trx, { investment_id: id }, { key, caption, userId: user.id, ...size })
        await writeAudit(trx, { actor: actorOf(user), action: 'photo', objectType: 'investment-object', objectId: id, changes: { photo: [null, caption || key] } })
      }),
    )
    const row = (await findInvestmentObject(c.var.db, id, true))!
    return c.json(contractBody(InvestmentObject, toInvestmentObject(row, c.var.baseUrl, (await surroundingsOf(c.var.db, [id])).get(id)!)), 201)
  })
  .get('/investment/objects/:id/photos/:file', zv('param', investmentPhotoRoute.request.params), zv('query', investmentPhotoRoute.request.query), async (c) => {
    const { id, file } = c.req.valid('param')
    const key = await findInvestmentPhotoKey(c.var.db, id, file)
    const bytes = key && (await c.var.appeals.store.read(key, c.req.valid('query').size))
    if (!bytes) throw problems.notFound('photo', `${id}/${file}`)
    return photoResponse(c, bytes, 'public, max-age=86400')
  })
