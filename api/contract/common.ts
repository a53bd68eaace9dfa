import { z } from 'zod'

/** A city, layer or other resource slug: lowercase words joined by hyphens. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a slug like kyiv-land-parcels')
  .max(100)
  .meta({ id: 'Slug', description: 'Lowercase words joined by hyphens, e.g. `kyiv-land-parcels`.' })

/** `{ id }` of a resource named by a slug in its path. */
export const SlugParams = z.object({ id: Slug })

/** A longitude/latitude box in degrees: west, south, east, north. */
export const LonLatBox = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .meta({ id: 'LonLatBox', description: 'West, south, east, north in degrees (WGS 84).' })
export type LonLatBox = z.infer<typeof LonLatBox>

/** `bbox=w,s,e,n` of a query: degrees, with w < e and s < n; parsed into a {@link LonLatBox}. */
export const Bbox = z
  .string()
  .meta({ description: '`west,south,east,north` in degrees, west < east and south < north.', example: '30.45,50.40,30.60,50.48' })
  .transform((s) => s.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p))))
  .pipe(
    z
      .array(z.number().finite('must be numbers'))
      .length(4, 'must have four numbers: west,south,east,north')
      .refine(([w, s, e, n]) => Math.abs(w!) <= 180 && Math.abs(e!) <= 180 && Math.abs(s!) <= 90 && Math.abs(n!) <= 90, 'out of range: longitude ±180, latitude ±90')
      .refine(([w, s, e, n]) => w! < e! && s! < n!, 'west must be less than east and south less than north'),
  )
  .transform((b) => b as [number, number, number, number])

const PlaceLongitude = z.number().min(-180, 'longitude must be within -180..180').max(180, 'longitude must be within -180..180')
const PlaceLatitude = z.number().min(-90, 'latitude must be within -90..90').max(90, 'latitude must be within -90..90')
const PlacePosition = z.tuple([PlaceLongitude, PlaceLatitude])
const PlaceRing = z.array(PlacePosition).min(4, 'a ring needs at least 4 positions').max(1000)

/**
 * A place a resident marks on the map: a GeoJSON Point or a drawn Polygon in lon/lat. Each use
 * names it for the OpenAPI document with its own `.meta({ id })`. The database checks the ring
 * (closed, valid) when it stores it.
 */
export function pointOrPolygon() {
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('Point'), coordinates: PlacePosition }).strict(),
    z.object({ type: z.literal('Polygon'), coordinates: z.array(PlaceRing).min(1).max(20) }).strict(),
  ])
}

/** Bilingual text: Ukrainian first, English second. */
export const LocalizedText = z.object({ uk: z.string(), en: z.string() }).meta({ id: 'LocalizedText', description: 'Text in Ukrainian and English.' })
export type LocalizedText = z.infer<typeof LocalizedText>

/** An instant as the API writes it: ISO 8601 in UTC. */
export const Timestamp = z.iso.datetime({ offset: true })

/**
 * `limit` and `offset` of a paged list: at most `max` items a page, `byDefault` when unset.
 * @example z.object({ ...paging(1000, 100) })
 */
export function paging(max: number, byDefault: number) {
  return {
    limit: z.coerce.number().int().min(1).max(max).default(byDefault),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  }
}

/** A query parameter of values separated by commas, each one of `values`, parsed into a list. */
export function commaList<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .string()
    .meta({ description: `${what} separated by commas: ${values.join(', ')}.`, example: values.slice(0, 2).join(',') })
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(values, `must be ${what} from: ${values.join(', ')}`)).max(values.length))
}

/** Links of a page of results: `self`, and `next` while more follow (also in a `Link` header). */
export const PageLinks = z.array(z.object({ rel: z.string(), href: z.url(), type: z.string() })).meta({ id: 'PageLinks' })

/**
 * A page of a search: how many items match in all, how many this page holds, its paging, the
 * link to the next page, and the items.
 */
export function pageOf<T extends z.ZodType>(items: T, id: string) {
  return z
    .object({
      numberMatched: z.number().int().nonnegative(),
      numberReturned: z.number().int().nonnegative(),
      limit: z.number().int(),
      offset: z.number().int(),
      next: z.url().nullable(),
      links: PageLinks,
      items: z.array(items),
    })
    .meta({ id })
}

/** One wrong input field: where it is (`query.bbox`, `body.lat`) and what is wrong with it. */
export const FieldError = z.object({ field: z.string(), message: z.string() }).meta({ id: 'FieldError' })
export type FieldError = z.infer<typeof FieldError>

/**
 * An RFC 9457 problem document, as every API error is sent (`application/problem+json`).
 * `type` is `/problems/<kind>`; `errors` lists the invalid inputs of a 400.
 */
export const Problem = z
  .object({
    type: z.string().meta({ example: '/problems/not-found' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string().meta({ description: 'The path of the request.' }),
    errors: z.array(FieldError).optional(),
    request_id: z.string().optional().meta({ description: 'The id of the request in the server log.' }),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document.' })
export type Problem = z.infer<typeof Problem>
