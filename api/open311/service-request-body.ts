import { invalidInput } from '../validation.ts'
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import type { AppealSubmissionBody } from '../appeals/appeal.schemas.ts'
import { HttpProblem, problems, type FieldError } from '../problems.ts'
import { ServiceRequestBody } from './open311.schemas.ts'

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Gathers `attribute[code]=value` fields (the spec's form encoding) into one `attribute`
 * object, which JSON clients may send as it is, and drops blank fields: clients send empty
 * optional fields rather than leave them out.
 */
function gatherAttributes(raw: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  const attribute: Record<string, unknown> = isRecord(raw.attribute) ? { ...raw.attribute } : {}
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' && value.trim() === '') continue
    const code = /^attribute\[([^\]]*)\]$/.exec(key)?.[1]
    if (code !== undefined) attribute[code] = value
    // Anything else under `attribute` goes on, for the schema to refuse.
    else if (!(key === 'attribute' && isRecord(value))) fields[key] = value
  }
  if (Object.keys(attribute).length > 0) fields.attribute = attribute
  return fields
}

async function readJsonObject(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  let value: unknown
  try {
    value = await c.req.json()
  } catch {
    throw problems.invalid('The body is not valid JSON')
  }
  if (!isRecord(value)) throw problems.invalid('The body must be a JSON object')
  return value
}

/** The fields of `POST requests`: form-urlencoded as the spec sends them, multipart, or JSON. */
export async function readServiceRequestFields(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const type = c.req.header('Content-Type') ?? ''
  if (type.startsWith('application/json')) return gatherAttributes(await readJsonObject(c))
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
    throw new HttpProblem('unsupported-media-type', 415, 'Send application/x-www-form-urlencoded, multipart/form-data or application/json')
  }
  try {
    return gatherAttributes(await c.req.parseBody())
  } catch {
    throw problems.invalid('The form body could not be read')
  }
}

/** Checks the fields against {@link ServiceRequestBody}; a 400 problem names the wrong ones. */
export function parseServiceRequest(fields: Record<string, unknown>): ServiceRequestBody {
  const result = ServiceRequestBody.safeParse(fields)
  if (result.success) return result.data
  throw invalidInput(result.error, undefined)
}

/**
 * The web appeal an Open311 request files in `city`: public, the author's name not shown,
 * first and last name joined.
 */
export function toAppealSubmission(b: ServiceRequestBody, city: string): AppealSubmissionBody {
  return {
    city,
    category: b.service_code,
    lat: b.lat,
    lon: b.long,
    description: b.description,
    answers: b.attribute,
    contact: { name: [b.first_name, b.last_name].filter(Boolean).join(' ') || undefined, email: b.email, phone: b.phone },
    show_name: false,
    public: true,
    locale: b.locale,
  }
}

// Filing names fields as `POST /api/appeals` does; the client sent them by these names.
const OPEN311_FIELDS: Record<string, string> = {
  'body.city': 'jurisdiction_id',
  'body.category': 'service_code',
  'body.lat': 'lat',
  'body.lon': 'long',
  'body.description': 'description',
}

function open311Field(field: string): string {
  const answer = /^body\.answers\.(.+)$/.exec(field)?.[1]
  return answer === undefined ? (OPEN311_FIELDS[field] ?? field) : `attribute[${answer}]`
}

/** A problem from filing the appeal, with its fields named as the Open311 client sent them. */
export function inOpen311Terms(problem: HttpProblem): HttpProblem {
  const errors: FieldError[] | undefined = problem.errors?.map((e) => ({ field: open311Field(e.field), message: e.message }))
  const renamed = new HttpProblem(problem.type, problem.status, problem.detail, errors)
  renamed.retryAfter = problem.retryAfter
  return renamed
}
