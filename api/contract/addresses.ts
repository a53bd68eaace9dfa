import { z } from 'zod'
import { Slug } from './common.ts'
import { apiRoute } from './route.ts'

export const AddressQuery = z.object({
  city: Slug,
  q: z.string().max(200, 'must be at most 200 characters').meta({ description: 'Words of the address, in any case and order.' }),
  limit: z.coerce.number().int().min(1).max(20).default(8),
})

/** An address of a public layer that matches the words typed. */
export const AddressMatch = z
  .object({ label: z.string(), lon: z.number(), lat: z.number(), layer: Slug.meta({ description: 'The layer the address comes from.' }) })
  .meta({ id: 'AddressMatch' })
export type AddressMatch = z.infer<typeof AddressMatch>

export const AddressMatchList = z.array(AddressMatch)

export const searchAddressesRoute = apiRoute({
  method: 'get',
  path: '/api/addresses',
  summary: "Find addresses of a city's public layers",
  description: 'For putting a pin by typing a street. Fewer than two letters find nothing.',
  tags: ['cities'],
  request: { query: AddressQuery },
  responses: { 200: { description: 'The matches, shortest first.', schema: AddressMatchList } },
  problems: [400, 404],
})

/** The routes of `/api/addresses`. */
export const ADDRESS_ROUTES = [searchAddressesRoute]
