import type { AppealReceipt } from '../appeals/appeal-submit.ts'
import { open311Status } from '../appeals/appeal-lifecycle.ts'
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

/**
 * A public appeal as a GeoReport v2 service request, named in `locale`. Fields we do not
 * keep (`address_id`, `zipcode`, `service_notice`) are null; contact data is not in the row.
 */
export function toServiceRequest(r: ServiceRequestRow, baseUrl: string, locale: Locale) {
  return {
    service_request_id: r.number,
    status: open311Status(r.status),
    status_notes: statusNotes(r),
    service_name: r.category_name[locale],
    service_code: r.category_id,
    description: r.description,
    agency_responsible: r.organisation_name?.[locale] ?? null,
    service_notice: null,
    requested_datetime: w3cDatetime(r.created_at),
    updated_datetime: w3cDatetime(r.updated_at),
    expected_datetime: w3cDatetime(r.due_at),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lon,
    media_url: r.photo_id === null ? null : `${baseUrl}/api/appeals/${r.number}/photos/${r.photo_id}.jpg`,
  }
}

const NOTICE: Record<Locale, (r: AppealReceipt) => string> = {
  uk: (r) => `Зареєстровано за номером ${r.number}; відповідь — до ${w3cDatetime(new Date(r.due_at)).slice(0, 10)}. ${r.url}`,
  en: (r) => `Registered as ${r.number}; the city answers by ${w3cDatetime(new Date(r.due_at)).slice(0, 10)}. ${r.url}`,
}

/**
 * The answer to `POST requests`: the request id at once (so no token is needed) and a notice
 * with the due date and the public page. The private tracking link is left out.
 */
export function toCreatedRequest(receipt: AppealReceipt, locale: Locale) {
  return { service_request_id: receipt.number, service_notice: NOTICE[locale](receipt), account_id: null }
}
