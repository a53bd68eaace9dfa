import { appealPageUrl, type AppealReceipt, open311Status } from '../appeals/index.ts'
import type { Locale } from './open311.schemas.ts'
import type { ServiceRequestRow } from './service-request.queries.ts'

const KYIV_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Kyiv',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
})

/**
 * A W3C datetime in Kyiv time with its offset, as GeoReport v2 shows times.
 * @example w3cDatetime(new Date('2026-07-01T06:30:00Z')) // '2026-07-01T09:30:00+03:00'
 */
export function w3cDatetime(date: Date): string {
  const p = Object.fromEntries(KYIV_TIME.formatToParts(date).map((part) => [part.type, part.value]))
  const offset = p.timeZoneName?.replace('GMT', '') || '+00:00'
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`
}

/** Our own status, then the city's latest response and a rejection's reason. */
function statusNotes(r: ServiceRequestRow): string {
  return [r.status, r.response, r.status === 'rejected' ? r.rejection_reason : null].filter(Boolean).join(' — ')
}

/** The day a request is due, in Kyiv. */
const dueDay = (dueAt: Date) => w3cDatetime(dueAt).slice(0, 10)

const NOTICE: Record<Locale, Record<'open' | 'closed', (number: string, dueAt: Date, url: string) => string>> = {
  uk: {
    open: (number, dueAt, url) => `Зареєстровано за номером ${number}; відповідь — до ${dueDay(dueAt)}. ${url}`,
    closed: (number, _, url) => `Звернення ${number} розглянуто; відповідь міста: ${url}`,
  },
  en: {
    open: (number, dueAt, url) => `Registered as ${number}; the city answers by ${dueDay(dueAt)}. ${url}`,
    closed: (number, _, url) => `Appeal ${number} is closed; the city's answer: ${url}`,
  },
}

/**
 * A public appeal as a GeoReport v2 service request, named in `locale`. `service_notice` says
 * when the city answers and where, as the answer to the filing did; once closed, where the
 * answer is. Fields we do not keep (`address_id`, `zipcode`) are null; contact data is not in
 * the row. `synthetic` (our extension) is true for a request generated for the demonstration.
 */
export function toServiceRequest(r: ServiceRequestRow, baseUrl: string, locale: Locale) {
  const status = open311Status(r.status)
  return {
    service_request_id: r.number,
    status,
    status_notes: statusNotes(r),
    service_name: r.category_name[locale],
    service_code: r.category_id,
    description: r.description,
    agency_responsible: r.organisation_name?.[locale] ?? null,
    service_notice: NOTICE[locale][status](r.number, r.due_at, appealPageUrl(baseUrl, r.number)),
    requested_datetime: w3cDatetime(r.created_at),
    updated_datetime: w3cDatetime(r.updated_at),
    expected_datetime: w3cDatetime(r.due_at),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lon,
    media_url: r.photo_name === null ? null : `${baseUrl}/api/appeals/${r.number}/photos/${r.photo_name}.jpg`,
    synthetic: r.synthetic,
  }
}

/**
 * The answer to `POST requests`: the request id at once (so no token is needed) and a notice
 * with the due date and the public page. The private tracking link is left out.
 */
export function toCreatedRequest(receipt: AppealReceipt, locale: Locale) {
  return { service_request_id: receipt.number, service_notice: NOTICE[locale].open(receipt.number, new Date(receipt.due_at), receipt.url), account_id: null }
}
