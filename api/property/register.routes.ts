import { Hono, type Context } from 'hono'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { findCity } from '../../layers/index.ts'
import { actorOf, writeAudit } from '../audit/index.ts'
import { cityHoldsArea, organisationInCity } from '../appeals/index.ts'
import { newToken } from '../auth/index.ts'
import {
  confirmInvestmentSearchRoute,
  createInvestmentObjectRoute,
  createPropertyRoute,
  deleteInvestmentSearchRoute,
  InvestmentListQuery,
  InvestmentObject,
  type InvestmentPatchBody,
  patchInvestmentObjectRoute,
  patchPropertyRoute,
  PropertyObject,
  type PropertyPatchBody,
  saveInvestmentSearchRoute,
  createStreetStructureRoute,
  patchStreetStructureRoute,
  StreetStructure,
} from '../contract/index.ts'
import { messagePage, type AppEnv, clientAddress, contractBody, type FieldError, hitRateLimit, HttpProblem, problems, zv } from '../http/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { checkDrawnArea, confirmSearch, confirmedSearches, countInvestmentObjects, deleteSearch, findInvestmentObject, insertSearch, type InvestmentFilters, surroundingsOf } from './investment.queries.ts'
import { searchConfirmMail, offerAlertMail } from './investment-mail.ts'
import { toInvestmentObject, toPropertyObject, toStreetStructure } from './property.dto.ts'
import { findStreetStructure, insertStreetStructure, lockStreetStructure, updateStreetStructure } from './street-structures.queries.ts'
import { ensureInvestmentLayer, ensurePropertyLayer, ensureStreetStructuresLayer } from './property-layers.ts'
import { findPropertyObject } from './property.queries.ts'
import { importPropertyRegister, isOrganisationName, PropertyImportError } from './register-import/index.ts'
import {
  insertInvestmentObject,
  insertPropertyObject,
  type InvestmentColumns,
  lockInvestmentObject,
  lockPropertyObject,
  propertyBasics,
  type PropertyColumns,
  updateInvestmentObject,
  updatePropertyObject,
} from './register.queries.ts'

const MAX_IMPORT_BYTES = 50 * 1024 * 1024
const INVESTMENT_MAP = { href: '/investment', label: 'Hromada Map — investment map' }


/**
 * A name must not be a private person's: the registers record a person only as such. Names that
 * read like a person's are refused, so that one typed in the wrong field is not published.
 */
function personNameErrors(b: Record<string, unknown>, roles: ReadonlyArray<'user' | 'lessee' | 'holder'> = ['user', 'lessee']): FieldError[] {
  const errors: FieldError[] = []
  for (const role of roles) {
    const name = b[`${role}_name`]
    if (typeof name !== 'string' || !name) continue
    if (b[`${role}_kind`] !== 'organisation') errors.push({ field: `body.${role}_name`, message: `a ${role} who is a private person is recorded without a name` })
    else if (!isOrganisationName(name)) errors.push({ field: `body.${role}_name`, message: `reads like a private person's name: record the ${role} as a person, without the name` })
  }
  return errors
}

/** The register columns a body writes, the holder checked against the city's organisations. */
async function propertyColumns(trx: Transaction<DB>, cityId: string, body: PropertyPatchBody, errors: FieldError[]): Promise<PropertyColumns> {
  const { balance_holder, geometry, ...rest } = body
  if (balance_holder !== undefined && !(await organisationInCity(trx, balance_holder, cityId))) errors.push({ field: 'body.balance_holder', message: `no organisation "${balance_holder}" in ${cityId}` })
  if (geometry !== undefined && !(await cityHoldsArea(trx, cityId, JSON.stringify(geometry)))) errors.push({ field: 'body.geometry', message: `is not a valid place in ${cityId}` })
  return { ...rest, ...(balance_holder !== undefined && { balance_holder_id: balance_holder }), ...(geometry !== undefined && { geojson: JSON.stringify(geometry) }) }
}

/** The register id a line is known by when the body names none. */
function registerIdOf(b: { register_id?: string | undefined; cadastral_number?: string | undefined; balance_holder_edrpou?: string | undefined; inventory_number?: string | undefined }): string | undefined {
  return b.register_id ?? b.cadastral_number ?? (b.balance_holder_edrpou && b.inventory_number ? `${b.balance_holder_edrpou}-${b.inventory_number}` : undefined)
}

/** The database's checks of a line that hold across fields, as field errors. */
function lineRuleErrors(line: { kind?: string; cadastral_number?: string | null; status?: string; auction_lot_id?: string | null; auction_start?: string | null; auction_end?: string | null }): FieldError[] {
  const errors: FieldError[] = []
  if (line.kind === 'land' && !line.cadastral_number) errors.push({ field: 'body.cadastral_number', message: 'a land parcel needs its cadastral number' })
  if (line.status === 'at_auction' && !line.auction_lot_id) errors.push({ field: 'body.auction_lot_id', message: 'an object at auction needs its ProZorro.Sales lot id' })
  if (line.auction_start && line.auction_end && line.auction_end < line.auction_start) errors.push({ field: 'body.auction_end', message: 'must not be before auction_start' })
  return errors
}

/** An offer as its keeper sees it, published or not. */
async function offerWithSurroundings(db: Kysely<DB>, id: number, baseUrl: string): Promise<InvestmentObject> {
  const row = await findInvestmentObject(db, id, true)
  if (!row) throw problems.notFound('investment object', String(id))
  return toInvestmentObject(row, baseUrl, (await surroundingsOf(db, [id])).get(id)!)
}

/** Mails each confirmed saved search of the city that the offer satisfies. */
async function tellSearchers(c: Context<AppEnv>, trx: Transaction<DB>, cityId: string, offerId: number, title: { uk: string; en: string }): Promise<number> {
  let sent = 0
  for (const search of await confirmedSearches(trx, cityId)) {
    const filters = { ...(search.filters as InvestmentFilters), city: cityId, id: offerId }
    if ((await countInvestmentObjects(trx, filters)) === 0) continue
    await enqueueMail(trx, offerAlertMail({ to: search.email, locale: search.locale, title: title[search.locale], url: `${c.var.baseUrl}/investment/${offerId}`, unsubscribeUrl: `${c.var.baseUrl}/api/investment/searches/unsubscribe?token=${search.token}` }))
    sent++
  }
  return sent
}

/** The property manager's register and offers, the register's import, and investors' saved searches. */
export const registerRoutes = new Hono<AppEnv>()
  .post('/property/import', allow('property:manage'), async (c) => {
    const user = signedIn(c.var.user)
    if (!(c.req.header('Content-Type') ?? '').startsWith('multipart/form-data')) throw new HttpProblem('unsupported-media-type', 415, 'Send the file as multipart/form-data, field "file"')
    const declared = Number(c.req.header('Content-Length') ?? 0)
    if (declared > MAX_IMPORT_BYTES + 65_536) throw new HttpProblem('payload-too-large', 413, `The file is larger than ${MAX_IMPORT_BYTES / 1048576} MB`)
    let form: Record<string, string | File>
    try {
      form = (await c.req.parseBody()) as Record<string, string | File>
    } catch {
      throw problems.invalid('The multipart body could not be read')
    }
    const file = form.file
    const city = form.city
    if (typeof city !== 'string' || !(await findCity(c.var.db, city))) throw problems.invalid('Name the city of the register', [{ field: 'body.city', message: 'no such city' }])
    if (!(file instanceof File)) throw problems.invalid('Attach the register file', [{ field: 'body.file', message: 'must be a CSV or XLSX file' }])
    if (file.size > MAX_IMPORT_BYTES) throw new HttpProblem('payload-too-large', 413, `The file is larger than ${MAX_IMPORT_BYTES / 1048576} MB`)
    let report
    try {
      report = await importPropertyRegister(c.var.db, { cityId: city, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })
    } catch (err) {
      if (err instanceof PropertyImportError) throw new HttpProblem('unreadable-file', 422, err.message)
      throw err
    }
    await c.var.db.transaction().execute(async (trx) => {
      await ensurePropertyLayer(trx, city)
      await writeAudit(trx, { actor: actorOf(user), action: 'import', objectType: 'property', objectId: city, changes: { file: [null, file.name], written: [null, report.written], unplaced: [null, report.unplaced.length], rejected: [null, report.rejected.length] } })
    })
    return c.json(report)
  })
  .post('/property', allow('property:manage'), zv('json', createPropertyRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const body = c.req.valid('json')
    if (!(await findCity(c.var.db, body.city))) throw problems.invalid(`no city "${body.city}"`, [{ field: 'body.city', message: 'no such city' }])
    const registerId = registerIdOf(body)
    const id = await c.var.db.transaction().execute(async (trx) => {
      const errors = [...personNameErrors(body), ...lineRuleErrors(body)]
      if (!registerId) errors.push({ field: 'body.register_id', message: 'give a register id, a cadastral number, or the holder’s ЄДРПОУ with the inventory number' })
      const { city, ...rest } = body
      const columns = await propertyColumns(trx, city, rest, errors)
      if (errors.length) throw problems.invalid(`The line cannot be added: ${errors.map((e) => e.message).join('; ')}`, errors)
      await ensurePropertyLayer(trx, city)
      const id = await insertPropertyObject(trx, city, { ...columns, register_id: registerId! })
      if (id === undefined) throw new HttpProblem('conflict', 409, `The register of ${city} already has a line ${registerId}`)
      await writeAudit(trx, { actor: actorOf(user), action: 'create', objectType: 'property', objectId: id, changes: { register_id: [null, registerId!], kind: [null, body.kind], status: [null, body.status], sensitive: [null, body.sensitive] } })
      return id
    })
    c.header('Location', `/api/property/${id}`)
    return c.json(contractBody(PropertyObject, toPropertyObject((await findPropertyObject(c.var.db, id))!, c.var.baseUrl)), 201)
  })
  .patch('/property/:id', allow('property:manage'), zv('param', patchPropertyRoute.request.params), zv('json', patchPropertyRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await c.var.db.transaction().execute(async (trx) => {
      const current = await lockPropertyObject(trx, id)
      if (!current) throw problems.notFound('property object', String(id))
      // Saying a user or lessee is a person clears the name the line had.
      const merged = {
        ...current,
        ...(body.user_kind === 'person' && { user_name: null }),
        ...(body.lessee_kind === 'person' && { lessee_name: null }),
        ...body,
      }
      const errors = [...personNameErrors(merged), ...lineRuleErrors(merged)]
      const columns = await propertyColumns(trx, current.city_id, body, errors)
      // A person's name is cleared with the kind that says it is a person.
      if (body.user_kind === 'person') columns.user_name = null
      if (body.lessee_kind === 'person') columns.lessee_name = null
      if (errors.length) throw problems.invalid(`The line cannot be changed: ${errors.map((e) => e.message).join('; ')}`, errors)
      if (!(await updatePropertyObject(trx, id, current.city_id, columns))) throw new HttpProblem('conflict', 409, `The register already has a line ${body.register_id}`)
      const changes = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'geometry').map(([k, v]) => [k, [(current as Record<string, unknown>)[k] ?? null, v ?? null] as [unknown, unknown]]))
      await writeAudit(trx, { actor: actorOf(user), action: 'update', objectType: 'property', objectId: id, changes: { ...changes, ...(body.geometry && { place: [current.geojson ? 'placed' : null, 'moved'] }) } })
    })
    return c.json(contractBody(PropertyObject, toPropertyObject((await findPropertyObject(c.var.db, id))!, c.var.baseUrl)))
  })
  .post('/investment/objects', allow('property:manage'), zv('json', createInvestmentObjectRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const body = c.req.valid('json')
    if (!(await findCity(c.var.db, body.city))) throw problems.invalid(`no city "${body.city}"`, [{ field: 'body.city', message: 'no such city' }])
    const { id, alerts } = await c.var.db.transaction().execute(async (trx) => {
      const errors: FieldError[] = []
      const line = body.property_id !== undefined ? await propertyBasics(trx, body.city, body.property_id) : undefined
      if (body.property_id !== undefined && !line) errors.push({ field: 'body.property_id', message: `no public register line ${body.property_id} in ${body.city}` })
      const geojson = body.geometry ? JSON.stringify(body.geometry) : line?.geojson ?? undefined
      if (!geojson) errors.push({ field: 'body.geometry', message: 'give the place, or a register line that has one' })
      // A register line's own place stands (a city's parcels may reach past its boundary).
      else if (body.geometry && !(await cityHoldsArea(trx, body.city, geojson))) errors.push({ field: 'body.geometry', message: `is not a valid place in ${body.city}` })
      const area = body.area_m2 ?? line?.area_m2 ?? undefined
      if (area === undefined) errors.push({ field: 'body.area_m2', message: 'give the area, or a register line that has one' })
      if (body.contact_organisation !== undefined && !(await organisationInCity(trx, body.contact_organisation, body.city))) errors.push({ field: 'body.contact_organisation', message: `no organisation "${body.contact_organisation}" in ${body.city}` })
      if (body.status === 'at_auction' && !body.auction_lot_id) errors.push({ field: 'body.auction_lot_id', message: 'an object at auction needs its ProZorro.Sales lot id' })
      if (errors.length || !geojson || area === undefined) throw problems.invalid(`The offer cannot be made: ${errors.map((e) => e.message).join('; ')}`, errors)
      await ensureInvestmentLayer(trx, body.city)
      const { city, title, description, permitted_use, contact_organisation, geometry: _place, ...rest } = body
      const id = await insertInvestmentObject(trx, city, {
        ...rest,
        title: JSON.stringify(title),
        ...(description && { description: JSON.stringify(description) }),
        ...(permitted_use && { permitted_use: JSON.stringify(permitted_use) }),
        area_m2: area,
        purpose_code: body.purpose_code ?? line?.purpose_code ?? null,
        address: body.address ?? line?.address ?? null,
        contact_organisation_id: contact_organisation ?? line?.balance_holder_id ?? null,
        created_by: user.id,
        geojson,
      })
      await writeAudit(trx, { actor: actorOf(user), action: 'create', objectType: 'investment-object', objectId: id, changes: { title: [null, title.uk], deal: [null, body.deal], status: [null, body.status], published: [null, body.published] } })
      const alerts = body.published ? await tellSearchers(c, trx, city, id, title) : 0
      return { id, alerts }
    })
    if (alerts) c.var.appeals.mailQueued()
    c.header('Location', `/api/investment/objects/${id}`)
    return c.json(contractBody(InvestmentObject, await offerWithSurroundings(c.var.db, id, c.var.baseUrl)), 201)
  })
  .patch('/investment/objects/:id', allow('property:manage'), zv('param', patchInvestmentObjectRoute.request.params), zv('json', patchInvestmentObjectRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const body: InvestmentPatchBody = c.req.valid('json')
    const alerts = await c.var.db.transaction().execute(async (trx) => {
      const current = await lockInvestmentObject(trx, id)
      if (!current) throw problems.notFound('investment object', String(id))
      const errors: FieldError[] = []
      if (body.geometry && !(await cityHoldsArea(trx, current.city_id, JSON.stringify(body.geometry)))) errors.push({ field: 'body.geometry', message: `is not a valid place in ${current.city_id}` })
      if (body.contact_organisation !== undefined && !(await organisationInCity(trx, body.contact_organisation, current.city_id))) errors.push({ field: 'body.contact_organisation', message: `no organisation "${body.contact_organisation}"` })
      if ((body.status ?? current.status) === 'at_auction' && !(body.auction_lot_id ?? current.auction_lot_id)) errors.push({ field: 'body.auction_lot_id', message: 'an object at auction needs its ProZorro.Sales lot id' })
      if (body.property_id !== undefined && !(await propertyBasics(trx, current.city_id, body.property_id))) errors.push({ field: 'body.property_id', message: `no public register line ${body.property_id}` })
      if (errors.length) throw problems.invalid(`The offer cannot be changed: ${errors.map((e) => e.message).join('; ')}`, errors)
      const { title, description, permitted_use, contact_organisation, geometry, ...rest } = body
      const columns: InvestmentColumns = {
        ...rest,
        ...(title && { title: JSON.stringify(title) }),
        ...(description && { description: JSON.stringify(description) }),
        ...(permitted_use && { permitted_use: JSON.stringify(permitted_use) }),
        ...(contact_organisation !== undefined && { contact_organisation_id: contact_organisation }),
        ...(geometry && { geojson: JSON.stringify(geometry) }),
      }
      await updateInvestmentObject(trx, id, current.city_id, columns)
      const changes = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'geometry').map(([k, v]) => [k, [(current as Record<string, unknown>)[k] ?? null, v ?? null] as [unknown, unknown]]))
      await writeAudit(trx, { actor: actorOf(user), action: 'update', objectType: 'investment-object', objectId: id, changes })
      // Publishing an offer that was not public tells the searches it now satisfies.
      return body.published === true && !current.published ? tellSearchers(c, trx, current.city_id, id, (title ?? current.title) as { uk: string; en: string }) : 0
    })
    if (alerts) c.var.appeals.mailQueued()
    return c.json(contractBody(InvestmentObject, await offerWithSurroundings(c.var.db, id, c.var.baseUrl)))
  })
  .post('/investment/searches', zv('json', saveInvestmentSearchRoute.request.body.json), async (c) => {
    await hitRateLimit(c.var.db, `subscribe:${clientAddress(c, c.var.appeals.trustProxy)}`, c.var.appeals.rateLimit)
    const { email, query, locale } = c.req.valid('json')
    const parsed = InvestmentListQuery.safeParse(Object.fromEntries(new URLSearchParams(query.replace(/^\?/, ''))))
    if (!parsed.success) {
      throw problems.invalid('The search is not a valid query of the investment map', parsed.error.issues.map((i) => ({ field: `body.query.${i.path.join('.')}`, message: i.message })))
    }
    const { limit: _limit, offset: _offset, format: _format, within, ...filters } = parsed.data
    if (!filters.city) throw problems.invalid('A saved search names its city', [{ field: 'body.query.city', message: 'is required' }])
    const city = await findCity(c.var.db, filters.city)
    if (!city) throw problems.notFound('city', filters.city)
    let area: object | undefined
    if (within !== undefined) {
      try {
        area = JSON.parse(within) as object
      } catch {
        throw problems.invalid('within is not JSON', [{ field: 'body.query.within', message: 'must be a GeoJSON Polygon' }])
      }
      const error = await checkDrawnArea(c.var.db, area)
      if (error) throw problems.invalid(`within ${error}`, [{ field: 'body.query.within', message: error }])
    }
    const token = newToken()
    await c.var.db.transaction().execute(async (trx) => {
      await insertSearch(trx, { email, cityId: filters.city!, filters: { ...filters, ...(area && { within: area }) }, token, locale })
      const base = `${c.var.baseUrl}/api/investment/searches`
      await enqueueMail(trx, searchConfirmMail({ to: email, locale, city: city.name[locale], query, confirmUrl: `${base}/confirm?token=${token}`, unsubscribeUrl: `${base}/unsubscribe?token=${token}`, mapUrl: `${c.var.baseUrl}/investment?${query.replace(/^\?/, '')}` }))
    })
    c.var.appeals.mailQueued()
    return c.json({ status: 'confirmation-sent' as const }, 202)
  })
  .get('/investment/searches/confirm', zv('query', confirmInvestmentSearchRoute.request.query), async (c) => {
    if (!(await confirmSearch(c.var.db, c.req.valid('query').token))) return c.html(messagePage('Search not found / Пошук не знайдено', 'The link is out of date, or the search has ended.', INVESTMENT_MAP), 404)
    return c.html(messagePage('Search saved / Пошук збережено', 'You will get an e-mail when a new offer matches it. Each e-mail has a link to stop. / Ви отримаєте лист, коли з’явиться нова пропозиція за цим пошуком.', INVESTMENT_MAP))
  })
  .on(['GET', 'POST'], '/investment/searches/unsubscribe', zv('query', deleteInvestmentSearchRoute.request.query), async (c) => {
    await deleteSearch(c.var.db, c.req.valid('query').token)
    return c.html(messagePage('Search ended / Пошук скасовано', 'No more e-mails about this search. / Листів за цим пошуком більше не буде.', INVESTMENT_MAP))
  })
  .post('/street-structures', allow('property:manage'), zv('json', createStreetStructureRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const body = c.req.valid('json')
    if (!(await findCity(c.var.db, body.city))) throw problems.invalid(`no city "${body.city}"`, [{ field: 'body.city', message: 'no such city' }])
    const id = await c.var.db.transaction().execute(async (trx) => {
      const { city, organisation, geometry, ...rest } = body
      const errors = personNameErrors(body, ['holder'])
      if (organisation !== undefined && !(await organisationInCity(trx, organisation, city))) errors.push({ field: 'body.organisation', message: `no organisation "${organisation}" in ${city}` })
      if (!(await cityHoldsArea(trx, city, JSON.stringify(geometry)))) errors.push({ field: 'body.geometry', message: `is not in ${city}` })
      if (body.permit_from && body.permit_until && body.permit_until < body.permit_from) errors.push({ field: 'body.permit_until', message: 'must not be before permit_from' })
      if (errors.length) throw problems.invalid(`The structure cannot be added: ${errors.map((e) => e.message).join('; ')}`, errors)
      await ensureStreetStructuresLayer(trx, city, body.register)
      const id = await insertStreetStructure(trx, city, { ...rest, organisation_id: organisation ?? null, lonLat: geometry.coordinates })
      await writeAudit(trx, { actor: actorOf(user), action: 'create', objectType: 'street-structure', objectId: id, changes: { register: [null, body.register], permit_number: [null, body.permit_number ?? null], status: [null, body.status] } })
      return id
    })
    return c.json(contractBody(StreetStructure, toStreetStructure((await findStreetStructure(c.var.db, id))!)), 201)
  })
  .patch('/street-structures/:id', allow('property:manage'), zv('param', patchStreetStructureRoute.request.params), zv('json', patchStreetStructureRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await c.var.db.transaction().execute(async (trx) => {
      const current = await lockStreetStructure(trx, id)
      if (!current) throw problems.notFound('street structure', String(id))
      const merged = { ...current, ...(body.holder_kind === 'person' && { holder_name: null }), ...body }
      const errors = personNameErrors(merged, ['holder'])
      const { organisation, geometry, ...rest } = body
      if (organisation !== undefined && !(await organisationInCity(trx, organisation, current.city_id))) errors.push({ field: 'body.organisation', message: `no organisation "${organisation}"` })
      if (geometry && !(await cityHoldsArea(trx, current.city_id, JSON.stringify(geometry)))) errors.push({ field: 'body.geometry', message: `is not in ${current.city_id}` })
      if (errors.length) throw problems.invalid(`The structure cannot be changed: ${errors.map((e) => e.message).join('; ')}`, errors)
      await updateStreetStructure(trx, id, current.city_id, {
        ...rest,
        ...(body.holder_kind === 'person' && { holder_name: null }),
        ...(organisation !== undefined && { organisation_id: organisation }),
        ...(geometry && { lonLat: geometry.coordinates }),
      })
      const changes = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'geometry').map(([k, v]) => [k, [(current as Record<string, unknown>)[k] ?? null, v ?? null] as [unknown, unknown]]))
      await writeAudit(trx, { actor: actorOf(user), action: 'update', objectType: 'street-structure', objectId: id, changes })
    })
    return c.json(contractBody(StreetStructure, toStreetStructure((await findStreetStructure(c.var.db, id))!)))
  })
