import { Hono } from 'hono'
import { findCity, searchAddresses } from '../../layers/index.ts'
import { AddressMatchList, searchAddressesRoute } from '../contract/index.ts'
import { type AppEnv, contractBody, problems, zv } from '../http/index.ts'

/** Address search over the city's public layers, for putting a pin by typing a street. */
export const addressRoutes = new Hono<AppEnv>().get('/', zv('query', searchAddressesRoute.request.query), async (c) => {
  const { city, q, limit } = c.req.valid('query')
  if (!(await findCity(c.var.db, city))) throw problems.notFound('city', city)
  c.header('Cache-Control', 'public, max-age=300')
  return c.json(contractBody(AddressMatchList, await searchAddresses(c.var.db, city, q, limit)))
})
