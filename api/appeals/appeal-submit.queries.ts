import { sql, type Insertable, type Kysely, type Transaction } from 'kysely'
import { type DB, type LocalizedJson, lonLatPoint } from '../../db/index.ts'
import { districtAt } from '../cities/index.ts'
import type { AppealReceipt } from '../contract/index.ts'

/** Where a point falls in a city: inside the boundary or not, district, executor. */
export interface AppealLocation {
  city_name: LocalizedJson
  city_code: string
  inside: boolean
  /** Whether the point with latitude and longitude exchanged would be inside: a hint for the resident. */
  swapped_inside: boolean
  district_id: number | null
  district: string | null
  /** The organisation that holds the object the appeal is about, else the one `route_appeal()` picks for the category here. */
  organisation_id: string | null
}

/** The object an appeal is about, as its layer holds it now. */
export interface AppealObject {
  layer: string
  feature_id: number
  city_id: string
  accepts_appeals: boolean
  layer_version: number
  /** What the object is called: its name, title, number or address. */
  label: string | null
  /** The point of the object nearest to the point the resident gave (the point itself inside an area). */
  lon: number
  lat: number
}

/** A public layer's feature an appeal names, with the place the appeal snaps to; undefined when there is none. */
export async function findAppealObject(db: Kysely<DB>, layer: string, featureId: number, lon: number, lat: number): Promise<AppealObject | undefined> {
  const { rows } = await sql<AppealObject>`
    SELECT l.id AS layer, f.id AS feature_id, l.city_id, l.accepts_appeals, l.version AS layer_version,
           left(coalesce(f.properties ->> (l.style ->> 'label'), f.properties ->> 'name', f.properties ->> 'title',
                         f.properties ->> 'cadastral_number',
                         CASE WHEN f.properties ? 'permit_number' THEN concat_ws(' ', f.properties ->> 'kind', '№ ' || (f.properties ->> 'permit_number')) END,
                         f.properties ->> 'address', f.properties ->> 'register_id', f.properties ->> 'number'), 500) AS label,
           ST_X(s.p) AS lon, ST_Y(s.p) AS lat
      FROM layers l
      JOIN features f ON f.layer_id = l.id AND f.id = ${featureId}
      CROSS JOIN LATERAL (SELECT ST_ClosestPoint(f.geom, ${lonLatPoint(lon, lat)}) AS p) s
     WHERE l.id = ${layer} AND l.is_public`.execute(db)
  return rows[0]
}

/**
 * Where a new appeal of `category` at the point falls in the city; undefined when there is no
 * such city. An appeal about an object goes to the organisation that holds it, before any rule.
 */
export async function locateAppeal(db: Kysely<DB>, city: string, category: string, lon: number, lat: number, object?: { layer: string; featureId: number }): Promise<AppealLocation | undefined> {
  const point = lonLatPoint(lon, lat)
  const swapped = lonLatPoint(lat, lon)
  const { rows } = await sql<AppealLocation>`
    WITH c AS (SELECT * FROM cities WHERE id = ${city}),
         d AS (${districtAt(city, point)})
    SELECT c.name AS city_name, c.code AS city_code,
           (c.boundary IS NULL OR ST_Intersects(c.boundary, ${point})) AS inside,
           (c.boundary IS NOT NULL AND ST_Intersects(c.boundary, ${swapped})) AS swapped_inside,
           (SELECT id FROM d) AS district_id, (SELECT name FROM d) AS district,
           coalesce(${object ? sql`object_owner(${object.layer}, ${object.featureId})` : sql`NULL`}, route_appeal(${city}, ${category}, (SELECT id FROM d))) AS organisation_id
      FROM c`.execute(db)
  return rows[0]
}

const IDEMPOTENCY_SCOPE = 'appeals:create'

/**
 * What an `Idempotency-Key` of appeal filing holds: the request's hash, and the receipt once
 * the filing committed (null before); undefined for a key never used.
 */
export async function findIdempotencyRecord(db: Kysely<DB>, key: string): Promise<{ request_hash: string; response: AppealReceipt | null } | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response'])
    // Only `storeIdempotentReceipt` writes the response, always a receipt.
    .$narrowType<{ response: AppealReceipt | null }>()
    .where('scope', '=', IDEMPOTENCY_SCOPE)
    .where('key', '=', key)
    .executeTakeFirst()
}

/**
 * Claims an `Idempotency-Key` for a filing. Waits for a concurrent filing with the same key;
 * false when that one (or an earlier one) committed.
 */
export async function claimIdempotencyKey(trx: Transaction<DB>, key: string, requestHash: string): Promise<boolean> {
  const row = await trx
    .insertInto('idempotency_keys')
    .values({ scope: IDEMPOTENCY_SCOPE, key, request_hash: requestHash })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst()
  return row !== undefined
}

/** Keeps the receipt of a filing under its claimed key, for retries to get. */
export async function storeIdempotentReceipt(trx: Transaction<DB>, key: string, appealId: number, receipt: AppealReceipt): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ appeal_id: appealId, response: JSON.stringify(receipt) })
    .where('scope', '=', IDEMPOTENCY_SCOPE)
    .where('key', '=', key)
    .execute()
}

/** The transaction's moment, and its year in Kyiv (appeal numbers count by it). */
export async function filingClock(trx: Transaction<DB>): Promise<{ now: Date; year: number }> {
  const { rows } = await sql<{ now: Date; year: number }>`SELECT now() AS now, extract(year FROM now() AT TIME ZONE 'Europe/Kyiv')::int AS year`.execute(trx)
  const clock = rows[0]
  if (!clock) throw new Error('the database gave no clock row')
  return clock
}

/** Counts one more appeal of the city in the year and returns its ordinal (1 for the first). */
export async function countAppealOfYear(trx: Transaction<DB>, cityId: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('appeal_counters')
    .values({ city_id: cityId, year, last: 1 })
    .onConflict((oc) => oc.columns(['city_id', 'year']).doUpdateSet({ last: sql<number>`appeal_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow()
  return row.last
}

/** A new appeal as it is written, its place given as longitude and latitude. */
export type NewAppeal = Omit<Insertable<DB['appeals']>, 'geom'> & { lon: number; lat: number }

/** Writes a new appeal; returns its id and, when the public map draws it, its feature there. */
export async function insertAppeal(trx: Transaction<DB>, appeal: NewAppeal): Promise<{ id: number; featureId: number | null }> {
  const { lon, lat, ...columns } = appeal
  const row = await trx
    .insertInto('appeals')
    .values({ ...columns, geom: lonLatPoint(lon, lat) })
    .returning(['id', 'feature_id'])
    .executeTakeFirstOrThrow()
  return { id: row.id, featureId: row.feature_id === null ? null : Number(row.feature_id) }
}
