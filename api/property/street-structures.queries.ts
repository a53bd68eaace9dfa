/** The street registers' SQL: the public list with the effective permit status, and the property manager's writes. */
import { type Insertable, type Kysely, type SqlBool, sql, type Transaction, type Updateable } from 'kysely'
import { type DB, type LocalizedJson, lonLatEnvelope, lonLatPoint } from '../../db/index.ts'

/** A structure as the public reads it; the holder's name is stored only for an organisation. */
export interface StreetStructureRow {
  id: number
  city_id: string
  register: 'temporary' | 'advertising'
  kind: string
  permit_number: string | null
  permit_from: string | null
  permit_until: string | null
  status: 'valid' | 'expired' | 'illegal'
  holder_name: string | null
  organisation_id: string | null
  organisation_name: LocalizedJson | null
  business: string | null
  area_m2: number | null
  address: string | null
  geometry: unknown
  feature_id: number | null
  synthetic: boolean
  updated_at: Date
}

/** A permit recorded as valid whose end date has passed reads expired. */
const EFFECTIVE_STATUS = sql<string>`CASE WHEN s.status = 'valid' AND s.permit_until < (now() AT TIME ZONE 'Europe/Kyiv')::date THEN 'expired' ELSE s.status END`

export interface StreetStructureFilters {
  city?: string | undefined
  register?: 'temporary' | 'advertising' | undefined
  status?: readonly string[] | undefined
  bbox?: readonly [number, number, number, number] | undefined
}

function searchOf(db: Kysely<DB>, f: StreetStructureFilters) {
  return db
    .selectFrom('street_structures as s')
    .$if(f.city !== undefined, (q) => q.where('s.city_id', '=', f.city!))
    .$if(f.register !== undefined, (q) => q.where('s.register', '=', f.register!))
    .$if(f.status !== undefined, (q) => q.where(sql<SqlBool>`${EFFECTIVE_STATUS} = ANY(${[...f.status!]}::text[])`))
    .$if(f.bbox !== undefined, (q) => q.where(sql<SqlBool>`ST_Intersects(s.geom, ${lonLatEnvelope(f.bbox!)})`))
}

/** The structures that satisfy the filters, by id, and how many there are in all. */
export async function listStreetStructures(db: Kysely<DB>, f: StreetStructureFilters, limit: number, offset: number): Promise<{ matched: number; rows: StreetStructureRow[] }> {
  const [count, rows] = await Promise.all([
    searchOf(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    columns(db).where('s.id', 'in', searchOf(db, f).select('s.id')).orderBy('s.id').limit(limit).offset(offset).execute(),
  ])
  return { matched: count.n, rows: rows as StreetStructureRow[] }
}

function columns(db: Kysely<DB>) {
  return db
    .selectFrom('street_structures as s')
    .leftJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.id', 's.city_id', 's.register', 's.kind', 's.permit_number', 's.holder_name', 's.organisation_id', 's.business', 's.area_m2', 's.address', 's.feature_id', 's.synthetic', 's.updated_at'])
    .select([
      sql<string | null>`s.permit_from::text`.as('permit_from'),
      sql<string | null>`s.permit_until::text`.as('permit_until'),
      EFFECTIVE_STATUS.as('status'),
      sql<LocalizedJson | null>`o.name`.as('organisation_name'),
      sql<unknown>`ST_AsGeoJSON(s.geom, 7)::json`.as('geometry'),
    ])
}

/** One structure, or undefined. */
export async function findStreetStructure(db: Kysely<DB>, id: number): Promise<StreetStructureRow | undefined> {
  return (await columns(db).where('s.id', '=', id).executeTakeFirst()) as StreetStructureRow | undefined
}

export type StreetStructureColumns = Omit<Updateable<DB['street_structures']>, 'id' | 'geom' | 'district_id' | 'feature_id' | 'created_at' | 'updated_at' | 'city_id'> & { lonLat?: [number, number] }

function placed(cityId: string, [lon, lat]: [number, number]) {
  return {
    geom: lonLatPoint(lon, lat),
    district_id: sql<number | null>`(SELECT id FROM districts WHERE city_id = ${cityId} AND ST_Intersects(geom, ${lonLatPoint(lon, lat)}) LIMIT 1)`,
  }
}

/** Writes a structure; returns its id. */
export async function insertStreetStructure(trx: Transaction<DB>, cityId: string, c: StreetStructureColumns & { lonLat: [number, number] }): Promise<number> {
  const { lonLat, ...rest } = c
  const row = await trx
    .insertInto('street_structures')
    .values({ ...(rest as Omit<Insertable<DB['street_structures']>, 'city_id' | 'geom'>), city_id: cityId, ...placed(cityId, lonLat) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Changes a structure. */
export async function updateStreetStructure(trx: Transaction<DB>, id: number, cityId: string, c: StreetStructureColumns): Promise<void> {
  const { lonLat, ...rest } = c
  await trx
    .updateTable('street_structures')
    .set({ ...rest, ...(lonLat && placed(cityId, lonLat)), updated_at: sql<Date>`now()` as unknown as Date })
    .where('id', '=', id)
    .execute()
}

/** A structure as it is now, locked for a change. */
export async function lockStreetStructure(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('street_structures').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}
