/** Works as the public API shows them: JSON, GeoJSON, CSV, and an iCalendar feed. */
import { csvCell } from '../../layers/index.ts'
import type { Work } from '../contract/index.ts'
import { switchedOffText } from './works-mail.ts'
import type { WorkRow } from './works.queries.ts'

/** The public page of a Prozorro tender. */
export function tenderUrl(tenderId: string): string {
  return `https://prozorro.gov.ua/tender/${encodeURIComponent(tenderId)}`
}

export function toWork(row: WorkRow, baseUrl: string): Work {
  return {
    id: row.id,
    city: row.city_id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    work_type: row.work_type as Work['work_type'],
    status: row.status,
    object: row.property_id !== null || row.object_layer_id !== null ? { property_id: row.property_id, layer: row.object_layer_id, feature_id: row.object_feature_id } : null,
    organisation: row.organisation_id && row.organisation_name ? { id: row.organisation_id, name: row.organisation_name } : null,
    contractor: row.contractor,
    contractor_edrpou: row.contractor_edrpou,
    cost: row.cost,
    spent: row.spent,
    prozorro: row.prozorro_tender_id ? { tender_id: row.prozorro_tender_id, url: tenderUrl(row.prozorro_tender_id) } : null,
    planned_start: row.planned_start,
    planned_end: row.planned_end,
    actual_start: row.actual_start,
    actual_end: row.actual_end,
    starts_at: row.starts_at?.toISOString() ?? null,
    ends_at: row.ends_at?.toISOString() ?? null,
    switched_off: row.switched_off as Work['switched_off'],
    active_now: row.active_now,
    photos: row.photos.map((p) => ({ ...p, url: `${baseUrl}/api/works/${row.id}/photos/${p.id}`, thumbnail_url: `${baseUrl}/api/works/${row.id}/photos/${p.id}?size=thumb` })),
    geometry: row.geometry as Work['geometry'],
    synthetic: row.synthetic,
    updated_at: row.updated_at.toISOString(),
  }
}

const COLUMNS = [
  'id', 'city', 'kind', 'title', 'work_type', 'status', 'organisation', 'contractor', 'contractor_edrpou', 'cost', 'spent', 'prozorro_tender_id',
  'planned_start', 'planned_end', 'actual_start', 'actual_end', 'starts_at', 'ends_at', 'switched_off', 'active_now', 'synthetic',
] as const

function flat(w: Work): Record<(typeof COLUMNS)[number], unknown> {
  return {
    id: w.id, city: w.city, kind: w.kind, title: w.title, work_type: w.work_type, status: w.status, organisation: w.organisation?.name.uk ?? null,
    contractor: w.contractor, contractor_edrpou: w.contractor_edrpou, cost: w.cost, spent: w.spent, prozorro_tender_id: w.prozorro?.tender_id ?? null,
    planned_start: w.planned_start, planned_end: w.planned_end, actual_start: w.actual_start, actual_end: w.actual_end, starts_at: w.starts_at,
    ends_at: w.ends_at, switched_off: w.switched_off.join(';'), active_now: w.active_now, synthetic: w.synthetic,
  }
}

/** Works as a GeoJSON FeatureCollection with flat properties. */
export function worksFeatureCollection(works: readonly Work[], numberMatched: number) {
  return {
    type: 'FeatureCollection' as const,
    numberMatched,
    numberReturned: works.length,
    features: works.map((w) => {
      const { id, ...properties } = flat(w)
      return { type: 'Feature' as const, id, geometry: w.geometry, properties }
    }),
  }
}

/** Works as CSV (UTF-8 with BOM), the place as `WKT`-free GeoJSON is left to the GeoJSON format. */
export function* worksCsv(works: Iterable<Work>): Generator<string> {
  yield `\uFEFF${COLUMNS.map(csvCell).join(',')}\r\n`
  for (const w of works) {
    const row = flat(w)
    yield `${COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n`
  }
}

/** RFC 5545 text: backslash, semicolon, comma and newline escaped. */
function icsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** Folds a content line at 75 octets, as RFC 5545 wants, without splitting a character. */
function fold(line: string): string {
  const out: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const size = Buffer.byteLength(ch)
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += size
  }
  out.push(current)
  return out.join('\r\n ')
}

const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '')
const day = (date: string) => date.replace(/-/g, '')

/** The day after a calendar date, for an all-day event's exclusive end. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** A representative point of a geometry for `GEO`: a point's own, else the first position. */
function geoOf(geometry: Work['geometry']): string | null {
  const numbers = JSON.stringify('coordinates' in geometry ? geometry.coordinates : []).match(/-?\d+(\.\d+)?/g)
  return numbers && numbers.length >= 2 ? `${Number(numbers[1]).toFixed(6)};${Number(numbers[0]).toFixed(6)}` : null
}

/**
 * Works as an iCalendar feed: one event each, timed for works in a window, all-day over its
 * dates for a repair. Residents subscribe to it in a calendar app.
 */
export function worksIcs(works: readonly Work[], baseUrl: string, cityName: string, stamp: Date): string {
  const host = new URL(baseUrl).host
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hromada Map//Works//UK', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${icsText(`Роботи — ${cityName}`)}`]
  for (const w of works) {
    const start = w.starts_at ? `DTSTART:${utc(w.starts_at)}` : (w.actual_start ?? w.planned_start) ? `DTSTART;VALUE=DATE:${day((w.actual_start ?? w.planned_start)!)}` : null
    if (!start) continue
    const endDate = w.actual_end ?? w.planned_end ?? w.actual_start ?? w.planned_start
    const end = w.ends_at ? `DTEND:${utc(w.ends_at)}` : endDate ? `DTEND;VALUE=DATE:${day(nextDay(endDate))}` : null
    const description = [w.description, w.switched_off.length ? `Вимкнено: ${switchedOffText(w.switched_off, 'uk')}` : '', w.organisation ? `Відповідає: ${w.organisation.name.uk}` : '']
      .filter(Boolean)
      .join('\n')
    const geo = geoOf(w.geometry)
    lines.push(
      'BEGIN:VEVENT',
      `UID:work-${w.id}@${host}`,
      `DTSTAMP:${utc(stamp.toISOString())}`,
      `LAST-MODIFIED:${utc(w.updated_at)}`,
      start,
      ...(end ? [end] : []),
      `SUMMARY:${icsText(w.title)}`,
      ...(description ? [`DESCRIPTION:${icsText(description)}`] : []),
      ...(geo ? [`GEO:${geo}`] : []),
      `STATUS:${w.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      `URL:${baseUrl}/works/${w.id}`,
      `CATEGORIES:${w.kind.toUpperCase()}`,
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return lines.map(fold).join('\r\n') + '\r\n'
}
