import { sql, type Kysely, type Transaction } from 'kysely'
import { type DB, lonLatPoint } from '../../db/index.ts'

/** Where a subscription's alerts come from: a district of the city, a circle around a point, or a drawn area (GeoJSON text; works only). */
export type SubscriptionArea = { district: number } | { lon: number; lat: number; radiusM: number } | { polygon: string }

/** The name of a district of the city; undefined when the city has no such district. */
export async function findDistrictName(db: Kysely<DB>, cityId: string, districtId: number): Promise<string | undefined> {
  const row = await db.selectFrom('districts').select('name').where('id', '=', districtId).where('city_id', '=', cityId).executeTakeFirst()
  return row?.name
}

/** Whether the point is within the city's boundary (true for a city without one); undefined when there is no such city. */
export async function cityHoldsPoint(db: Kysely<DB>, cityId: string, lon: number, lat: number): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('cities')
    .select(sql<boolean>`boundary IS NULL OR ST_Intersects(boundary, ${lonLatPoint(lon, lat)})`.as('inside'))
    .where('id', '=', cityId)
    .executeTakeFirst()
  return row?.inside
}

/** Records an unconfirmed subscription under its token: to new appeals, or to works. */
export async function insertSubscription(
  trx: Transaction<DB>,
  s: { email: string; cityId: string; area: SubscriptionArea; token: string; locale: 'uk' | 'en'; topic?: 'appeals' | 'works' },
): Promise<void> {
  const area = 'district' in s.area
    ? { district_id: s.area.district, center: null, radius_m: null }
    : 'polygon' in s.area
      ? { district_id: null, center: null, radius_m: null, area: sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${s.area.polygon}), 4326)` }
      : { district_id: null, center: lonLatPoint(s.area.lon, s.area.lat), radius_m: s.area.radiusM }
  await trx
    .insertInto('appeal_subscriptions')
    .values({ email: s.email, city_id: s.cityId, ...area, token: s.token, locale: s.locale, topic: s.topic ?? 'appeals' })
    .execute()
}

/** Whether a place (GeoJSON text: a drawn area, a point, an object's shape) is valid and meets the city's boundary (true for a city without one); undefined when there is no such city. */
export async function cityHoldsArea(db: Kysely<DB>, cityId: string, polygon: string): Promise<boolean | undefined> {
  const { rows } = await sql<{ inside: boolean }>`
    SELECT ST_IsValid(a) AND (c.boundary IS NULL OR ST_Intersects(c.boundary, a)) AS inside
      FROM cities c, (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${polygon}), 4326) AS a) g WHERE c.id = ${cityId}`.execute(db)
  return rows[0]?.inside
}

/** Confirms the subscription of the token (a second time changes nothing); false when there is none. */
export async function confirmSubscription(db: Kysely<DB>, token: string): Promise<boolean> {
  const row = await db
    .updateTable('appeal_subscriptions')
    .set({ confirmed_at: sql<Date>`coalesce(confirmed_at, now())` })
    .where('token', '=', token)
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/** Ends the subscription of the token; nothing when there is none. */
export async function deleteSubscription(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('appeal_subscriptions').where('token', '=', token).execute()
}

/** A confirmed subscriber to alert. */
export interface AlertSubscriber {
  email: string
  token: string
  locale: 'uk' | 'en'
}

/** The confirmed subscribers whose district or circle holds the appeal. */
export async function alertSubscribersOf(db: Kysely<DB>, appealId: number): Promise<AlertSubscriber[]> {
  const { rows } = await sql<AlertSubscriber>`
    SELECT s.email, s.token, s.locale FROM appeal_subscriptions s, appeals a
     WHERE a.id = ${appealId} AND s.city_id = a.city_id AND s.confirmed_at IS NOT NULL AND s.topic = 'appeals'
       AND (s.district_id = a.district_id
            OR (s.center IS NOT NULL AND ST_DWithin(s.center::geography, a.geom::geography, s.radius_m)))`.execute(db)
  return rows
}
