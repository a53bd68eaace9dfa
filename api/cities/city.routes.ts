import { Hono } from 'hono'
import { findCity, listCities, listDistricts } from '../../layers/index.ts'
import type { AppEnv } from '../app-env.ts'
import { toPublicCity } from '../layers/layer.dto.ts'
import { LayerParams } from '../layers/layer.schemas.ts'
import { problems } from '../problems.ts'
import { zv } from '../validation.ts'

/** The cities and hromadas of this installation. */
export const cityRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const cities = await listCities(c.var.db)
    return c.json(cities.map((city) => toPublicCity(city, c.var.baseUrl)))
  })
  .get('/:id', zv('param', LayerParams), async (c) => {
    const { id } = c.req.valid('param')
    const city = await findCity(c.var.db, id)
    if (!city) throw problems.notFound('city', id)
    return c.json(toPublicCity(city, c.var.baseUrl))
  })
  .get('/:id/districts', zv('param', LayerParams), async (c) => {
    const { id } = c.req.valid('param')
    if (!(await findCity(c.var.db, id))) throw problems.notFound('city', id)
    return c.json(await listDistricts(c.var.db, id))
  })
