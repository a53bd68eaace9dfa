/** The demo register's SQL: Kyiv's parcels as the land register, Marhanets's objects as premises, the offers made of them. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'

// One loader of the demo register at a time, across processes sharing the database.
const DEMO_PROPERTY_LOCK = 7_301_202_621

/** Runs `work` holding the demo register's lock on one connection. */
export async function withDemoPropertyLock(db: Kysely<DB>, work: (conn: Kysely<DB>) => Promise<void>): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${DEMO_PROPERTY_LOCK}::bigint)`.execute(conn)
    try {
      await work(conn)
    } finally {
      await sql`SELECT pg_advisory_unlock(${DEMO_PROPERTY_LOCK}::bigint)`.execute(conn)
    }
  })
}

/** Whether the city's register already holds demo lines. */
export async function hasDemoRegister(db: Kysely<DB>, cityId: string): Promise<boolean> {
  const row = await db.selectFrom('property_objects').select('id').where('city_id', '=', cityId).where('source', '=', 'demo').limit(1).executeTakeFirst()
  return row !== undefined
}

/** Whether the city has offers to investors. */
export async function hasInvestmentObjects(db: Kysely<DB>, cityId: string): Promise<boolean> {
  const row = await db.selectFrom('investment_objects').select('id').where('city_id', '=', cityId).limit(1).executeTakeFirst()
  return row !== undefined
}

// Text dates of the parcels' lease records: DD.MM.YYYY, YYYY/MM/DD or YYYY-MM-DD.
const LEASE_DATE = (field: string) => sql`CASE
  WHEN f.properties ->> ${field} ~ '^\\d{2}\\.\\d{2}\\.\\d{4}$' THEN to_date(f.properties ->> ${field}, 'DD.MM.YYYY')
  WHEN f.properties ->> ${field} ~ '^\\d{4}[/-]\\d{2}[/-]\\d{2}$' THEN to_date(replace(f.properties ->> ${field}, '/', '-'), 'YYYY-MM-DD')
  END`

/**
 * Copies a parcels layer into the city's land register, one line per cadastral number. A lease
 * whose end lies ahead makes the parcel `leased`; any other parcel is recorded `in_use` by its
 * holder, since the cadastral extract says nothing more. `lessees` names the lessee of a parcel
 * only when it is an organisation; a person's name is never passed in. Communal parcels are held
 * by `holderId`.
 */
export async function copyParcelsToRegister(
  trx: Transaction<DB>,
  cityId: string,
  parcelsLayer: string,
  lessees: Record<string, { organisation: boolean; name: string | null }>,
  holderId: string,
): Promise<number> {
  // A copy of the layer, as an import is: no time limit on its statements.
  await sql`SET LOCAL statement_timeout = 0`.execute(trx)
  const { rows } = await sql<{ id: number }>`
    INSERT INTO property_objects (city_id, kind, register_id, cadastral_number, owner_name, balance_holder_id, purpose_code, purpose, area_m2,
                                  status, leased_from, leased_until, district_id, geom, source)
    SELECT DISTINCT ON (f.properties ->> 'cadnum')
           ${cityId}, 'land', f.properties ->> 'cadnum', f.properties ->> 'cadnum',
           CASE f.properties ->> 'ownership' WHEN 'Комунальна власність' THEN 'Територіальна громада міста Києва' WHEN 'Державна власність' THEN 'Держава Україна' END,
           CASE WHEN f.properties ->> 'ownership' = 'Комунальна власність' THEN ${holderId} END,
           substring(f.properties ->> 'purpose' FROM '^(\\d{2}\\.\\d{2})'),
           nullif(coalesce(nullif(regexp_replace(f.properties ->> 'purpose', '^\\d{2}\\.\\d{2}\\s*', ''), ''), f.properties ->> 'land_use'), ''),
           nullif((f.properties ->> 'area_ha')::numeric * 10000, 0),
           CASE WHEN ${LEASE_DATE('rent_date_to')} >= current_date THEN 'leased' ELSE 'in_use' END,
           ${LEASE_DATE('rent_date_from')}, ${LEASE_DATE('rent_date_to')},
           (SELECT d.id FROM districts d WHERE d.city_id = ${cityId} AND ST_Intersects(d.geom, ST_PointOnSurface(f.geom)) LIMIT 1),
           f.geom, 'demo'
      FROM features f
     WHERE f.layer_id = ${parcelsLayer} AND f.properties ->> 'cadnum' ~ '^\\d{10}:\\d{2}:\\d{3}:\\d{4}$'
     ORDER BY f.properties ->> 'cadnum', f.id
    ON CONFLICT (city_id, register_id) DO NOTHING
    RETURNING id`.execute(trx)
  // The lessees in a statement of their own, found through the register's key: joined into the
  // copy above, the planner may read the whole list again for each parcel.
  await sql`
    UPDATE property_objects p
       SET lessee_kind = CASE WHEN (l.value ->> 'organisation')::boolean THEN 'organisation' ELSE 'person' END,
           lessee_name = CASE WHEN (l.value ->> 'organisation')::boolean THEN left(l.value ->> 'name', 1000) END
      FROM jsonb_each(${JSON.stringify(lessees)}::jsonb) l
     WHERE p.city_id = ${cityId} AND p.register_id = l.key AND p.source = 'demo'`.execute(trx)
  return rows.length
}

/** A municipal object of a demo layer, with its point. */
export interface LayerObject {
  feature_id: number
  category: string | null
  type: string | null
  name: string | null
  address: string | null
  registry_number: string | null
  area: string | null
  business: string | null
  has_contract: boolean | null
  lon: number
  lat: number
}

/** The objects of a demo layer, in the layer's order. */
export async function layerObjects(db: Kysely<DB>, layerId: string): Promise<LayerObject[]> {
  const { rows } = await sql<LayerObject>`
    SELECT f.id AS feature_id, f.properties ->> 'category' AS category, f.properties ->> 'type' AS type,
           nullif(f.properties ->> 'name', '') AS name, f.properties ->> 'address' AS address,
           f.properties ->> 'registry_number' AS registry_number, f.properties ->> 'area' AS area,
           f.properties ->> 'trade' AS business, (f.properties ->> 'has_contract')::boolean AS has_contract,
           ST_X(ST_PointOnSurface(f.geom)) AS lon, ST_Y(ST_PointOnSurface(f.geom)) AS lat
      FROM features f WHERE f.layer_id = ${layerId} ORDER BY f.id`.execute(db)
  return rows
}

/**
 * Communal parcels fit to offer investors: no lease ahead, a purpose of trade, services, industry
 * or transport, 0.1–5 ha; a few in each district, the same ones on every machine.
 */
export async function parcelsToOffer(db: Kysely<DB>, cityId: string, perDistrict: number): Promise<Array<{ id: number; cadastral_number: string; purpose_code: string; purpose: string | null; area_m2: number; district_id: number; district: string; lon: number; lat: number }>> {
  const { rows } = await sql<{ id: number; cadastral_number: string; purpose_code: string; purpose: string | null; area_m2: number; district_id: number; district: string; lon: number; lat: number }>`
    SELECT id, cadastral_number, purpose_code, purpose, area_m2, district_id, district, lon, lat FROM (
      SELECT p.id, p.cadastral_number, p.purpose_code, p.purpose, p.area_m2, p.district_id, d.name AS district,
             ST_X(ST_PointOnSurface(p.geom)) AS lon, ST_Y(ST_PointOnSurface(p.geom)) AS lat,
             row_number() OVER (PARTITION BY p.district_id ORDER BY md5(p.cadastral_number)) AS n
        FROM property_objects p JOIN districts d ON d.id = p.district_id
       WHERE p.city_id = ${cityId} AND p.kind = 'land' AND p.status = 'in_use' AND p.balance_holder_id IS NOT NULL
         AND p.purpose_code IN ('03.07', '03.08', '03.10', '11.02', '11.03', '12.04', '12.08')
         AND p.area_m2 BETWEEN 1000 AND 50000) ranked
     WHERE n <= ${perDistrict} ORDER BY district_id, n`.execute(db)
  return rows
}

/** Abandoned buildings with a name or an address, to offer as brownfield sites. */
export async function brownfieldCandidates(db: Kysely<DB>, layerId: string, limit: number): Promise<Array<{ name: string | null; address: string | null; area_m2: number; geojson: string; district_id: number | null }>> {
  const { rows } = await sql<{ name: string | null; address: string | null; area_m2: number; geojson: string; district_id: number | null }>`
    SELECT f.properties ->> 'name' AS name,
           nullif(concat_ws(', ', f.properties ->> 'addr_street', f.properties ->> 'addr_housenumber'), '') AS address,
           round(ST_Area(f.geom::geography))::numeric AS area_m2, ST_AsGeoJSON(f.geom, 7) AS geojson,
           (SELECT d.id FROM districts d JOIN layers l ON l.city_id = d.city_id WHERE l.id = ${layerId} AND ST_Intersects(d.geom, ST_PointOnSurface(f.geom)) LIMIT 1) AS district_id
      FROM features f
     WHERE f.layer_id = ${layerId} AND GeometryType(f.geom) IN ('POLYGON', 'MULTIPOLYGON') AND ST_Area(f.geom::geography) > 500
     ORDER BY ST_Area(f.geom::geography) DESC LIMIT ${limit}`.execute(db)
  return rows
}
