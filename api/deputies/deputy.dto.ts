import type { DeputyRow } from './deputy.queries.ts'

/**
 * A deputy as the public API shows them. Nothing is left out: every field is the public
 * contact of an elected office, not a private person's data.
 */
export function toPublicDeputy(d: DeputyRow) {
  return {
    id: d.id,
    city: d.city_id,
    district: { number: d.district_number, name: d.district_name },
    name: d.name,
    faction: d.faction,
    reception_address: d.reception_address,
    reception_hours: d.reception_hours,
    email: d.email,
    phone: d.phone,
    updated_at: new Date(d.updated_at).toISOString(),
  }
}

/** The audited attributes of a deputy: what an administrator can change. */
export function auditedDeputy(d: DeputyRow): Record<string, unknown> {
  return {
    district_number: d.district_number,
    name: d.name,
    faction: d.faction,
    reception_address: d.reception_address,
    reception_hours: d.reception_hours,
    email: d.email,
    phone: d.phone,
  }
}
