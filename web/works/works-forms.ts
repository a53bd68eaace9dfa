import type { Polygon } from 'geojson'
import type { Language } from '../url-state/index.ts'
import { kyivTimeToIso } from './works-format.ts'
import type { WorkBody, WorkSubscriptionBody } from './works-api.ts'

/** What a tap on the works map does now: put a form's point, or add a corner to its area. */
export interface MapPick {
  purpose: 'subscribe' | 'record'
  mode: 'point' | 'area'
  corners: Array<[number, number]>
}

/** Where a subscriber wants to hear about works: around an address, in a district, or in a drawn area. */
export type SubscriptionPlace =
  | { by: 'address'; lon: number; lat: number; radiusM: number }
  | { by: 'district'; district: number }
  | { by: 'area'; area: Polygon }

/** The body of `POST /api/works/subscriptions` for one place. */
export function subscriptionBody(email: string, city: string, place: SubscriptionPlace, locale: Language): WorkSubscriptionBody {
  const common = { email: email.trim(), city, locale }
  switch (place.by) {
    case 'address':
      return { ...common, lat: place.lat, lon: place.lon, radius_m: place.radiusM }
    case 'district':
      return { ...common, district: place.district }
    case 'area':
      return { ...common, area: { type: 'Polygon', coordinates: place.area.coordinates as Array<Array<[number, number]>> } }
  }
}

/** What the "record works" form holds: text as typed, and the place chosen. */
export interface WorkDraft {
  kind: WorkBody['kind']
  title: string
  description: string
  workType: WorkBody['work_type']
  /** Kyiv wall time of a date-and-time field, `YYYY-MM-DDTHH:MM`. */
  startsAt: string
  endsAt: string
  plannedStart: string
  plannedEnd: string
  switchedOff: WorkBody['switched_off']
  place: { point: [number, number]; radiusM: string } | { area: Polygon } | undefined
  /** The organisation in charge, by id; blank: the recorder's own. */
  organisation: string
  contractor: string
  cost: string
  prozorro: string
}

/** Whole hryvnias typed with or without spaces; NaN for text that is not one (the API names the field). */
export function wholeHryvnias(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0]/g, '')
  if (cleaned === '') return undefined
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN
}

/**
 * The body of `POST /api/works` from the form: blank fields left out, a window typed in Kyiv
 * time as instants, money as whole hryvnias. A missing place is sent as such, for the API to name.
 */
export function workBody(city: string, draft: WorkDraft): WorkBody {
  const optional = <K extends string, V>(key: K, value: V | undefined | '') => (value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>))
  const place = draft.place
  const geometry = place === undefined ? undefined : 'area' in place ? { type: 'Polygon' as const, coordinates: place.area.coordinates as Array<Array<[number, number]>> } : { type: 'Point' as const, coordinates: place.point }
  return {
    city,
    kind: draft.kind,
    title: draft.title,
    description: draft.description,
    work_type: draft.workType,
    status: 'planned',
    switched_off: draft.switchedOff,
    geometry: geometry as WorkBody['geometry'],
    ...(place && 'point' in place ? optional('radius_m', wholeHryvnias(place.radiusM)) : {}),
    ...optional('starts_at', kyivTimeToIso(draft.startsAt)),
    ...optional('ends_at', kyivTimeToIso(draft.endsAt)),
    ...optional('planned_start', draft.plannedStart),
    ...optional('planned_end', draft.plannedEnd),
    ...optional('organisation', draft.organisation.trim()),
    ...optional('contractor', draft.contractor.trim()),
    ...optional('cost', wholeHryvnias(draft.cost)),
    ...optional('prozorro_tender_id', draft.prozorro.trim()),
  }
}
