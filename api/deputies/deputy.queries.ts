import { sql, type Kysely, type Transaction } from 'kysely'
import { type DB, lonLatPoint } from '../../db/index.ts'
import { DEPUTY_PROPERTIES } from '../../layers/index.ts'
import type { DeputyCreateBody, DeputyPatchBody } from '../contract/index.ts'

/** A deputy's row id; never confused with a district number. */
export type DeputyId = number & { readonly __brand: 'DeputyId' }

/** A deputy as stored, with the name of their district. Every field is public. */
export interface DeputyRow {
  id: DeputyId
  city_id: string
  district_number: number
  district_name: string
  name: string
  faction: string | null
  reception_address: string | null
  reception_hours: string | null
  email: string | null
  phone: string | null
  updated_at: Date
}

/** An electoral district as the lookup by point names it. */
export interface ElectoralDistrict {
  number: number
  name: string
}

/** The fields an administrator edits, in the order the audit trail lists them. */
export const EDITABLE_FIELDS = ['district_number', 'name', 'faction', 'reception_address', 'reception_hours', 'email', 'phone'] as const

const COLUMNS = sql`id, city_id, district_number, electoral_district_name(district_number) AS district_name,
  name, faction, reception_address, reception_hours, email, phone, updated_at`

/** The layer holding a city's electoral districts, whether or not the city has one. */
export function electoralDistrictsLayerOf(cityId: string): string {
  return `${cityId}-electoral-districts`
}

/** The deputies of a city by district number; empty for a city without any. */
export async function listDeputies(db: Kysely<DB>, cityId: string): Promise<DeputyRow[]> {
  return (await sql<DeputyRow>`SELECT ${COLUMNS} FROM deputies WHERE city_id = ${cityId} ORDER BY district_number`.execute(db)).rows
}

/** One deputy, locked for the rest of the transaction; undefined when there is none. */
export async function lockDeputy(trx: Transaction<DB>, id: DeputyId): Promise<DeputyRow | undefined> {
  return (await sql<DeputyRow>`SELECT ${COLUMNS} FROM deputies WHERE id = ${id} FOR UPDATE`.execute(trx)).rows[0]
}

/**
 * The electoral district containing a point and its deputy (null while the seat has none), or
 * undefined when the point is in no district of the city. A point on a shared border gets the
 * district with the lower feature id, so the answer is stable.
 */
export async function findDeputyAt(db: Kysely<DB>, cityId: string, lon: number, lat: number): Promise<{ district: ElectoralDistrict; deputy: DeputyRow | null } | undefined> {
  const district = (
    await sql<ElectoralDistrict>`
      SELECT (properties->>'number')::int AS number, properties->>'name' AS name FROM features
       WHERE layer_id = ${electoralDistrictsLayerOf(cityId)} AND ST_Intersects(geom, ${lonLatPoint(lon, lat)})
       ORDER BY id LIMIT 1`.execute(db)
  ).rows[0]
  if (!district) return undefined
  const deputy = (await sql<DeputyRow>`SELECT ${COLUMNS} FROM deputies WHERE city_id = ${cityId} AND district_number = ${district.number}`.execute(db)).rows[0]
  return { district, deputy: deputy ?? null }
}

/** Whether the city's districts layer has a district with this number. */
export async function districtExists(db: Kysely<DB>, cityId: string, number: number): Promise<boolean> {
  const { rows } = await sql`
    SELECT 1 FROM features WHERE layer_id = ${electoralDistrictsLayerOf(cityId)} AND (properties->>'number')::int = ${number} LIMIT 1`.execute(db)
  return rows.length > 0
}

/** Adds a deputy; a second deputy for the same district breaks the unique key (409). */
export async function insertDeputy(trx: Transaction<DB>, d: DeputyCreateBody): Promise<DeputyRow> {
  const { rows } = await sql<DeputyRow>`
    INSERT INTO deputies (city_id, district_number, name, faction, reception_address, reception_hours, email, phone)
    VALUES (${d.city}, ${d.district_number}, ${d.name}, ${d.faction ?? null}, ${d.reception_address ?? null},
            ${d.reception_hours ?? null}, ${d.email ?? null}, ${d.phone ?? null})
    RETURNING ${COLUMNS}`.execute(trx)
  const row = rows[0]
  if (!row) throw new Error('the deputy insert returned no row')
  return row
}

/** Writes the given fields of a deputy (absent fields stay) and stamps `updated_at`. */
export async function updateDeputy(trx: Transaction<DB>, id: DeputyId, patch: DeputyPatchBody): Promise<DeputyRow> {
  const sets = EDITABLE_FIELDS.filter((f) => patch[f] !== undefined).map((f) => sql`${sql.ref(f)} = ${patch[f] ?? null}`)
  const { rows } = await sql<DeputyRow>`
    UPDATE deputies SET ${sql.join([...sets, sql`updated_at = now()`])} WHERE id = ${id} RETURNING ${COLUMNS}`.execute(trx)
  const row = rows[0]
  if (!row) throw new Error(`no deputy ${id} to update`)
  return row
}

/** Removes a deputy; their appeals keep no deputy (the key sets it to null). */
export async function deleteDeputy(trx: Transaction<DB>, id: DeputyId): Promise<void> {
  await sql`DELETE FROM deputies WHERE id = ${id}`.execute(trx)
}

const DEPUTY_JSON = sql.join(Object.entries(DEPUTY_PROPERTIES).map(([key, column]) => sql`${key}::text, ${sql.ref(`d.${column}`)}`))

/**
 * Copies the city's deputies into the features of its districts layer, in one statement that
 * touches only features whose properties change, so the layer's version moves only when the map
 * would look different. A district without a deputy carries no deputy properties.
 */
export async function syncDistrictDeputies(trx: Transaction<DB>, cityId: string): Promise<void> {
  await sql`
    UPDATE features f SET properties = n.props, updated_at = now()
      FROM (SELECT x.id,
                   (x.properties - ${Object.keys(DEPUTY_PROPERTIES)}::text[]) || coalesce(
                     (SELECT jsonb_strip_nulls(jsonb_build_object(${DEPUTY_JSON})) FROM deputies d
                       WHERE d.city_id = ${cityId} AND d.district_number = (x.properties->>'number')::int), '{}') AS props
              FROM features x WHERE x.layer_id = ${electoralDistrictsLayerOf(cityId)}) n
     WHERE f.id = n.id AND f.properties IS DISTINCT FROM n.props`.execute(trx)
}
