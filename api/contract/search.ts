import { z } from 'zod'
import { LonLatBox, Slug } from './common.ts'
import { apiRoute } from './route.ts'

/** What a search result is: the order is the tie-break when two results match equally well. */
export const SEARCH_KINDS = ['address', 'street', 'parcel', 'appeal', 'district', 'layer', 'feature', 'budget_project', 'consultation'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

export const SearchQuery = z.object({
  city: Slug,
  q: z
    .string()
    .max(200, 'must be at most 200 characters')
    .meta({ description: 'Anything: an address ("Хрещатик 22"), a street, a cadastral number, an appeal number, a layer, an object\'s name, a district. Typos are forgiven.' }),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  lang: z.enum(['uk', 'en']).default('uk').meta({ description: 'The language of the titles of layers and consultations.' }),
})

/** One thing found, with where it is: a `point` for what is small, a `bbox` for what is large. */
export const SearchResult = z
  .object({
    kind: z.enum(SEARCH_KINDS),
    title: z.string().meta({ description: 'What it is called: the address, the street, the number, the name.' }),
    subtitle: z.string().optional().meta({ description: 'What tells it apart: the layer, the district, the status.' }),
    layer: Slug.optional().meta({ description: 'The layer it belongs to (addresses: the layer the address comes from).' }),
    feature_id: z.number().int().optional().meta({ description: 'The feature of `layer`, for `GET /api/layers/{id}/features/{featureId}`.' }),
    number: z.string().optional().meta({ description: 'The appeal number or the cadastral number.' }),
    url: z.string().optional().meta({ description: 'The page that shows it, a path of this site.' }),
    point: z.tuple([z.number(), z.number()]).optional().meta({ description: '[lon, lat] in WGS 84.' }),
    bbox: LonLatBox.optional(),
    score: z.number().meta({ description: 'How well it matches, 0..1: trigram similarity of the folded words.' }),
  })
  .meta({ id: 'SearchResult' })
export type SearchResult = z.infer<typeof SearchResult>

export const SearchResults = z.object({ results: z.array(SearchResult) }).meta({ id: 'SearchResults' })
export type SearchResults = z.infer<typeof SearchResults>

export const searchRoute = apiRoute({
  method: 'get',
  path: '/api/search',
  summary: 'Search a city for anything',
  description:
    "One box for addresses (the city's gazetteer: every address-bearing public layer and the OpenStreetMap buildings), streets, cadastral numbers, public appeals by number, layers and their objects by name, districts, participatory-budget projects and consultations. Ranked best first by trigram similarity of the folded words (case, apostrophes, punctuation and street-type words such as «вулиця» or «просп.» do not count; «22-А» is «22а»), so a typo still finds. Fewer than two letters find nothing.",
  tags: ['cities'],
  request: { query: SearchQuery },
  responses: { 200: { description: 'The results, best first.', schema: SearchResults } },
  problems: [400, 404],
})

/** The routes of `/api/search`. */
export const SEARCH_ROUTES = [searchRoute]
