import { Hono } from 'hono'
import { findCity, listCities, listDistricts } from '../../layers/index.ts'
import { DistrictList, getCityRoute, listDistrictsRoute, PublicCity, PublicCityList } from '../contract/index.ts'
import { type AppEnv, contractBody, problems, zv } from '../http/index.ts'
import { toPublicCity } from '../layers/index.ts'

/** The cities and hromadas of this installation; each route as its contract in `api/contract/cities.ts` says. */
export const cityRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const cities = await listCities(c.var.db)
    return c.json(contractBody(PublicCityList, cities.map((city) => toPublicCity(city, c.var.baseUrl))))
  })
  .get('/:id', zv('param', getCityRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const city = await findCity(c.var.db, id)
    if (!city) throw problems.notFound('city', id)
    return c.json(contractBody(PublicCity, toPublicCity(city, c.var.baseUrl)))
  })
  .get('/:id/districts', zv('param', listDistrictsRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    if (!(await findCity(c.var.db, id))) throw problems.notFound('city', id)
    return c.json(contractBody(DistrictList, await listDistricts(c.var.db, id)))
  })
