/** The demo budgets' SQL: the Marhanets projects as its layer holds them, places in Kyiv's districts, and the dates a written demo is given. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'

// One loader of the demo budgets at a time, across processes sharing the database.
const DEMO_BUDGETS_LOCK = 7_301_202_620

/** Waits for the demo budgets' lock, held by this connection until {@link unlockDemoBudgets}. */
export async function lockDemoBudgets(conn: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_lock(${DEMO_BUDGETS_LOCK}::bigint)`.execute(conn)
}

/** Lets the next loader of the demo budgets in. */
export async function unlockDemoBudgets(conn: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_unlock(${DEMO_BUDGETS_LOCK}::bigint)`.execute(conn)
}

/** Whether the city has an edition of this title. */
export async function editionExists(db: Kysely<DB>, cityId: string, titleUk: string): Promise<boolean> {
  const row = await db.selectFrom('budget_editions').select('id').where('city_id', '=', cityId).where(sql<boolean>`title ->> 'uk' = ${titleUk}`).executeTakeFirst()
  return row !== undefined
}

/** A winning project of Marhanets as the city published it. */
export interface MarhanetsProject {
  name: string
  type: string | null
  address: string | null
  city_budget: string | null
  own_budget: string | null
  total_budget: string | null
  votes: string | null
  lon: number
  lat: number
}

/** The projects of a participatory-budget layer, in the layer's order. */
export async function listLayerProjects(db: Kysely<DB>, layerId: string): Promise<MarhanetsProject[]> {
  const { rows } = await sql<MarhanetsProject>`
    SELECT properties ->> 'name' AS name, properties ->> 'project_type' AS type, properties ->> 'address' AS address,
           properties ->> 'city_budget' AS city_budget, properties ->> 'own_budget' AS own_budget,
           properties ->> 'total_budget' AS total_budget, properties ->> 'votes' AS votes,
           ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
      FROM features WHERE layer_id = ${layerId} AND properties ? 'name'
     ORDER BY id`.execute(db)
  return rows
}

/** The districts of a city by name. */
export async function districtsNamed(db: Kysely<DB>, cityId: string, names: readonly string[]): Promise<Array<{ id: number; name: string }>> {
  return db.selectFrom('districts').select(['id', 'name']).where('city_id', '=', cityId).where('name', 'in', names).orderBy('id').execute()
}

/** A point inside a district, at least 300 m from its edge, the same for the same seed on every machine. */
export async function pointInDistrict(db: Kysely<DB>, districtId: number, seed: number): Promise<[number, number]> {
  const { rows } = await sql<{ lon: number; lat: number }>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat
      FROM (SELECT ST_GeometryN(ST_GeneratePoints(ST_Buffer(geom::geography, -300)::geometry, 1, ${seed}), 1) AS p FROM districts WHERE id = ${districtId}) g`.execute(db)
  return [rows[0]!.lon, rows[0]!.lat]
}

/** Dates an edition's proposals and ballots as made at these instants. */
export async function backdateEdition(trx: Transaction<DB>, editionId: number, at: { submitted: Date; reviewed: Date; voted: Date; created: Date }): Promise<void> {
  await trx.updateTable('budget_editions').set({ created_at: at.created }).where('id', '=', editionId).execute()
  await trx.updateTable('budget_proposals').set({ created_at: at.submitted, submitted_at: at.submitted }).where('edition_id', '=', editionId).execute()
  await trx.updateTable('budget_proposals').set({ reviewed_at: at.reviewed }).where('edition_id', '=', editionId).where('reviewed_at', 'is not', null).execute()
  await trx.updateTable('budget_ballots').set({ created_at: at.voted, updated_at: at.voted }).where('edition_id', '=', editionId).execute()
}
