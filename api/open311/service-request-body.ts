import { type AppEnv, type FieldError, HttpProblem, invalidInput, problems } from '../http/index.ts'
import type { Context } from 'hono'
import type { AppealCategory, AppealSubmissionBody } from '../appeals/index.ts'
import { isBlank, ServiceRequestBody } from './open311.schemas.ts'
import type { RequestPlace } from './service-request-place.ts'
import { attributeDatatype } from './service.dto.ts'

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** A value without its blank parts: a list keeps its filled items; undefined when nothing is left. */
function filled(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.filter((item) => !isBlank(item))
    return items.length > 0 ? items : undefined
  }
  return isBlank(value) ? undefined : value
}

// `attribute[code]`, and `attribute[code][]` for one value of a multivaluelist.
const ATTRIBUTE_FIELD = /^attribute\[([^\]]*)\](?:\[\])?$/

/**
 * Gathers `attribute[code]=value` and `attribute[code][]=value` fields (the spec's form
 * encoding) into one `attribute` object, which JSON clients may send as it is, and drops
 * blank and null fields: clients send empty optional fields rather than leave them out.
 */
function gatherAttributes(raw: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  const attribute: Record<string, unknown> = {}
  const add = (code: string, value: unknown) => {
    const answer = filled(value)
    if (answer === undefined) return
    const earlier = attribute[code]
    attribute[code] = earlier === undefined ? answer : [earlier, answer].flat()
  }
  if (isRecord(raw.attribute)) for (const [code, value] of Object.entries(raw.attribute)) add(code, value)
  for (const [key, value] of Object.entries(raw)) {
    const code = ATTRIBUTE_FIELD.exec(key)?.[1]
    if (code !== undefined) add(code, value)
    // Anything else under `attribute` goes on, for the schema to refuse.
    else if (!(key === 'attribute' && isRecord(value))) {
      const field = filled(value)
      if (field !== undefined) fields[key] = field
    }
  }
  if (Object.keys(attribute).length > 0) fields.attribute = attribute
  return fields
}

// C0 controls and DEL, but tabs and line breaks, which a description may hold.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

const hasControl = (v: unknown): boolean => (typeof v === 'string' ? CONTROL_CHARACTER.test(v) : Array.isArray(v) && v.some(hasControl))

/**
 * The fields, names included, holding control characters. PostgreSQL cannot store NUL, and no
 * field of a request needs any of them, so they are refused whatever the field.
 */
function controlCharacterErrors(fields: Record<string, unknown>): FieldError[] {
  const message = 'must not contain control characters'
  const named = (name: string) => (CONTROL_CHARACTER.test(name) ? 'a field name' : name)
  const errors: FieldError[] = []
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'attribute' && isRecord(value)) {
      for (const [code, answer] of Object.entries(value)) if (CONTROL_CHARACTER.test(code) || hasControl(answer)) errors.push({ field: named(`attribute[${code}]`), message })
    } else if (CONTROL_CHARACTER.test(key) || hasControl(value)) errors.push({ field: named(key), message })
  }
  return errors
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
    // `all`: a repeated field is a list, so two values of one attribute are seen, not one lost.
    return gatherAttributes(await c.req.parseBody({ all: true }))
  } catch {
    throw problems.invalid('The form body could not be read')
  }
}

/**
 * Checks the fields against {@link ServiceRequestBody}; a 400 problem names the wrong ones.
 * Control characters are refused first, so no error message repeats them.
 */
export function parseServiceRequest(fields: Record<string, unknown>): ServiceRequestBody {
  const hostile = controlCharacterErrors(fields)
  if (hostile.length > 0) throw problems.invalid(`Invalid request: ${hostile.map((e) => e.field).join(', ')}`, hostile)
  const result = ServiceRequestBody.safeParse(fields)
  if (result.success) return result.data
  throw invalidInput(result.error, undefined)
}

/**
 * The answers to the category's questions from `attribute`: a list (`attribute[code][]`)
 * stands for its one value. Every question of ours takes one value, a singlevaluelist or a
 * plain one, so a list of several is a 400 problem naming the attribute.
 */
function singleAnswers(category: AppealCategory, attribute: ServiceRequestBody['attribute']): Record<string, unknown> {
  const answers: Record<string, unknown> = {}
  const errors: FieldError[] = []
  for (const [code, value] of Object.entries(attribute)) {
    const question = category.questions.find((q) => q.id === code)
    if (!Array.isArray(value)) answers[code] = value
    else if (value.length <= 1 || !question) answers[code] = value[0]
    else errors.push({ field: `attribute[${code}]`, message: `is a ${attributeDatatype(question)} and takes one value, not ${value.length}` })
  }
  if (errors.length > 0) throw problems.invalid(`Invalid request: ${errors.map((e) => e.field).join(', ')}`, errors)
  return answers
}

/**
 * The web appeal an Open311 request files at `place`: public, the author's name not shown,
 * first and last name joined. Without a description, the service's name describes it (an
 * appeal needs text; the spec makes it optional). A 400 problem when an attribute that takes
 * one value is given several.
 */
export function toAppealSubmission(b: ServiceRequestBody, category: AppealCategory, place: RequestPlace): AppealSubmissionBody {
  return {
    city: place.city,
    category: b.service_code,
    lat: place.lat,
    lon: place.lon,
    description: b.description ?? category.name[b.locale],
    answers: singleAnswers(category, b.attribute),
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
