import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { etag } from 'hono/etag'
import { sql } from 'kysely'
import type { AppEnv } from '../app-env.ts'
import { allowedFrom, MAX_TERM_DAYS, OPEN_STATUSES, type AppealAction, type AppealStatus } from '../appeals/appeal-lifecycle.ts'
import { applyAppealAction } from '../appeals/appeal-status.ts'
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '../appeals/photo-processing.ts'
import { photoResponse } from '../appeals/photo-response.ts'
import { actorOf } from '../audit/audit-log.ts'
import { actsFor, allow, can, signedIn } from '../auth/permissions.ts'
import type { SessionUser } from '../auth/session.ts'
import { HttpProblem, problems } from '../problems.ts'
import { zv } from '../validation.ts'
import { addNote, addWorkPhotos, recategorise, redact, setExecutor, type ChangeContext } from './appeal-changes.ts'
import { findAppealOwnership, findOfficeAppeal, listOfficeAppeals, seesAllOrganisations } from './office.queries.ts'
import {
  EmptyBody,
  ExtendBody,
  MergeBody,
  NoteBody,
  OfficeAppealParams,
  OfficeListQuery,
  OfficePhotoParams,
  OrganisationQuery,
  ReassignBody,
  RecategoriseBody,
  RedactBody,
  RejectBody,
  RouteBody,
  StaffQuery,
  StatusBody,
} from './office.schemas.ts'

function refuseOtherOrganisation(user: SessionUser) {
  return (appeal: { organisation_id: string | null }) => {
    if (!actsFor(user, appeal.organisation_id)) throw new HttpProblem('forbidden', 403, 'This appeal belongs to another organisation')
  }
}

interface ActionFacts {
  organisation_id: string | null
  status: AppealStatus
  executor_id: number | null
  extended: boolean
}

/** What the user may do to an appeal now, for the work page to offer only those. */
function allowedActions(user: SessionUser, appeal: ActionFacts): string[] {
  const open = OPEN_STATUSES.includes(appeal.status)
  const actions: string[] = []
  if (can(user, 'appeals:triage')) {
    if (allowedFrom('register', appeal.status)) actions.push('register')
    if (open) actions.push('route', 'recategorise')
    if (allowedFrom('mark-duplicate', appeal.status)) actions.push('merge')
    if (allowedFrom('reject', appeal.status)) actions.push('reject')
    actions.push('redact')
  }
  const ownOrganisation = actsFor(user, appeal.organisation_id)
  if (can(user, 'appeals:work') && ownOrganisation) {
    const takeable = appeal.status === 'assigned' || ((appeal.status === 'in_progress' || appeal.status === 'extended') && appeal.executor_id !== user.id)
    if (takeable) actions.push('take')
    if (allowedFrom('resolve', appeal.status)) actions.push('status')
    if (allowedFrom('extend', appeal.status) && !appeal.extended) actions.push('extend')
    if (['in_progress', 'extended', 'resolved'].includes(appeal.status)) actions.push('work-photos')
  }
  if (ownOrganisation) actions.push('notes')
  if (can(user, 'appeals:manage') && ownOrganisation && open) actions.push('reassign')
  return actions
}

async function appealDetail(c: Context<AppEnv>, number: string, user: SessionUser) {
  const appeal = await findOfficeAppeal(c.var.db, number)
  if (!appeal) throw problems.notFound('appeal', number)
  refuseOtherOrganisation(user)({ organisation_id: appeal.organisation?.id ?? null })
  const photoBase = `${c.var.baseUrl}/api/office/appeals/${number}/photos`
  c.header('Cache-Control', 'private, no-store')
  return c.json({
    ...appeal,
    photos: appeal.photos.map((p) => ({ ...p, url: `${photoBase}/${p.id}.jpg`, thumbnail_url: `${photoBase}/${p.id}.thumb.jpg` })),
    allowed_actions: allowedActions(user, { organisation_id: appeal.organisation?.id ?? null, status: appeal.status, executor_id: appeal.executor?.id ?? null, extended: appeal.extended }),
  })
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

/**
 * The new due moment of an extension. A date alone means the end of that day in Kyiv, where the
 * term is counted, except on the last day the law allows, which ends at the 45-day mark itself.
 */
async function extensionDueAt(c: Context<AppEnv>, number: string, dueAt: string): Promise<Date> {
  if (dueAt.length !== 10) return new Date(dueAt)
  const { rows } = await sql<{ due_at: Date }>`
    SELECT CASE WHEN ${dueAt}::date = ((created_at + make_interval(days => ${MAX_TERM_DAYS})) AT TIME ZONE 'Europe/Kyiv')::date
                THEN created_at + make_interval(days => ${MAX_TERM_DAYS})
                ELSE (${dueAt}::date + 1)::timestamp AT TIME ZONE 'Europe/Kyiv' - interval '1 second' END AS due_at
      FROM appeals WHERE number = ${number}`.execute(c.var.db)
  if (!rows[0]) throw problems.notFound('appeal', number)
  return rows[0].due_at
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
 * appeal runs with its row locked.
 */
export const officeRoutes = new Hono<AppEnv>()
  .get('/appeals', allow('appeals:read'), zv('query', OfficeListQuery), async (c) => {
    const user = signedIn(c.var.user)
    c.header('Cache-Control', 'private, no-store')
    return c.json(await listOfficeAppeals(c.var.db, c.req.valid('query'), user))
  })
  .get('/appeals/:number', allow('appeals:read'), zv('param', OfficeAppealParams), async (c) => {
    return appealDetail(c, c.req.valid('param').number, signedIn(c.var.user))
  })
  .get('/appeals/:number/photos/:file', allow('appeals:read'), etag(), zv('param', OfficePhotoParams), async (c) => {
    const { number, file } = c.req.valid('param')
    const appeal = await findAppealOwnership(c.var.db, number)
    if (!appeal) throw problems.notFound('appeal', number)
    refuseOtherOrganisation(signedIn(c.var.user))(appeal)
    const photo = (await sql<{ storage_key: string }>`SELECT storage_key FROM appeal_photos WHERE appeal_id = ${appeal.id} AND id = ${Number.parseInt(file, 10)}`.execute(c.var.db)).rows[0]
    const bytes = photo && (await c.var.appeals.store.read(photo.storage_key, file.includes('.thumb') ? 'thumb' : 'full'))
    if (!bytes) throw problems.notFound('photo', `${number}/${file}`)
    return photoResponse(c, bytes, 'private, no-store')
  })
  // Triage.
  .post('/appeals/:number/register', allow('appeals:triage'), zv('param', OfficeAppealParams), zv('json', EmptyBody), (c) => act(c, c.req.valid('param').number, { kind: 'register' }))
  .post('/appeals/:number/route', allow('appeals:triage'), zv('param', OfficeAppealParams), zv('json', RouteBody), (c) =>
    act(c, c.req.valid('param').number, { kind: 'assign', organisationId: c.req.valid('json').organisation }),
  )
  .post('/appeals/:number/recategorise', allow('appeals:triage'), zv('param', OfficeAppealParams), zv('json', RecategoriseBody), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    await recategorise(c.var.db, number, c.req.valid('json').category, changeContext(user))
    return appealDetail(c, number, user)
  })
  .post('/appeals/:number/merge', allow('appeals:triage'), zv('param', OfficeAppealParams), zv('json', MergeBody), async (c) => {
    const { number } = c.req.valid('param')
    const original = await findAppealOwnership(c.var.db, c.req.valid('json').duplicate_of)
    if (!original) throw problems.invalid(`No appeal ${c.req.valid('json').duplicate_of}`, [{ field: 'body.duplicate_of', message: 'unknown appeal' }])
    return act(c, number, { kind: 'mark-duplicate', duplicateOf: original.id }, { response: `Duplicate of ${original.number}` })
  })
  .post('/appeals/:number/reject', allow('appeals:triage'), zv('param', OfficeAppealParams), zv('json', RejectBody), (c) => {
    const { reason, response } = c.req.valid('json')
    return act(c, c.req.valid('param').number, { kind: 'reject', reason }, { response: response ?? null })
  })
  .post('/appeals/:number/redact', allow('appeals:triage'), zv('param', OfficeAppealParams), zv('json', RedactBody), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    await redact(c.var.db, c.var.appeals.store, number, c.req.valid('json'), { ...changeContext(user), log: c.var.log })
    return appealDetail(c, number, user)
  })
  // The organisation's work.
  .post('/appeals/:number/take', allow('appeals:work'), zv('param', OfficeAppealParams), zv('json', EmptyBody), async (c) => {
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
  .post('/appeals/:number/status', allow('appeals:work'), zv('param', OfficeAppealParams), zv('json', StatusBody), (c) => {
    const { status, response } = c.req.valid('json')
    return act(c, c.req.valid('param').number, { kind: status === 'resolved' ? 'resolve' : 'start' }, { response: response ?? null })
  })
  .post('/appeals/:number/extend', allow('appeals:work'), zv('param', OfficeAppealParams), zv('json', ExtendBody), async (c) => {
    const { number } = c.req.valid('param')
    const { due_at, reason } = c.req.valid('json')
    return act(c, number, { kind: 'extend', dueAt: await extensionDueAt(c, number, due_at), reason })
  })
  .post('/appeals/:number/notes', allow('appeals:read'), zv('param', OfficeAppealParams), zv('json', NoteBody), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    await addNote(c.var.db, number, c.req.valid('json').body, changeContext(user))
    return appealDetail(c, number, user)
  })
  .post('/appeals/:number/work-photos', allow('appeals:work'), photoLimit, zv('param', OfficeAppealParams), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    await addWorkPhotos(c.var.db, c.var.appeals.store, number, await readPhotos(c), { ...changeContext(user), log: c.var.log })
    return appealDetail(c, number, user)
  })
  // Heads of organisations.
  .post('/appeals/:number/reassign', allow('appeals:manage'), zv('param', OfficeAppealParams), zv('json', ReassignBody), async (c) => {
    const user = signedIn(c.var.user)
    const { number } = c.req.valid('param')
    const { organisation, executor } = c.req.valid('json')
    if (organisation !== undefined) await applyAs(c, number, { kind: 'assign', organisationId: organisation })
    if (organisation !== undefined && !actsFor(user, organisation)) {
      // Moved to another organisation: its head, not this one, picks the executor, and the
      // appeal leaves this head's view.
      const moved = await findAppealOwnership(c.var.db, number)
      return c.json({ number, status: moved?.status, organisation: { id: organisation }, executor: null, moved_out: true })
    }
    if (executor !== undefined) await setExecutor(c.var.db, number, executor, changeContext(user))
    return appealDetail(c, number, user)
  })
  .get('/staff', allow('appeals:manage'), zv('query', StaffQuery), async (c) => {
    const user = signedIn(c.var.user)
    const organisation = c.req.valid('query').organisation ?? user.organisation
    if (!organisation) throw problems.invalid('Name the organisation', [{ field: 'query.organisation', message: 'is required' }])
    if (!actsFor(user, organisation) || (!seesAllOrganisations(user) && organisation !== user.organisation)) {
      throw new HttpProblem('forbidden', 403, 'You can list the staff of your own organisation only')
    }
    const { rows } = await sql<{ id: number; name: string; roles: string[] }>`
      SELECT u.id, u.name, array_agg(r.role ORDER BY r.role) AS roles
        FROM users u JOIN user_roles r ON r.user_id = u.id
       WHERE r.organisation_id = ${organisation} AND r.role IN ('executor', 'manager')
       GROUP BY u.id ORDER BY u.name, u.id`.execute(c.var.db)
    c.header('Cache-Control', 'private, no-store')
    return c.json({ items: rows })
  })
  .get('/organisations', allow('appeals:read'), zv('query', OrganisationQuery), async (c) => {
    const { city } = c.req.valid('query')
    const { rows } = await sql<{ id: string; city: string; name: unknown; kind: string }>`
      SELECT id, city_id AS city, name, kind FROM organisations
       WHERE ${city ? sql`city_id = ${city}` : sql`true`} ORDER BY city_id, name->>'uk'`.execute(c.var.db)
    return c.json({ items: rows })
  })
