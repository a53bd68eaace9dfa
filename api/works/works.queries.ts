/** The works' SQL: the public search by window and place, one work, writes, and who to tell. */
import { type Kysely, type SqlBool, sql, type Transaction } from 'kysely'
import { type DB, type LocalizedJson, lonLatEnvelope } from '../../db/index.ts'
import type { WorkBody, WorkListQuery } from '../contract/index.ts'

/** A work as the public reads it. */
export interface WorkRow {
  id: number
  city_id: string
  kind: 'repair' | 'planned' | 'emergency'
  title: string
  description: string
  work_type: string
  status: 'planned' | 'in_progress' | 'done' | 'cancelled'
  property_id: number | null
  object_layer_id: string | null
  object_feature_id: number | null
  organisation_id: string | null
  organisation_name: LocalizedJson | null
  contractor: string | null
  contractor_edrpou: string | null
  cost: number | null
  spent: number | null
  prozorro_tender_id: string | null
  planned_start: string | null
  planned_end: string | null
  actual_start: string | null
  actual_end: string | null
  starts_at: Date | null
  ends_at: Date | null
  switched_off: string[]
  active_now: boolean
  photos: Array<{ id: number; stage: 'before' | 'after'; caption: string }>
  geometry: unknown
  synthetic: boolean
  updated_at: Date
}

export type WorkFilters = Omit<WorkListQuery, 'limit' | 'offset' | 'format'>

/** Whether a work is on at this moment: its window is open, or a repair is in progress. */
const ACTIVE_NOW = sql<boolean>`CASE WHEN w.kind = 'repair' THEN w.status = 'in_progress'
  ELSE w.status <> 'cancelled' AND w.starts_at <= now() AND w.ends_at > now() END`

// A repair's span: its actual dates, else its planned ones.
const SPAN_START = sql`coalesce(w.starts_at, (coalesce(w.actual_start, w.planned_start)::timestamp AT TIME ZONE 'Europe/Kyiv'))`
const SPAN_END = sql`coalesce(w.ends_at, ((coalesce(w.actual_end, w.planned_end) + 1)::timestamp AT TIME ZONE 'Europe/Kyiv'))`

function searchOf(db: Kysely<DB>, f: WorkFilters) {
  return db
    .selectFrom('works as w')
    .$if(f.city !== undefined, (q) => q.where('w.city_id', '=', f.city!))
    .$if(f.kind !== undefined, (q) => q.where('w.kind', 'in', f.kind!))
    .$if(f.status !== undefined, (q) => q.where('w.status', 'in', f.status!))
    .$if(f.switched_off !== undefined, (q) => q.where(sql<SqlBool>`w.switched_off && ${f.switched_off!}::text[]`))
    .$if(f.when === 'now', (q) => q.where(ACTIVE_NOW))
    .$if(f.when === 'upcoming', (q) => q.where(sql<SqlBool>`w.status <> 'cancelled' AND ${SPAN_START} > now()`))
    .$if(f.when === 'past', (q) => q.where(sql<SqlBool>`(w.status = 'done' OR ${SPAN_END} <= now())`))
    .$if(f.from !== undefined, (q) => q.where(sql<SqlBool>`${SPAN_END} > (${f.from!}::date)::timestamp AT TIME ZONE 'Europe/Kyiv'`))
    .$if(f.to !== undefined, (q) => q.where(sql<SqlBool>`${SPAN_START} < (${f.to!}::date + 1)::timestamp AT TIME ZONE 'Europe/Kyiv'`))
    .$if(f.bbox !== undefined, (q) => q.where(sql<SqlBool>`ST_Intersects(w.geom, ${lonLatEnvelope(f.bbox!)})`))
}

function publicColumns(db: Kysely<DB>) {
  return db
    .selectFrom('works as w')
    .leftJoin('organisations as o', 'o.id', 'w.organisation_id')
    .select([
      'w.id', 'w.city_id', 'w.kind', 'w.title', 'w.description', 'w.work_type', 'w.status', 'w.property_id', 'w.object_layer_id', 'w.object_feature_id',
      'w.organisation_id', 'w.contractor', 'w.contractor_edrpou', 'w.cost', 'w.spent', 'w.prozorro_tender_id', 'w.starts_at', 'w.ends_at',
      'w.switched_off', 'w.synthetic', 'w.updated_at',
    ])
    .select([
      sql<LocalizedJson | null>`o.name`.as('organisation_name'),
      sql<string | null>`w.planned_start::text`.as('planned_start'),
      sql<string | null>`w.planned_end::text`.as('planned_end'),
      sql<string | null>`w.actual_start::text`.as('actual_start'),
      sql<string | null>`w.actual_end::text`.as('actual_end'),
      ACTIVE_NOW.as('active_now'),
      sql<unknown>`ST_AsGeoJSON(w.geom, 7)::json`.as('geometry'),
      sql<WorkRow['photos']>`coalesce((SELECT json_agg(json_build_object('id', p.id, 'stage', p.stage, 'caption', p.caption) ORDER BY p.stage DESC, p.id)
                                         FROM work_photos p WHERE p.work_id = w.id), '[]')`.as('photos'),
    ])
}

/** How many works satisfy the filters. */
export async function countWorks(db: Kysely<DB>, filters: WorkFilters): Promise<number> {
  return (await searchOf(db, filters).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n
}

/** A page of the works that satisfy the filters, the latest start first; every match when `limit` is undefined. */
export async function listWorks(db: Kysely<DB>, filters: WorkFilters, limit?: number, offset = 0): Promise<WorkRow[]> {
  return (await publicColumns(db)
    .where('w.id', 'in', searchOf(db, filters).select('w.id'))
    .orderBy(sql`${SPAN_START} DESC NULLS LAST`)
    .orderBy('w.id', 'desc')
    .$if(limit !== undefined, (q) => q.limit(limit!).offset(offset))
    .execute()) as WorkRow[]
}

/** One work, or undefined. */
export async function findWork(db: Kysely<DB>, id: number): Promise<WorkRow | undefined> {
  return (await publicColumns(db).where('w.id', '=', id).executeTakeFirst()) as WorkRow | undefined
}

/** The columns of a work as staff write them; the place as GeoJSON text, a point widened by `radius_m`. */
export interface WorkColumns {
  city_id?: string
  kind?: 'repair' | 'planned' | 'emergency'
  title?: string
  description?: string
  work_type?: WorkBody['work_type']
  status?: 'planned' | 'in_progress' | 'done' | 'cancelled'
  property_id?: number | null
  object_layer_id?: string | null
  object_feature_id?: number | null
  organisation_id?: string | null
  contractor?: string | null
  contractor_edrpou?: string | null
  cost?: number | null
  spent?: number | null
  prozorro_tender_id?: string | null
  planned_start?: string | null
  planned_end?: string | null
  actual_start?: string | null
  actual_end?: string | null
  starts_at?: string | null
  ends_at?: string | null
  switched_off?: string[]
  place?: { geojson: string; radiusM: number | null }
}

function placeOf(place: NonNullable<WorkColumns['place']>) {
  return place.radiusM === null
    ? sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${place.geojson}), 4326)`
    : sql<string>`ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON(${place.geojson}), 4326)::geography, ${place.radiusM}, 'quad_segs=8')::geometry`
}

/** Writes a new work; returns its id. */
export async function insertWork(trx: Transaction<DB>, columns: WorkColumns & { city_id: string; place: NonNullable<WorkColumns['place']>; created_by: number | null }): Promise<number> {
  const { place, ...rest } = columns
  const row = await trx
    .insertInto('works')
    .values({ ...(rest as Required<Pick<WorkColumns, 'kind' | 'title' | 'work_type'>> & typeof rest), geom: placeOf(place) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Changes a work. */
export async function updateWork(trx: Transaction<DB>, id: number, columns: WorkColumns): Promise<void> {
  const { place, ...rest } = columns
  await trx
    .updateTable('works')
    .set({ ...rest, ...(place && { geom: placeOf(place) }), updated_at: sql<Date>`now()` as unknown as Date })
    .where('id', '=', id)
    .execute()
}

/** The work's row as it is now, locked for a change. */
export async function lockWork(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('works').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** A confirmed subscriber to works whose place the work reaches. */
export interface WorkSubscriber {
  email: string
  token: string
  locale: 'uk' | 'en'
}

/**
 * The confirmed subscribers to works whose district, circle or drawn area the work's place
 * meets, one row per address.
 */
export async function workSubscribersOf(db: Kysely<DB>, workId: number): Promise<WorkSubscriber[]> {
  const { rows } = await sql<WorkSubscriber>`
    SELECT DISTINCT ON (s.email) s.email, s.token, s.locale
      FROM appeal_subscriptions s
      JOIN works w ON w.id = ${workId} AND w.city_id = s.city_id
      LEFT JOIN districts d ON d.id = s.district_id
     WHERE s.topic = 'works' AND s.confirmed_at IS NOT NULL
       AND (ST_Intersects(d.geom, w.geom) OR ST_Intersects(s.area, w.geom)
            OR (s.center IS NOT NULL AND ST_DWithin(s.center::geography, w.geom::geography, s.radius_m)))
     ORDER BY s.email, s.id`.execute(db)
  return rows
}

/** Whether a feature exists in a public layer of the city. */
export async function featureInCity(db: Kysely<DB>, cityId: string, layerId: string, featureId: number): Promise<boolean> {
  const row = await db
    .selectFrom('features as f')
    .innerJoin('layers as l', 'l.id', 'f.layer_id')
    .select('f.id')
    .where('f.layer_id', '=', layerId)
    .where('f.id', '=', featureId)
    .where('l.city_id', '=', cityId)
    .executeTakeFirst()
  return row !== undefined
}

/** Whether a register line is of the city. */
export async function propertyInCity(db: Kysely<DB>, cityId: string, propertyId: number): Promise<boolean> {
  return (await db.selectFrom('property_objects').select('id').where('id', '=', propertyId).where('city_id', '=', cityId).executeTakeFirst()) !== undefined
}


/** How many photos a work has at a stage. */
export async function countWorkPhotos(trx: Transaction<DB>, workId: number, stage: 'before' | 'after'): Promise<number> {
  return (await trx.selectFrom('work_photos').select(sql<number>`count(*)::int`.as('n')).where('work_id', '=', workId).where('stage', '=', stage).executeTakeFirstOrThrow()).n
}

/** Records a photo of a work, its file staged under `key`. */
export async function insertWorkPhoto(trx: Transaction<DB>, p: { workId: number; stage: 'before' | 'after'; key: string; width: number; height: number; caption: string; userId: number }): Promise<void> {
  await trx.insertInto('work_photos').values({ work_id: p.workId, stage: p.stage, storage_key: p.key, width: p.width, height: p.height, caption: p.caption, created_by: p.userId }).execute()
}

/** The storage key of a work's photo, or undefined. */
export async function findWorkPhotoKey(db: Kysely<DB>, workId: number, photoId: number): Promise<string | undefined> {
  return (await db.selectFrom('work_photos').select('storage_key').where('work_id', '=', workId).where('id', '=', photoId).executeTakeFirst())?.storage_key
}
