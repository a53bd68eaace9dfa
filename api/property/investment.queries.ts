/** The investment map's SQL: the published offers with their filters, and what lies around an offer. */
import { type Kysely, type SqlBool, sql } from 'kysely'
import { type DB, type LocalizedJson, lonLatEnvelope } from '../../db/index.ts'
import type { InvestmentListQuery } from '../contract/index.ts'

/** One published offer as the public reads it. */
export interface InvestmentRow {
  id: number
  city_id: string
  property_id: number | null
  kind: 'land' | 'premises' | 'brownfield'
  title: LocalizedJson
  description: LocalizedJson
  area_m2: number
  purpose_code: string | null
  permitted_use: LocalizedJson
  deal: 'lease' | 'sale'
  start_price: number | null
  term_years: number | null
  utilities: string[]
  status: 'available' | 'at_auction' | 'leased' | 'sold'
  auction_lot_id: string | null
  contact_organisation: string | null
  contact_email: string | null
  contact_phone: string | null
  address: string | null
  district_id: number | null
  district_name: string | null
  published: boolean
  geometry: unknown
  synthetic: boolean
  updated_at: Date
  /** The offer's own photos, then its register line's (none of a sensitive line). */
  photos: Array<{ id: number; caption: string; property_id: number | null }>
}

/** The filters of a search, as the contract parses them (paging and format aside); `within` parsed. */
export type InvestmentFilters = Omit<InvestmentListQuery, 'limit' | 'offset' | 'format' | 'within'> & {
  within?: object | undefined
  /** Only this offer: whether it satisfies the rest (a saved search meeting a new offer). */
  id?: number | undefined
}

function searchOf(db: Kysely<DB>, f: InvestmentFilters) {
  return db
    .selectFrom('investment_objects as i')
    .where('i.published', '=', true)
    .$if(f.id !== undefined, (q) => q.where('i.id', '=', f.id!))
    .$if(f.city !== undefined, (q) => q.where('i.city_id', '=', f.city!))
    .$if(f.kind !== undefined, (q) => q.where('i.kind', 'in', f.kind!))
    .$if(f.status !== undefined, (q) => q.where('i.status', 'in', f.status!))
    .$if(f.deal !== undefined, (q) => q.where('i.deal', '=', f.deal!))
    .$if(f.district !== undefined, (q) => q.where('i.district_id', '=', f.district!))
    .$if(f.area_min !== undefined, (q) => q.where('i.area_m2', '>=', f.area_min!))
    .$if(f.area_max !== undefined, (q) => q.where('i.area_m2', '<=', f.area_max!))
    .$if(f.price_max !== undefined, (q) => q.where('i.start_price', '<=', f.price_max!))
    .$if(f.purpose !== undefined, (q) => q.where((eb) => eb.or([eb('i.purpose_code', '=', f.purpose!), eb('i.purpose_code', 'like', `${f.purpose!}.%`)])))
    .$if(f.bbox !== undefined, (q) => q.where(sql<SqlBool>`ST_Intersects(i.geom, ${lonLatEnvelope(f.bbox!)})`))
    .$if(f.within !== undefined, (q) => q.where(sql<SqlBool>`ST_Intersects(i.geom, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(f.within)}), 4326))`))
}

function publicColumns(db: Kysely<DB>, includeUnpublished = false) {
  return db
    .selectFrom('investment_objects as i')
    .leftJoin('districts as d', 'd.id', 'i.district_id')
    .leftJoin('organisations as o', 'o.id', 'i.contact_organisation_id')
    .select([
      'i.id', 'i.city_id', 'i.property_id', 'i.kind', 'i.title', 'i.description', 'i.area_m2', 'i.purpose_code', 'i.permitted_use', 'i.deal',
      'i.start_price', 'i.term_years', 'i.utilities', 'i.status', 'i.auction_lot_id', 'i.contact_email', 'i.contact_phone', 'i.address',
      'i.district_id', 'i.published', 'i.synthetic', 'i.updated_at', 'd.name as district_name',
    ])
    .select([
      sql<string | null>`o.name ->> 'uk'`.as('contact_organisation'),
      sql<unknown>`ST_AsGeoJSON(i.geom, 7)::json`.as('geometry'),
      sql<InvestmentRow['photos']>`coalesce((SELECT json_agg(json_build_object('id', ph.id, 'caption', ph.caption, 'property_id', ph.property_id) ORDER BY ph.property_id NULLS FIRST, ph.id)
                                               FROM object_photos ph LEFT JOIN property_objects po ON po.id = ph.property_id
                                              WHERE ph.investment_id = i.id OR (ph.property_id = i.property_id AND NOT po.sensitive)), '[]')`.as('photos'),
    ])
    .$if(!includeUnpublished, (q) => q.where('i.published', '=', true))
}

/** Whether a drawn area is a valid polygon the database can read: the error when not. */
export async function checkDrawnArea(db: Kysely<DB>, area: object): Promise<string | null> {
  try {
    const { rows } = await sql<{ valid: boolean; kind: string }>`
      SELECT ST_IsValid(g) AS valid, GeometryType(g) AS kind FROM (SELECT ST_GeomFromGeoJSON(${JSON.stringify(area)}) AS g) a`.execute(db)
    const row = rows[0]
    if (!row || !['POLYGON', 'MULTIPOLYGON'].includes(row.kind)) return 'must be a GeoJSON Polygon or MultiPolygon'
    return row.valid ? null : 'the polygon is not valid (it crosses itself)'
  } catch {
    return 'is not a GeoJSON geometry'
  }
}

/** How many published offers satisfy the filters. */
export async function countInvestmentObjects(db: Kysely<DB>, filters: InvestmentFilters): Promise<number> {
  const row = await searchOf(db, filters).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  return row.n
}

/** A page of the published offers that satisfy the filters, by id; every match when `limit` is undefined. */
export async function listInvestmentObjects(db: Kysely<DB>, filters: InvestmentFilters, limit?: number, offset = 0): Promise<InvestmentRow[]> {
  return (await publicColumns(db)
    .where('i.id', 'in', searchOf(db, filters).select('i.id'))
    .orderBy('i.id')
    .$if(limit !== undefined, (q) => q.limit(limit!).offset(offset))
    .execute()) as InvestmentRow[]
}

/** One published offer (any offer, for the staff who keep them), or undefined. */
export async function findInvestmentObject(db: Kysely<DB>, id: number, includeUnpublished = false): Promise<InvestmentRow | undefined> {
  return (await publicColumns(db, includeUnpublished).where('i.id', '=', id).executeTakeFirst()) as InvestmentRow | undefined
}

/** A planning zone an offer lies in. */
export interface ZoneRow {
  layer: string
  zone: string
  title: LocalizedJson
}

/** The nearest feature of a kind of layer, and how far it is. */
export interface NearestRow {
  metres: number
  name: string | null
  layer: string
}

/** What lies around an offer: the zones it is in, and the nearest road, railway and stop. */
export interface Surroundings {
  zoning: ZoneRow[]
  nearest: { main_road: NearestRow | null; rail: NearestRow | null; public_transport: NearestRow | null }
}

/**
 * What lies around each of the offers, in four statements whatever their number:
 * - the zones of the city's public planning layers (theme `urban-planning`) at the offer's
 *   point on surface, by the field each layer colours its zones by;
 * - the nearest main road (a public layer `<city>-main-roads`), railway (`<city>-railways`) and
 *   public-transport stop or station (public point layers of theme `transport`), where the city
 *   has such a layer; metres on the ellipsoid, to the offer's edge.
 */
export async function surroundingsOf(db: Kysely<DB>, offerIds: readonly number[]): Promise<Map<number, Surroundings>> {
  const ids = [...offerIds]
  const out = new Map<number, Surroundings>(ids.map((id) => [id, { zoning: [], nearest: { main_road: null, rail: null, public_transport: null } }]))
  if (!ids.length) return out
  const zones = await sql<ZoneRow & { offer: number }>`
    SELECT i.id AS offer, l.id AS layer, f.properties ->> coalesce(l.style ->> 'categoryField', 'zone') AS zone, l.title
      FROM investment_objects i
      JOIN layers l ON l.city_id = i.city_id AND l.theme = 'urban-planning' AND l.is_public
      JOIN features f ON f.layer_id = l.id AND ST_Intersects(f.geom, ST_PointOnSurface(i.geom))
     WHERE i.id = ANY(${ids}::bigint[]) AND f.properties ? coalesce(l.style ->> 'categoryField', 'zone')
     ORDER BY i.id, l.id`.execute(db)
  for (const { offer, ...zone } of zones.rows) out.get(offer)?.zoning.push(zone)
  const nearestIn = async (kind: keyof Surroundings['nearest'], layerCondition: ReturnType<typeof sql<SqlBool>>) => {
    const { rows } = await sql<NearestRow & { offer: number }>`
      SELECT DISTINCT ON (i.id) i.id AS offer, round(ST_Distance(f.geom::geography, i.geom::geography))::int AS metres,
             coalesce(f.properties ->> 'name', f.properties ->> 'station', f.properties ->> 'stop_name') AS name, l.id AS layer
        FROM investment_objects i
        JOIN layers l ON l.city_id = i.city_id AND l.is_public AND ${layerCondition}
        CROSS JOIN LATERAL (SELECT geom, properties FROM features WHERE layer_id = l.id ORDER BY geom <-> i.geom LIMIT 1) f
       WHERE i.id = ANY(${ids}::bigint[])
       ORDER BY i.id, metres`.execute(db)
    for (const { offer, ...nearest } of rows) out.get(offer)!.nearest[kind] = nearest
  }
  // One after another: a page of offers must not take every connection of the pool.
  await nearestIn('main_road', sql<SqlBool>`l.id = i.city_id || '-main-roads'`)
  await nearestIn('rail', sql<SqlBool>`l.id = i.city_id || '-railways'`)
  await nearestIn('public_transport', sql<SqlBool>`l.theme = 'transport' AND l.geometry_type = 'point'`)
  return out
}

/** A confirmed saved search of the city. */
export interface SavedSearch {
  id: number
  email: string
  token: string
  locale: 'uk' | 'en'
  filters: Record<string, unknown>
}

/** The confirmed saved searches of a city. */
export async function confirmedSearches(db: Kysely<DB>, cityId: string): Promise<SavedSearch[]> {
  return (await db
    .selectFrom('investment_searches')
    .select(['id', 'email', 'token', 'locale', 'filters'])
    .where('city_id', '=', cityId)
    .where('confirmed_at', 'is not', null)
    .orderBy('id')
    .execute()) as SavedSearch[]
}

/** Records an unconfirmed saved search under its token. */
export async function insertSearch(db: Kysely<DB>, s: { email: string; cityId: string; filters: Record<string, unknown>; token: string; locale: 'uk' | 'en' }): Promise<void> {
  await db.insertInto('investment_searches').values({ email: s.email, city_id: s.cityId, filters: JSON.stringify(s.filters), token: s.token, locale: s.locale }).execute()
}

/** Confirms the saved search of the token; false when there is none. */
export async function confirmSearch(db: Kysely<DB>, token: string): Promise<boolean> {
  const row = await db.updateTable('investment_searches').set({ confirmed_at: sql<Date>`coalesce(confirmed_at, now())` }).where('token', '=', token).returning('id').executeTakeFirst()
  return row !== undefined
}

/** Ends the saved search of the token. */
export async function deleteSearch(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('investment_searches').where('token', '=', token).execute()
}
