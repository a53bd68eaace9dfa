import { Hono, type Context } from 'hono'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { findCity } from '../../layers/index.ts'
import { cityHoldsArea, cityHoldsPoint, findDistrictName, insertSubscription, keepFormPhoto, organisationInCity, photoResponse, subscriptionLinks } from '../appeals/index.ts'
import { actorOf, writeAudit } from '../audit/index.ts'
import { newToken } from '../auth/index.ts'
import { addWorkPhotoRoute, createWorkRoute, getWorkRoute, listWorksRoute, MAX_WORK_PHOTOS, patchWorkRoute, subscribeWorksRoute, Work, type WorkBody, WorkPage, type WorkPatchBody, workPhotoRoute } from '../contract/index.ts'
import { type AppEnv, clientAddress, contractBody, type FieldError, hitRateLimit, HttpProblem, pageLinks, problems, type SessionUser, zv } from '../http/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { toWork, worksCsv, worksFeatureCollection, worksIcs } from './works.dto.ts'
import { ensureWorksLayer } from './works-layers.ts'
import { workAlertMail, worksConfirmMail } from './works-mail.ts'
import {
  countWorkPhotos,
  countWorks,
  featureInCity,
  findWorkPhotoKey,
  insertWorkPhoto,
  findWork,
  insertWork,
  listWorks,
  lockWork,
  propertyInCity,
  updateWork,
  type WorkColumns,
  workSubscribersOf,
} from './works.queries.ts'

/** Whether a user keeps the works of any organisation (else only their own organisation's). */
const worksOfAnyOrganisation = (user: SessionUser) => user.roles.includes('admin') || user.roles.includes('property_manager')

/** The window of works as a mail says it, Kyiv time. */
function windowText(startsAt: string | null | undefined, endsAt: string | null | undefined): string | null {
  if (!startsAt || !endsAt) return null
  const format = (iso: string) => new Date(iso).toLocaleString('uk-UA', { timeZone: 'Europe/Kyiv', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })
  return `${format(startsAt)} — ${format(endsAt)}`
}

type Merged = WorkPatchBody & { city: string }

/** Checks a work as it will be after a write; the field errors, empty when it holds. */
async function checkWork(db: Kysely<DB>, w: Merged, user: SessionUser): Promise<FieldError[]> {
  const errors: FieldError[] = []
  if (w.kind === 'repair' && (w.starts_at || w.ends_at)) errors.push({ field: 'body.starts_at', message: 'a repair has planned and actual dates, not a window' })
  if (w.kind !== 'repair') {
    if (!w.starts_at || !w.ends_at) errors.push({ field: 'body.starts_at', message: 'planned and emergency works need starts_at and ends_at' })
    else if (Date.parse(w.ends_at) <= Date.parse(w.starts_at)) errors.push({ field: 'body.ends_at', message: 'must be after starts_at' })
  }
  for (const [from, to] of [['planned_start', 'planned_end'], ['actual_start', 'actual_end']] as const) {
    if (w[from] && w[to] && w[to]! < w[from]!) errors.push({ field: `body.${to}`, message: `must not be before ${from}` })
  }
  if (w.spent !== undefined && w.cost !== undefined && w.spent > w.cost * 2) errors.push({ field: 'body.spent', message: 'is more than twice the cost: check the figures' })
  if (w.property_id !== undefined && !(await propertyInCity(db, w.city, w.property_id))) errors.push({ field: 'body.property_id', message: `no register line ${w.property_id} in ${w.city}` })
  if (w.object && !(await featureInCity(db, w.city, w.object.layer, w.object.feature_id))) errors.push({ field: 'body.object', message: `no feature ${w.object.feature_id} of a layer "${w.object.layer}" in ${w.city}` })
  if (w.organisation !== undefined) {
    if (!(await organisationInCity(db, w.organisation, w.city))) errors.push({ field: 'body.organisation', message: `no organisation "${w.organisation}" in ${w.city}` })
    else if (!worksOfAnyOrganisation(user) && w.organisation !== user.organisation) throw new HttpProblem('forbidden', 403, 'Staff record the works of their own organisation only')
  }
  return errors
}

/** The columns a body writes. */
function columnsOf(body: WorkPatchBody): WorkColumns {
  const { property_id, object, organisation, geometry, radius_m, ...rest } = body
  return {
    ...rest,
    ...(property_id !== undefined && { property_id }),
    ...(object !== undefined && { object_layer_id: object.layer, object_feature_id: object.feature_id }),
    ...(organisation !== undefined && { organisation_id: organisation }),
    ...(geometry !== undefined && { place: { geojson: JSON.stringify(geometry), radiusM: geometry.type === 'Point' && body.kind !== 'repair' ? (radius_m ?? 100) : null } }),
  }
}

/** Mails the subscribers whose place new works reach, in the transaction that records them. */
async function tellSubscribers(c: Context<AppEnv>, trx: Kysely<DB>, id: number, w: WorkBody): Promise<void> {
  for (const s of await workSubscribersOf(trx, id)) {
    const links = subscriptionLinks(c.var.baseUrl, s.token)
    await enqueueMail(trx, workAlertMail({ to: s.email, locale: s.locale, title: w.title, kind: w.kind, window: windowText(w.starts_at, w.ends_at), switchedOff: w.switched_off, url: `${c.var.baseUrl}/works/${id}`, unsubscribeUrl: links.unsubscribe }))
  }
}

/** Repairs and planned or emergency works: the public list, calendar and map data; staff records; subscriptions. */
export const workRoutes = new Hono<AppEnv>()
  .get('/', zv('query', listWorksRoute.request.query), async (c) => {
    const { limit, offset, format, ...filters } = c.req.valid('query')
    const city = filters.city ? await findCity(c.var.db, filters.city) : undefined
    if (filters.city && !city) throw problems.notFound('city', filters.city)
    c.header('Cache-Control', 'no-cache')
    if (format === 'csv' || format === 'ics') {
      const works = (await listWorks(c.var.db, filters)).map((r) => toWork(r, c.var.baseUrl))
      if (format === 'ics') {
        return c.body(worksIcs(works, c.var.baseUrl, city?.name.uk ?? 'Громада на мапі', new Date()), 200, {
          'Content-Type': 'text/calendar; charset=utf-8',
          'Content-Disposition': `inline; filename="works-${filters.city ?? 'all'}.ics"`,
        })
      }
      return c.body([...worksCsv(works)].join(''), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="works-${filters.city ?? 'all'}.csv"` })
    }
    const [matched, rows] = await Promise.all([countWorks(c.var.db, filters), listWorks(c.var.db, filters, limit, offset)])
    const items = rows.map((r) => toWork(r, c.var.baseUrl))
    if (format === 'geojson') return c.json(worksFeatureCollection(items, matched), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' })
    const { links, next } = pageLinks(c, offset, items.length, matched, { limit })
    return c.json(contractBody(WorkPage, { numberMatched: matched, numberReturned: items.length, limit, offset, next, links, items }))
  })
  .get('/:id', zv('param', getWorkRoute.request.params), async (c) => {
    const row = await findWork(c.var.db, c.req.valid('param').id)
    if (!row) throw problems.notFound('work', String(c.req.valid('param').id))
    c.header('Cache-Control', 'no-cache')
    return c.json(contractBody(Work, toWork(row, c.var.baseUrl)))
  })
  .post('/', allow('works:manage'), zv('json', createWorkRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const body = c.req.valid('json')
    if (!(await findCity(c.var.db, body.city))) throw problems.invalid(`no city "${body.city}"`, [{ field: 'body.city', message: 'no such city' }])
    const organisation = body.organisation ?? user.organisation ?? undefined
    const errors = await checkWork(c.var.db, { ...body, organisation }, user)
    if (errors.length) throw problems.invalid(`The work cannot be recorded: ${errors.map((e) => e.message).join('; ')}`, errors)
    const id = await c.var.db.transaction().execute(async (trx) => {
      await ensureWorksLayer(trx, body.city, body.kind)
      const { city, ...fields } = body
      const id = await insertWork(trx, { ...(columnsOf({ ...fields, organisation }) as WorkColumns & { place: NonNullable<WorkColumns['place']> }), city_id: city, created_by: user.id })
      await writeAudit(trx, { actor: actorOf(user), action: 'create', objectType: 'work', objectId: id, changes: { kind: [null, body.kind], title: [null, body.title], status: [null, body.status], organisation: [null, organisation ?? null] } })
      if (body.kind !== 'repair') await tellSubscribers(c, trx, id, body)
      return id
    })
    c.var.appeals.mailQueued()
    c.header('Location', `/api/works/${id}`)
    return c.json(contractBody(Work, toWork((await findWork(c.var.db, id))!, c.var.baseUrl)), 201)
  })
  .patch('/:id', allow('works:manage'), zv('param', patchWorkRoute.request.params), zv('json', patchWorkRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await c.var.db.transaction().execute(async (trx) => {
      const current = await lockWork(trx, id)
      if (!current) throw problems.notFound('work', String(id))
      if (!worksOfAnyOrganisation(user) && current.organisation_id !== user.organisation) throw new HttpProblem('forbidden', 403, 'Staff change the works of their own organisation only')
      const merged: Merged = {
        city: current.city_id,
        kind: body.kind ?? current.kind,
        starts_at: body.starts_at ?? current.starts_at?.toISOString(),
        ends_at: body.ends_at ?? current.ends_at?.toISOString(),
        planned_start: body.planned_start ?? current.planned_start ?? undefined,
        planned_end: body.planned_end ?? current.planned_end ?? undefined,
        actual_start: body.actual_start ?? current.actual_start ?? undefined,
        actual_end: body.actual_end ?? current.actual_end ?? undefined,
        cost: body.cost ?? current.cost ?? undefined,
        spent: body.spent ?? current.spent ?? undefined,
        ...(body.property_id !== undefined && { property_id: body.property_id }),
        ...(body.object !== undefined && { object: body.object }),
        ...(body.organisation !== undefined && { organisation: body.organisation }),
      }
      const errors = await checkWork(trx, merged, user)
      if (errors.length) throw problems.invalid(`The work cannot be changed: ${errors.map((e) => e.message).join('; ')}`, errors)
      await ensureWorksLayer(trx, current.city_id, merged.kind!)
      await updateWork(trx, id, columnsOf({ ...body, kind: merged.kind }))
      const changes = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'geometry').map(([k, v]) => [k, [(current as Record<string, unknown>)[k] ?? null, v ?? null]]))
      await writeAudit(trx, { actor: actorOf(user), action: 'update', objectType: 'work', objectId: id, changes: { ...changes, ...(body.geometry && { place: ['…', 'changed'] }) } })
    })
    return c.json(contractBody(Work, toWork((await findWork(c.var.db, id))!, c.var.baseUrl)))
  })
  .post('/:id/photos', allow('works:manage'), zv('param', addWorkPhotoRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    await keepFormPhoto(c, (key, caption, form, size) =>
      c.var.db.transaction().execute(async (trx) => {
        const stage = form.get('stage')
        if (stage !== 'before' && stage !== 'after') throw problems.invalid('Invalid body: stage', [{ field: 'body.stage', message: 'must be before or after' }])
        const work = await lockWork(trx, id)
        if (!work) throw problems.notFound('work', String(id))
        if (!worksOfAnyOrganisation(user) && work.organisation_id !== user.organisation) throw new HttpProblem('forbidden', 403, 'Staff add photos to the works of their own organisation only')
        if ((await countWorkPhotos(trx, id, stage)) >= MAX_WORK_PHOTOS) throw new HttpProblem('conflict', 409, `A work has at most ${MAX_WORK_PHOTOS} photos ${stage}`)
        await insertWorkPhoto(trx, { workId: id, stage, key, caption, userId: user.id, ...size })
        await writeAudit(trx, { actor: actorOf(user), action: 'photo', objectType: 'work', objectId: id, changes: { [`photo.${stage}`]: [null, caption || key] } })
      }),
    )
    return c.json(contractBody(Work, toWork((await findWork(c.var.db, id))!, c.var.baseUrl)), 201)
  })
  .get('/:id/photos/:photo', zv('param', workPhotoRoute.request.params), zv('query', workPhotoRoute.request.query), async (c) => {
    const { id, photo } = c.req.valid('param')
    const key = await findWorkPhotoKey(c.var.db, id, photo)
    const bytes = key && (await c.var.appeals.store.read(key, c.req.valid('query').size))
    if (!bytes) throw problems.notFound('photo', `${id}/${photo}`)
    return photoResponse(c, bytes, 'public, max-age=86400')
  })
  .post('/subscriptions', zv('json', subscribeWorksRoute.request.body.json), async (c) => {
    await hitRateLimit(c.var.db, `subscribe:${clientAddress(c, c.var.appeals.trustProxy)}`, c.var.appeals.rateLimit)
    const body = c.req.valid('json')
    if (body.area && body.area.type !== 'Polygon') throw problems.invalid('The area must be a Polygon', [{ field: 'body.area', message: 'must be a Polygon' }])
    const token = newToken()
    await c.var.db.transaction().execute(async (trx) => {
      const place = body.district !== undefined
        ? await findDistrictName(trx, body.city, body.district)
        : body.area
          ? ((await cityHoldsArea(trx, body.city, JSON.stringify(body.area))) ? (body.locale === 'uk' ? 'обрана ділянка' : 'the drawn area') : undefined)
          : (await cityHoldsPoint(trx, body.city, body.lon!, body.lat!)) ? `${body.radius_m} m` : undefined
      if (!place) throw problems.invalid('The district, point or area is not in this city (or the area is not a valid polygon)', [{ field: body.district !== undefined ? 'body.district' : body.area ? 'body.area' : 'body.lat', message: 'not in the city' }])
      const area = body.district !== undefined ? { district: body.district } : body.area ? { polygon: JSON.stringify(body.area) } : { lon: body.lon!, lat: body.lat!, radiusM: body.radius_m! }
      await insertSubscription(trx, { email: body.email, cityId: body.city, area, token, locale: body.locale, topic: 'works' })
      const links = subscriptionLinks(c.var.baseUrl, token)
      await enqueueMail(trx, worksConfirmMail(body.email, body.locale, place, links.confirm, links.unsubscribe))
    })
    c.var.appeals.mailQueued()
    return c.json({ status: 'confirmation-sent' as const }, 202)
  })
