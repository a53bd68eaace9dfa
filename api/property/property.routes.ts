import { Hono, type Context } from 'hono'
import { stream } from 'hono/streaming'
import { findCity } from '../../layers/index.ts'
import {
  getInvestmentObjectRoute,
  getPropertyRoute,
  InvestmentObject,
  InvestmentPage,
  listInvestmentObjectsRoute,
  listPropertyRoute,
  PropertyFeatureCollection,
  PropertyObjectDetail,
  PropertyPage,
  listStreetStructuresRoute,
  StreetStructurePage,
} from '../contract/index.ts'
import { type AppEnv, contractBody, pageLinks, problems, zv } from '../http/index.ts'
import { appealsAbout, countPropertyObjects, findPropertyObject, listPropertyObjects } from './property.queries.ts'
import { checkDrawnArea, countInvestmentObjects, findInvestmentObject, type InvestmentRow, listInvestmentObjects, surroundingsOf } from './investment.queries.ts'
import { INVESTMENT_COLUMNS, PROPERTY_COLUMNS, toCsv, toFeatureCollection, toInvestmentObject, toPropertyObject, toStreetStructure } from './property.dto.ts'
import { listStreetStructures } from './street-structures.queries.ts'
import { propertyLayerId } from './property-layers.ts'

/** A CSV download of every match, written as it is produced. */
function csvDownload(c: Context<AppEnv>, name: string, lines: Iterable<string>) {
  c.header('Content-Type', 'text/csv; charset=utf-8')
  c.header('Content-Disposition', `attachment; filename="${name}.csv"`)
  return stream(c, async (out) => {
    for (const line of lines) await out.write(line)
  })
}

/** Offers with the zones they lie in and what is nearest them. */
async function offersOf(c: Context<AppEnv>, rows: InvestmentRow[]): Promise<InvestmentObject[]> {
  const around = await surroundingsOf(c.var.db, rows.map((r) => r.id))
  return rows.map((r) => toInvestmentObject(r, c.var.baseUrl, around.get(r.id)!))
}

async function knownCity(c: Context<AppEnv>, city: string | undefined): Promise<void> {
  if (city !== undefined && !(await findCity(c.var.db, city))) throw problems.notFound('city', city)
}

/** The property register and the investment map, read-only and public; each route as `api/contract/property.ts` says. */
export const propertyRoutes = new Hono<AppEnv>()
  .get('/property', zv('query', listPropertyRoute.request.query), async (c) => {
    const { limit, offset, format, ...filters } = c.req.valid('query')
    await knownCity(c, filters.city)
    c.header('Cache-Control', 'no-cache')
    if (format === 'csv') {
      const rows = await listPropertyObjects(c.var.db, filters)
      return csvDownload(c, `property-${filters.city ?? 'all'}`, toCsv((function* () { for (const r of rows) yield toPropertyObject(r, c.var.baseUrl) })(), PROPERTY_COLUMNS))
    }
    const [matched, rows] = await Promise.all([countPropertyObjects(c.var.db, filters), listPropertyObjects(c.var.db, filters, limit, offset)])
    const items = rows.map((r) => toPropertyObject(r, c.var.baseUrl))
    const { links, next } = pageLinks(c, offset, items.length, matched, { limit })
    if (format === 'geojson') {
      return c.json(contractBody(PropertyFeatureCollection, toFeatureCollection(items, PROPERTY_COLUMNS, matched, links)), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' })
    }
    return c.json(contractBody(PropertyPage, { numberMatched: matched, numberReturned: items.length, limit, offset, next, links, items }))
  })
  .get('/property/:id', zv('param', getPropertyRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const row = await findPropertyObject(c.var.db, id)
    if (!row) throw problems.notFound('property object', String(id))
    const layer = propertyLayerId(row.city_id)
    const feature = row.feature_id !== null && !row.sensitive ? { layer, id: row.feature_id } : null
    const appeals = feature ? await appealsAbout(c.var.db, layer, feature.id) : []
    c.header('Cache-Control', 'no-cache')
    return c.json(
      contractBody(PropertyObjectDetail, {
        ...toPropertyObject(row, c.var.baseUrl),
        feature,
        appeals: appeals.map((a) => ({ number: a.number, status: a.status, category: a.category_id, created_at: a.created_at.toISOString(), url: `${c.var.baseUrl}/appeals/${a.number}` })),
      }),
    )
  })
  .get('/investment/objects', zv('query', listInvestmentObjectsRoute.request.query), async (c) => {
    const { limit, offset, format, within, ...rest } = c.req.valid('query')
    await knownCity(c, rest.city)
    let area: object | undefined
    if (within !== undefined) {
      try {
        area = JSON.parse(within) as object
      } catch {
        throw problems.invalid('within is not JSON', [{ field: 'query.within', message: 'must be a GeoJSON Polygon as JSON text' }])
      }
      const error = area !== null && typeof area === 'object' ? await checkDrawnArea(c.var.db, area) : 'must be a GeoJSON Polygon'
      if (error) throw problems.invalid(`within ${error}`, [{ field: 'query.within', message: error }])
    }
    const filters = { ...rest, within: area }
    c.header('Cache-Control', 'no-cache')
    if (format === 'csv') {
      const objects = await offersOf(c, await listInvestmentObjects(c.var.db, filters))
      return csvDownload(c, `investment-${rest.city ?? 'all'}`, toCsv(objects, INVESTMENT_COLUMNS))
    }
    const [matched, rows] = await Promise.all([countInvestmentObjects(c.var.db, filters), listInvestmentObjects(c.var.db, filters, limit, offset)])
    const items = await offersOf(c, rows)
    const { links, next } = pageLinks(c, offset, items.length, matched, { limit })
    if (format === 'geojson') {
      return c.json(contractBody(PropertyFeatureCollection, toFeatureCollection(items, INVESTMENT_COLUMNS, matched, links)), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' })
    }
    return c.json(contractBody(InvestmentPage, { numberMatched: matched, numberReturned: items.length, limit, offset, next, links, items }))
  })
  .get('/investment/objects/:id', zv('param', getInvestmentObjectRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const row = await findInvestmentObject(c.var.db, id)
    if (!row) throw problems.notFound('investment object', String(id))
    c.header('Cache-Control', 'no-cache')
    return c.json(contractBody(InvestmentObject, (await offersOf(c, [row]))[0]!))
  })
  .get('/street-structures', zv('query', listStreetStructuresRoute.request.query), async (c) => {
    const { limit, offset, ...filters } = c.req.valid('query')
    await knownCity(c, filters.city)
    const { matched, rows } = await listStreetStructures(c.var.db, filters, limit, offset)
    const items = rows.map(toStreetStructure)
    const { links, next } = pageLinks(c, offset, items.length, matched, { limit })
    c.header('Cache-Control', 'no-cache')
    return c.json(contractBody(StreetStructurePage, { numberMatched: matched, numberReturned: items.length, limit, offset, next, links, items }))
  })
