import { Hono } from 'hono'
import { findCity } from '../../layers/index.ts'
import { SearchResults, searchRoute } from '../contract/index.ts'
import { type AppEnv, contractBody, problems, zv } from '../http/index.ts'
import { searchCity } from './search.ts'

/** `GET /api/search`: one box for anything in the city. */
export const searchRoutes = new Hono<AppEnv>().get('/', zv('query', searchRoute.request.query), async (c) => {
  const { city, q, limit, lang } = c.req.valid('query')
  if (!(await findCity(c.var.db, city))) throw problems.notFound('city', city)
  // Public data only; appeals change by the minute, so a short shared cache.
  c.header('Cache-Control', 'public, max-age=60')
  return c.json(contractBody(SearchResults, { results: await searchCity(c.var.db, city, q, limit, lang) }))
})
