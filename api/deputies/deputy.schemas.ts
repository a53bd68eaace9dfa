import { z } from 'zod'
import { Slug } from '../layers/index.ts'

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

/** The body of `PATCH /api/deputies/:id`: the fields to change, at least one. */
export const DeputyPatchBody = DeputyFields.partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one field to change' })
export type DeputyPatchBody = z.infer<typeof DeputyPatchBody>
