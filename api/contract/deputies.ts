import { z } from 'zod'
import { Slug, Timestamp } from './common.ts'
import { apiRoute } from './route.ts'

// Plain decimal degrees only: `z.coerce.number` would take '' as 0, '0x1E' as 30 and '1e1' as 10.
const DECIMAL = /^-?\d{1,3}(\.\d{1,15})?$/

function degrees(limit: number) {
  return z
    .string()
    .regex(DECIMAL, 'must be decimal degrees such as 30.5234')
    .transform(Number)
    .pipe(z.number().min(-limit, `must be between -${limit} and ${limit}`).max(limit, `must be between -${limit} and ${limit}`))
}

export const DeputyListQuery = z.object({ city: Slug })

/** `GET /api/deputies/at?city=&lon=&lat=`. */
export const DeputyAtQuery = z.object({ city: Slug, lon: degrees(180), lat: degrees(90) })

// Digits only, within the integer column's range: '1e3' or '0x10' name no deputy.
export const DeputyParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'must be a deputy id')
    .transform(Number)
    .pipe(z.number().max(2_147_483_647, 'must be a deputy id')),
})

/** One line of text an administrator types: trimmed, no control characters. */
function line(max: number) {
  return z
    .string()
    .trim()
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters')
    .pipe(z.string().max(max, `must be at most ${max} characters`))
}

/** An optional public field: a value, or null to clear it; blank text counts as null. */
function optionalLine(max: number) {
  return line(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()
}

const DeputyFields = z.object({
  district_number: z.number().int('must be a whole number').min(1).max(9999),
  name: line(200).pipe(z.string().min(1, 'must not be empty')),
  faction: optionalLine(200),
  reception_address: optionalLine(300),
  reception_hours: optionalLine(300),
  email: z.email('must be an e-mail address').max(254).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, 'must be a phone number such as +380 44 123 45 67')
    .nullable()
    .optional(),
})

/** The body of `POST /api/deputies`. */
export const DeputyCreateBody = DeputyFields.extend({ city: Slug }).strict()
export type DeputyCreateBody = z.infer<typeof DeputyCreateBody>

/** The body of `PATCH /api/deputies/{id}`: the fields to change, at least one. */
export const DeputyPatchBody = DeputyFields.partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one field to change' })
export type DeputyPatchBody = z.infer<typeof DeputyPatchBody>

/** A territorial electoral district: its number and name ("ТВО №211"). */
export const ElectoralDistrict = z.object({ number: z.number().int(), name: z.string() }).meta({ id: 'ElectoralDistrict' })
export type ElectoralDistrict = z.infer<typeof ElectoralDistrict>

/** A deputy as the public API shows them: every field is the contact of an elected office, not of a private person. */
export const PublicDeputy = z
  .object({
    id: z.number().int(),
    city: Slug,
    district: ElectoralDistrict,
    name: z.string(),
    faction: z.string().nullable(),
    reception_address: z.string().nullable(),
    reception_hours: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    updated_at: Timestamp,
  })
  .meta({ id: 'Deputy' })
export type PublicDeputy = z.infer<typeof PublicDeputy>

export const PublicDeputyList = z.array(PublicDeputy)

/** The district holding a point and its deputy (null while the seat is vacant). */
export const DeputyAt = z.object({ district: ElectoralDistrict, deputy: PublicDeputy.nullable() }).meta({ id: 'DeputyAt' })
export type DeputyAt = z.infer<typeof DeputyAt>

export const listDeputiesRoute = apiRoute({
  method: 'get',
  path: '/api/deputies',
  summary: "List a city's deputies",
  tags: ['deputies'],
  request: { query: DeputyListQuery },
  responses: { 200: { description: 'The deputies by district number.', schema: PublicDeputyList } },
  problems: [404],
})

export const deputyAtRoute = apiRoute({
  method: 'get',
  path: '/api/deputies/at',
  summary: 'Find the electoral district and deputy of a point',
  tags: ['deputies'],
  request: { query: DeputyAtQuery },
  responses: { 200: { description: 'The district that holds the point, and its deputy.', schema: DeputyAt } },
  problems: [404],
})

export const createDeputyRoute = apiRoute({
  method: 'post',
  path: '/api/deputies',
  summary: 'Add a deputy',
  description: 'Audited; the districts layer shows the new deputy. 400 when the city has no such electoral district, 409 when the district already has a deputy.',
  tags: ['deputies'],
  security: ['session'],
  request: { body: { json: DeputyCreateBody } },
  responses: { 201: { description: 'The new deputy; `Location` names it.', schema: PublicDeputy } },
  problems: [401, 403, 409],
})

export const editDeputyRoute = apiRoute({
  method: 'patch',
  path: '/api/deputies/{id}',
  summary: 'Change a deputy',
  tags: ['deputies'],
  security: ['session'],
  request: { params: DeputyParams, body: { json: DeputyPatchBody } },
  responses: { 200: { description: 'The changed deputy.', schema: PublicDeputy } },
  problems: [401, 403, 404, 409],
})

export const deleteDeputyRoute = apiRoute({
  method: 'delete',
  path: '/api/deputies/{id}',
  summary: 'Remove a deputy',
  tags: ['deputies'],
  security: ['session'],
  request: { params: DeputyParams },
  responses: { 204: { description: 'The deputy is removed; the seat shows as vacant.' } },
  problems: [401, 403, 404],
})

/** The routes of `/api/deputies`. */
export const DEPUTY_ROUTES = [listDeputiesRoute, deputyAtRoute, createDeputyRoute, editDeputyRoute, deleteDeputyRoute]
