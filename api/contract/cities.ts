import { z } from 'zod'
import { LocalizedText, LonLatBox, Slug, SlugParams } from './common.ts'
import { apiRoute } from './route.ts'

/** A city or hromada of this installation, with its map view and links. */
export const PublicCity = z
  .object({
    id: Slug,
    /** KATOTTG code of the community. */
    code: z.string(),
    name: LocalizedText,
    center: z.tuple([z.number(), z.number()]).meta({ description: 'Longitude, latitude of the default view.' }),
    zoom: z.number(),
    bbox: LonLatBox.nullable().meta({ description: 'Extent of the boundary; null until the boundary is known.' }),
    boundary_approximate: z.boolean(),
    style: z.url().meta({ description: 'The MapLibre style of the city.' }),
    layers: z.url().meta({ description: "The city's public layers." }),
  })
  .meta({ id: 'City' })
export type PublicCity = z.infer<typeof PublicCity>

export const PublicCityList = z.array(PublicCity)

/** A district of a city: the id that alerts and appeal filters take. */
export const District = z.object({ id: z.number().int(), name: z.string() }).meta({ id: 'District' })

export const DistrictList = z.array(District)

export const listCitiesRoute = apiRoute({
  method: 'get',
  path: '/api/cities',
  summary: 'List the cities',
  tags: ['cities'],
  responses: { 200: { description: 'Every city, oldest first.', schema: PublicCityList } },
})

export const getCityRoute = apiRoute({
  method: 'get',
  path: '/api/cities/{id}',
  summary: 'Show one city',
  tags: ['cities'],
  request: { params: SlugParams },
  responses: { 200: { description: 'The city.', schema: PublicCity } },
  problems: [400, 404],
})

export const listDistrictsRoute = apiRoute({
  method: 'get',
  path: '/api/cities/{id}/districts',
  summary: "List a city's districts",
  tags: ['cities'],
  request: { params: SlugParams },
  responses: { 200: { description: 'The districts by name; empty for a city without districts.', schema: DistrictList } },
  problems: [400, 404],
})

/** The routes of `/api/cities`. */
export const CITY_ROUTES = [listCitiesRoute, getCityRoute, listDistrictsRoute]
