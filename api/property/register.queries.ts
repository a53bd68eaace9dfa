/** The property manager's writes: register lines and offers, with their district found from the place. */
import { type Insertable, sql, type Transaction, type Updateable } from 'kysely'
import type { DB } from '../../db/index.ts'

/** The place of a line or an offer as GeoJSON text, and the district of the city it lies in. */
function placed(cityId: string, geojson: string) {
  const geom = sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326)`
  return {
    geom,
    district_id: sql<number | null>`(SELECT id FROM districts WHERE city_id = ${cityId} AND ST_Intersects(geom, ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326))) LIMIT 1)`,
  }
}


export type PropertyColumns = Omit<Updateable<DB['property_objects']>, 'id' | 'geom' | 'district_id' | 'feature_id' | 'created_at' | 'updated_at' | 'city_id' | 'source'> & { geojson?: string | null }

/** Writes a register line; returns its id, or undefined when the city has a line with that register id. */
export async function insertPropertyObject(trx: Transaction<DB>, cityId: string, columns: PropertyColumns): Promise<number | undefined> {
  const { geojson, ...rest } = columns
  const row = await trx
    .insertInto('property_objects')
    .values({ ...(rest as Omit<Insertable<DB['property_objects']>, 'city_id'>), city_id: cityId, source: 'staff', ...(geojson ? placed(cityId, geojson) : {}) })
    .onConflict((oc) => oc.columns(['city_id', 'register_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

/** Changes a register line; false when another line of the city has the new register id. */
export async function updatePropertyObject(trx: Transaction<DB>, id: number, cityId: string, columns: PropertyColumns): Promise<boolean> {
  const { geojson, ...rest } = columns
  if (rest.register_id !== undefined) {
    const taken = await trx.selectFrom('property_objects').select('id').where('city_id', '=', cityId).where('register_id', '=', rest.register_id).where('id', '<>', id).executeTakeFirst()
    if (taken) return false
  }
  await trx
    .updateTable('property_objects')
    .set({ ...rest, ...(geojson !== undefined && (geojson === null ? { geom: null, district_id: null } : placed(cityId, geojson))), updated_at: sql<Date>`now()` as unknown as Date })
    .where('id', '=', id)
    .execute()
  return true
}

/** A register line as it is now, locked for a change. */
export async function lockPropertyObject(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('property_objects').selectAll().select(sql<string | null>`ST_AsGeoJSON(geom)`.as('geojson')).where('id', '=', id).forUpdate().executeTakeFirst()
}

export type InvestmentColumns = Omit<Updateable<DB['investment_objects']>, 'id' | 'geom' | 'district_id' | 'feature_id' | 'created_at' | 'updated_at' | 'city_id'> & { geojson?: string }

/** Writes an offer; returns its id. */
export async function insertInvestmentObject(trx: Transaction<DB>, cityId: string, columns: InvestmentColumns & { geojson: string }): Promise<number> {
  const { geojson, ...rest } = columns
  const row = await trx
    .insertInto('investment_objects')
    .values({ ...(rest as Omit<Insertable<DB['investment_objects']>, 'city_id' | 'geom'>), city_id: cityId, ...placed(cityId, geojson) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Changes an offer. */
export async function updateInvestmentObject(trx: Transaction<DB>, id: number, cityId: string, columns: InvestmentColumns): Promise<void> {
  const { geojson, ...rest } = columns
  await trx
    .updateTable('investment_objects')
    .set({ ...rest, ...(geojson !== undefined && placed(cityId, geojson)), updated_at: sql<Date>`now()` as unknown as Date })
    .where('id', '=', id)
    .execute()
}

/** An offer as it is now, locked for a change. */
export async function lockInvestmentObject(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('investment_objects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** A register line's place, area and purpose, for an offer made of it. */
export async function propertyBasics(trx: Transaction<DB>, cityId: string, id: number): Promise<{ geojson: string | null; area_m2: number | null; purpose_code: string | null; address: string | null; balance_holder_id: string | null } | undefined> {
  return trx
    .selectFrom('property_objects')
    .select(['area_m2', 'purpose_code', 'address', 'balance_holder_id'])
    .select(sql<string | null>`ST_AsGeoJSON(geom)`.as('geojson'))
    .where('id', '=', id)
    .where('city_id', '=', cityId)
    .where('sensitive', '=', false)
    .executeTakeFirst()
}
