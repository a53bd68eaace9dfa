import { sql, type Kysely } from 'kysely'
import type { DB, LocalizedJson } from '../db/index.ts'

/** A city as the catalogue shows it. */
export interface City {
  id: string
  code: string
  name: LocalizedJson
  center: [number, number]
  zoom: number
  /** Lon/lat extent of the boundary `[w, s, e, n]`, null before it is known. */
  bbox: [number, number, number, number] | null
  boundaryApproximate: boolean
}

function citiesQuery(db: Kysely<DB>) {
  return db
    .selectFrom('cities')
    .select([
      'id',
      'code',
      'name',
      'zoom',
      'boundary_approximate as boundaryApproximate',
      sql<[number, number]>`ARRAY[ST_X(center), ST_Y(center)]`.as('center'),
      sql<[number, number, number, number] | null>`CASE WHEN boundary IS NULL THEN NULL
        ELSE ARRAY[ST_XMin(boundary), ST_YMin(boundary), ST_XMax(boundary), ST_YMax(boundary)] END`.as('bbox'),
    ])
}

/** Every city, in the order they were added. */
export async function listCities(db: Kysely<DB>): Promise<City[]> {
  return (await citiesQuery(db).orderBy('created_at').orderBy('id').execute()) as City[]
}

/** One city, or undefined. */
export async function findCity(db: Kysely<DB>, id: string): Promise<City | undefined> {
  return (await citiesQuery(db).where('id', '=', id).executeTakeFirst()) as City | undefined
}

/** A district of a city, as alerts and appeal filters name it. */
export interface District {
  id: number
  name: string
}

/** The districts of a city by name; empty for a city without districts (or an unknown one). */
export async function listDistricts(db: Kysely<DB>, cityId: string): Promise<District[]> {
  return db.selectFrom('districts').select(['id', 'name']).where('city_id', '=', cityId).orderBy('name').execute()
}
