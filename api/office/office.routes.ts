import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { etag } from 'hono/etag'
import { type AppealAction, applyAppealAction, MAX_PHOTO_BYTES, MAX_PHOTOS, photoResponse } from '../appeals/index.ts'
import { actorOf } from '../audit/index.ts'
import type { SessionUser } from '../http/index.ts'
import {
  addAppealNoteRoute,
  addWorkPhotosRoute,
  extendAppealRoute,
  getOfficeAppealPhotoRoute,
  getOfficeAppealRoute,
  listOfficeAppealsRoute,
  listOrganisationOptionsRoute,
  listStaffRoute,
  mergeAppealRoute,
  OfficeAppeal,
  OfficeAppealMovedOut,
  OfficeAppealPage,
  OrganisationOptionList,
  reassignAppealRoute,
  recategoriseAppealRoute,
  redactAppealRoute,
  registerAppealRoute,
  rejectAppealRoute,
  routeAppealRoute,
  setAppealStatusRoute,
  StaffList,
  takeAppealRoute,
} from '../contract/index.ts'
import { type AppEnv, contractBody, HttpProblem, numberedPageLinks, problems, zv } from '../http/index.ts'
import { actsFor, allow, signedIn } from '../permissions/index.ts'
import { addNote, addWorkPhotos, recategorise, redact, setExecutor, type ChangeContext } from './appeal-changes.ts'
import { allowedActions, refuseOtherOrganisation, seesAllOrganisations } from './office-access.ts'
import { extensionDueAt, findAppealOwnership, findAppealPhotoKey, findOfficeAppeal, listOfficeAppeals, listOrganisations, listOrganisationStaff } from './office.queries.ts'

async function appealDetail(c: Context<AppEnv>, number: string, user: SessionUser) {
  const appeal = await findOfficeAppeal(c.var.db, number)
  if (!appeal) throw problems.notFound('appeal', number)
  refuseOtherOrganisation(user)({ organisation_id: appeal.organisation?.id ?? null })
  const photoBase = `${c.var.baseUrl}/api/office/appeals/${number}/photos`
  c.header('Cache-Control', 'private, no-store')
  return c.json(
    contractBody(OfficeAppeal, {
      ...appeal,
      photos: appeal.photos.map((p) => ({ ...p, url: `${photoBase}/${p.id}.jpg`, thumbnail_url: `${photoBase}/${p.id}.thumb.jpg` })),
      allowed_actions: allowedActions(user, { organisation_id: appeal.organisation?.id ?? null, status: appeal.status, executor_id: appeal.executor?.id ?? null, extended: appeal.extended }),
    }),
  )
}

function changeContext(user: SessionUser): ChangeContext {
  return { actor: actorOf(user), userId: user.id, organisationId: user.organisation, guard: refuseOtherOrganisation(user) }
}

type ActOptions = { response?: string | null; executorId?: number | null; eventKind?: 'taken' }

/** Runs a lifecycle action as the signed-in staff member. */
async function applyAs(c: Context<AppEnv>, number: string, action: AppealAction, options: ActOptions = {}): Promise<void> {
  const user = signedIn(c.var.user)
  await applyAppealAction(c.var.db, number, action, {
    actor: actorOf(user),
    organisationId: action.kind === 'assign' ? action.organisationId : user.organisation,
    response: options.response ?? null,
    baseUrl: c.var.baseUrl,
    guard: refuseOtherOrganisation(user),
    executorId: options.executorId,
    eventKind: options.eventKind,
  })
  c.var.appeals.mailQueued()
}

/** Runs a lifecycle action and answers with the updated appeal. */
async function act(c: Context<AppEnv>, number: string, action: AppealAction, options: ActOptions = {}) {
  await applyAs(c, number, action, options)
  return appealDetail(c, number, signedIn(c.var.user))
}

const photoLimit = bodyLimit({
  maxSize: MAX_PHOTOS * MAX_PHOTO_BYTES + 256 * 1024,
  onError: () => {
    throw new HttpProblem('payload-too-large', 413, `At most ${MAX_PHOTOS} photos of ${MAX_PHOTO_BYTES / 1048576} MB`)
  },
})

async function readPhotos(c: Context<AppEnv>): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  if (!(c.req.header('Content-Type') ?? '').startsWith('multipart/form-data')) {
    throw new HttpProblem('unsupported-media-type', 415, 'Send the photos as multipart/form-data in the field "photos"')
  }
  let form
  try {
    form = await c.req.parseBody({ all: true })
  } catch {
    throw problems.invalid('The multipart body could not be read')
  }
  const unknown = Object.keys(form).filter((k) => k !== 'photos' && k !== 'photos[]')
  if (unknown.length) throw problems.invalid(`Unknown fields: ${unknown.join(', ')}`, unknown.map((k) => ({ field: `body.${k}`, message: 'unknown field' })))
  const values = [form.photos ?? [], form['photos[]'] ?? []].flat()
  const files = values.filter((v): v is File => typeof v !== 'string')
  if (files.length !== values.length) throw problems.invalid('"photos" must hold files', [{ field: 'body.photos', message: 'must be files' }])
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })))
}

/**
 * The back office's appeals: work lists, the staff view of an appeal, and every step of
 * triage and work. Each route names its one permission first; the organisation check of an
 * appeal runs with its row locked; each route as its contract in `api/contract/office.ts` says.
 */
export const officeRoutes = new Hono<AppEnv>()
  .get('/appeals', allow('appeals:read'), zv('query', listOfficeAppealsRoute.request.query), async (c) => {
    const user = signedIn(c.var.user)
    c.header('Cache-Control', 'private, no-store')
    const query = c.req.valid('query')
    const page = await listOfficeAppeals(c.var.db, query, user)
    numberedPageLinks(c, query.page, query.limit, page.total)
    return c.json(contractBody(OfficeAppealPage, page))
  })
  .get('/appeals/:number', allow('appeals:read'), zv('param', getOfficeAppealRoute.request.params), async (c) => {
    return appealDetail(c, c.req.valid('param').number, signedIn(c.var.user))
  })
  .get('/appeals/:number/photos/:file', allow('appeals:read'), etag(), zv('param', getOfficeAppealPhotoRoute.request.params), async (c) => {
    const { number, file } = c.req.valid('param')
    const appeal = await findAppealOwnership(c.var.db, number)
    if (!appeal) throw problems.notFound('appeal', number)
    refuseOtherOrganisation(signedIn(c.var.user))(appeal)
    const storageKey = await findAppealPhotoKey(c.var.db, appeal.id, Number.parseInt(file, 10))
    const bytes = storageKey && (await c.var.appeals.store.read(storageKey, file.includes('.thumb') ? 'thumb' : 'full'))
    if (!bytes) throw problems.notFound('photo', `${number}/${file}`)
    return photoResponse(c, bytes, 'private, no-store')
  })
  // Triage.
  .post('/appeals/:number/register', allow('appeals:triage'), zv('param', registerAppealRoute.request.params), zv('json', registerAppealRoute.request.body.json), (c) =>
    act(c, c.req.valid('param').number, { kind: 'register' }),
  )
  .post('/appeals/:number/route', allow('appeals:triage'), zv('param', routeAppealRoute.request.params), zv('json', routeAppealRoute.request.body.json), (c) =>
    act(c, c.req.valid('param').number, { kind: 'assign', organisationId: c.req.valid('json').organisation }),
  )
  .post('/appeals/:number/recategorise', allow('appeals:triage'), zv('param', recategoriseAppealRoute.request.params), zv('json', recategoriseAppealRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    await recategorise(c.var.db, number, c.req.valid('json').category, changeContext(user))
    return appealDetail(c, number, user)
  })
  .post('/appeals/:number/merge', allow('appeals:triage'), zv('param', mergeAppealRoute.request.params), zv('json', mergeAppealRoute.request.body.json), async (c) => {
    const { number } = c.req.valid('param')
    const original = await findAppealOwnership(c.var.db, c.req.valid('json').duplicate_of)
    if (!original) throw problems.invalid(`No appeal ${c.req.valid('json').duplicate_of}`, [{ field: 'body.duplicate_of', message: 'unknown appeal' }])
    return act(c, number, { kind: 'mark-duplicate', duplicateOf: original.id }, { response: `Duplicate of ${original.number}` })
  })
  .post('/appeals/:number/reject', allow('appeals:triage'), zv('param', rejectAppealRoute.request.params), zv('json', rejectAppealRoute.request.body.json), (c) => {
    const { reason, response } = c.req.valid('json')
    return act(c, c.req.valid('param').number, { kind: 'reject', reason }, { response: response ?? null })
  })
  .post('/appeals/:number/redact', allow('appeals:triage'), zv('param', redactAppealRoute.request.params), zv('json', redactAppealRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    await redact(c.var.db, c.var.appeals.store, number, c.req.valid('json'), { ...changeContext(user), log: c.var.log })
    return appealDetail(c, number, user)
  })
  // The organisation's work.
  .post('/appeals/:number/take', allow('appeals:work'), zv('param', takeAppealRoute.request.params), zv('json', takeAppealRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    const appeal = await findAppealOwnership(c.var.db, number)
    if (!appeal) throw problems.notFound('appeal', number)
    if (appeal.status === 'assigned') return act(c, number, { kind: 'start' }, { executorId: user.id, eventKind: 'taken' })
    if (appeal.status !== 'in_progress' && appeal.status !== 'extended') {
      throw new HttpProblem('conflict', 409, `An appeal in status "${appeal.status}" cannot be taken; it must be routed to an organisation first`)
    }
    await setExecutor(c.var.db, number, user.id, changeContext(user))
    return appealDetail(c, number, user)
  })
  .post('/appeals/:number/status', allow('appeals:work'), zv('param', setAppealStatusRoute.request.params), zv('json', setAppealStatusRoute.request.body.json), (c) => {
    const { status, response } = c.req.valid('json')
    return act(c, c.req.valid('param').number, { kind: status === 'resolved' ? 'resolve' : 'start' }, { response: response ?? null })
  })
  .post('/appeals/:number/extend', allow('appeals:work'), zv('param', extendAppealRoute.request.params), zv('json', extendAppealRoute.request.body.json), async (c) => {
    const { number } = c.req.valid('param')
    const { due_at, reason } = c.req.valid('json')
    const dueAt = await extensionDueAt(c.var.db, number, due_at)
    if (!dueAt) throw problems.notFound('appeal', number)
    return act(c, number, { kind: 'extend', dueAt, reason })
  })
  .post('/appeals/:number/notes', allow('appeals:read'), zv('param', addAppealNoteRoute.request.params), zv('json', addAppealNoteRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    await addNote(c.var.db, number, c.req.valid('json').body, changeContext(user))
    return appealDetail(c, number, user)
  })
  .post('/appeals/:number/work-photos', allow('appeals:work'), photoLimit, zv('param', addWorkPhotosRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    await addWorkPhotos(c.var.db, c.var.appeals.store, number, await readPhotos(c), { ...changeContext(user), log: c.var.log })
    return appealDetail(c, number, user)
  })
  // Heads of organisations.
  .post('/appeals/:number/reassign', allow('appeals:manage'), zv('param', reassignAppealRoute.request.params), zv('json', reassignAppealRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    const { organisation, executor } = c.req.valid('json')
    if (organisation !== undefined) await applyAs(c, number, { kind: 'assign', organisationId: organisation })
    if (organisation !== undefined && !actsFor(user, organisation)) {
      // Moved to another organisation: its head, not this one, picks the executor, and the
      // appeal leaves this head's view.
      const moved = await findAppealOwnership(c.var.db, number)
      if (!moved) throw problems.notFound('appeal', number)
      return c.json(contractBody(OfficeAppealMovedOut, { number, status: moved.status, organisation: { id: organisation }, executor: null, moved_out: true }))
    }
    if (executor !== undefined) await setExecutor(c.var.db, number, executor, changeContext(user))
    return appealDetail(c, number, user)
  })
  .get('/staff', allow('appeals:manage'), zv('query', listStaffRoute.request.query), async (c) => {
    const user = signedIn(c.var.user)
    const organisation = c.req.valid('query').organisation ?? user.organisation
    if (!organisation) throw problems.invalid('Name the organisation', [{ field: 'query.organisation', message: 'is required' }])
    if (!actsFor(user, organisation) || (!seesAllOrganisations(user) && organisation !== user.organisation)) {
      throw new HttpProblem('forbidden', 403, 'You can list the staff of your own organisation only')
    }
    const items = await listOrganisationStaff(c.var.db, organisation)
    c.header('Cache-Control', 'private, no-store')
    return c.json(contractBody(StaffList, { items }))
  })
  .get('/organisations', allow('appeals:read'), zv('query', listOrganisationOptionsRoute.request.query), async (c) => {
    return c.json(contractBody(OrganisationOptionList, { items: await listOrganisations(c.var.db, c.req.valid('query').city) }))
  })
