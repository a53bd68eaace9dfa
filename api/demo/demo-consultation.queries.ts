/**
 * The demo consultation's SQL: the real parcels its synthetic zoning plan is drawn over, the
 * plan's features as the comments are pinned to them, and the dates a written demo is given.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'

// One loader of the demo consultation at a time, across processes sharing the database.
const DEMO_CONSULTATION_LOCK = 7_301_202_619

/** A real parcel as the synthetic plan takes it: its number, land category, area and shape. */
export interface CentreParcel {
  cadnum: string
  category: string | null
  area_ha: number | null
  geometry: { type: string; coordinates: unknown[] }
}

/**
 * The `count` parcels of a layer nearest to a point, nearest first (ties by cadastral number, so
 * the choice is the same on every machine). Parcels without a cadastral number are left out.
 */
export async function findParcelsNear(db: Kysely<DB>, layerId: string, centre: [number, number], count: number): Promise<CentreParcel[]> {
  const { rows } = await sql<CentreParcel>`
    SELECT properties->>'cadnum' AS cadnum, properties->>'category' AS category,
           (properties->>'area_ha')::float8 AS area_ha, ST_AsGeoJSON(geom, 7)::jsonb AS geometry
      FROM features
     WHERE layer_id = ${layerId} AND properties ? 'cadnum'
     ORDER BY ST_PointOnSurface(geom)::geography <-> ST_SetSRID(ST_MakePoint(${centre[0]}, ${centre[1]}), 4326)::geography, properties->>'cadnum'
     LIMIT ${count}`.execute(db)
  return rows
}

/** The id of the account with this e-mail, or undefined. */
export async function findAccountId(db: Kysely<DB>, email: string): Promise<number | undefined> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  return row?.id
}

/** The first consultation on a layer, or undefined when it has none. */
export async function findLayerConsultation(db: Kysely<DB>, layerId: string): Promise<number | undefined> {
  const row = await db.selectFrom('consultations').select('id').where('layer_id', '=', layerId).orderBy('id').executeTakeFirst()
  return row?.id
}

/** A feature of the plan as a comment is pinned to it: its zone and a point on it. */
export interface ZonedFeature {
  id: number
  zone: string
  lon: number
  lat: number
}

/** The features of a zoned layer with a point on each, in cadastral-number order. */
export async function listZonedFeatures(db: Kysely<DB>, layerId: string): Promise<ZonedFeature[]> {
  const { rows } = await sql<ZonedFeature>`
    SELECT id::int AS id, properties->>'zone' AS zone, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
      FROM features WHERE layer_id = ${layerId}
     ORDER BY properties->>'cadnum', id`.execute(db)
  return rows
}

/** Dates a consultation written now as made at `createdAt`. */
export async function backdateConsultation(trx: Transaction<DB>, consultationId: number, createdAt: Date): Promise<void> {
  await trx.updateTable('consultations').set({ created_at: createdAt }).where('id', '=', consultationId).execute()
}

/** Dates a comment written now as made at `createdAt` and, if it has an answer, answered at `answeredAt`. */
export async function backdateComment(trx: Transaction<DB>, commentId: number, createdAt: Date, answeredAt: Date | null): Promise<void> {
  await trx
    .updateTable('consultation_comments')
    .set({ created_at: createdAt, ...(answeredAt && { answered_at: answeredAt }) })
    .where('id', '=', commentId)
    .execute()
}

/** Waits for the demo consultation's lock, held by this connection until {@link unlockDemoConsultation}. */
export async function lockDemoConsultation(conn: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_lock(${DEMO_CONSULTATION_LOCK}::bigint)`.execute(conn)
}

/** Lets the next loader of the demo consultation in. */
export async function unlockDemoConsultation(conn: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_unlock(${DEMO_CONSULTATION_LOCK}::bigint)`.execute(conn)
}
