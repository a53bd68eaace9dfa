import { Hono } from 'hono'
import { z } from 'zod'
import { findCity, searchAddresses } from '../../layers/index.ts'
import type { AppEnv } from '../app-env.ts'
import { Slug } from '../layers/layer.schemas.ts'
import { problems } from '../problems.ts'
import { zv } from '../validation.ts'

const AddressQuery = z.object({
  city: Slug,
  q: z.string().max(200, 'must be at most 200 characters'),
  limit: z.coerce.number().int().min(1).max(20).default(8),
})

/** Address search over the city's public layers, for putting a pin by typing a street. */
export const addressRoutes = new Hono<AppEnv>().get('/', zv('query', AddressQuery), async (c) => {
  const { city, q, limit } = c.req.valid('query')
  if (!(await findCity(c.var.db, city))) throw problems.notFound('city', city)
  c.header('Cache-Control', 'public, max-age=300')
  return c.json(await searchAddresses(c.var.db, city, q, limit))
})
