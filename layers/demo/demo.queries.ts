/** The demo catalogue's SQL: the load's state and lock, cities and their areas, the electoral districts. */
import { sql, type Kysely, type Transaction } from 'kysely'
import { type DB, lonLatPoint } from '../../db/index.ts'
import type { LayerDefinition } from '../catalogue/index.ts'
import type { DemoCity } from './demo-source.ts'

/** State of the demo data in `app_settings`. */
export type DemoDataState = 'absent' | 'loading' | 'ready'

const DEMO_KEY = 'demo_data'
// One loader at a time, across processes sharing the database.
const SEED_LOCK = 7_301_202_602
// One builder of the electoral districts at a time across replicas starting together, so the layer is built once.
const ELECTORAL_BUILD_LOCK = 7_301_202_608

/** Waits for, then holds, the demo load's lock on this connection. */
export async function lockDemoLoad(conn: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_lock(${SEED_LOCK})`.execute(conn)
}

/** Lets the next loader in. */
export async function unlockDemoLoad(conn: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_unlock(${SEED_LOCK})`.execute(conn)
}

/** Whether the demo data is absent, being loaded, or complete. */
export async function demoDataState(db: Kysely<DB>): Promise<DemoDataState> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', DEMO_KEY).executeTakeFirst()
  return (row?.value as DemoDataState | undefined) ?? 'absent'
}

/** True when the database holds no city at all: a fresh installation. */
export async function isEmptyDatabase(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('cities').select('id').limit(1).executeTakeFirst()
  return !row
}

/** Records where the demo load stands. */
export async function setDemoDataState(db: Kysely<DB>, state: DemoDataState): Promise<void> {
  await db
    .insertInto('app_settings')
    .values({ key: DEMO_KEY, value: JSON.stringify(state) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(state), updated_at: sql`now()` }))
    .execute()
}

/** The city's row, unless it exists. */
export async function insertCity(db: Kysely<DB>, city: DemoCity): Promise<void> {
  await db
    .insertInto('cities')
    .values({
      id: city.slug,
      code: city.code,
      name: JSON.stringify(city.name),
      center: lonLatPoint(city.center[0], city.center[1]),
      zoom: city.zoom,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

/** The city's boundary and districts from its layers, in one transaction. */
export async function deriveCityAreas(db: Kysely<DB>, city: DemoCity): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const recipe = city.boundary
    const polygons = sql`ST_Multi(ST_CollectionExtract(ST_Union(geom), 3))`
    const boundary =
      recipe.kind === 'hull'
        ? sql`ST_Multi(ST_Buffer(ST_ConvexHull(ST_Collect(geom))::geography, ${recipe.bufferMeters}::float8)::geometry)`
        : polygons
    await sql`
      UPDATE cities SET boundary = (SELECT ${boundary} FROM features WHERE layer_id = ${recipe.layer}),
                        boundary_approximate = ${recipe.kind === 'hull'}
       WHERE id = ${city.slug}`.execute(trx)
    if (!city.districts) return
    await sql`
      INSERT INTO districts (city_id, name, geom)
      SELECT ${city.slug}, name, ${polygons}
        FROM (SELECT properties->>${city.districts.nameField} AS name, geom
                FROM features WHERE layer_id = ${city.districts.layer}) d
       WHERE name IS NOT NULL
       GROUP BY name
      ON CONFLICT (city_id, name) DO NOTHING`.execute(trx)
  })
}

/** The ids of the layers in the catalogue. */
export async function layerIds(db: Kysely<DB>): Promise<Set<string>> {
  return new Set((await db.selectFrom('layers').select('id').execute()).map((r) => r.id))
}

/** Holds the electoral districts' build lock until the transaction ends. */
export async function lockElectoralDistrictsBuild(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${ELECTORAL_BUILD_LOCK})`.execute(trx)
}

/** Whether a layer has any feature yet. */
export async function layerHasFeatures(trx: Transaction<DB>, layerId: string): Promise<boolean> {
  return (await trx.selectFrom('features').select('id').where('layer_id', '=', layerId).limit(1).executeTakeFirst()) !== undefined
}

/**
 * One feature per district: the Voronoi cells of the stations, dissolved by district and clipped
 * to the city boundary. The cells are computed with longitude scaled by cos(latitude) — an affine
 * map, so straight edges stay straight and scaling back is exact — which makes the degrees locally
 * metric (at Kyiv a degree of longitude is only 0.64 of a degree of latitude). Dissolving before
 * clipping keeps it to 13 intersections with the detailed boundary instead of 1,106 (1.2 s vs 21 s
 * on PostgreSQL 15). Every station lies strictly inside its own cell, hence inside its district.
 */
export async function insertElectoralDistrictPolygons(trx: Transaction<DB>, layers: { city: string; stations: string; results: string; districts: string }): Promise<void> {
  await sql`
    WITH b AS (SELECT boundary AS geom, cos(radians(ST_Y(center))) AS k FROM cities WHERE id = ${layers.city}),
         s AS (SELECT (properties->>'tvo')::int AS tvo, geom FROM features WHERE layer_id = ${layers.stations}),
         cells AS (
           SELECT ST_Scale((ST_Dump(ST_VoronoiPolygons(ST_Collect(ST_Scale(s.geom, b.k, 1)), 0, ST_Scale(ST_Expand(b.geom, 0.1), b.k, 1)))).geom, 1 / b.k, 1) AS cell
             FROM s, b GROUP BY b.geom, b.k),
         merged AS (
           SELECT s.tvo, ST_Union(c.cell) AS geom, count(*)::int AS stations
             FROM cells c JOIN s ON c.cell && s.geom AND ST_Intersects(c.cell, s.geom)
            GROUP BY s.tvo),
         voters AS (
           SELECT (properties->>'tvo')::int AS tvo, sum((properties->>'voters')::int)::int AS voters
             FROM features WHERE layer_id = ${layers.results} GROUP BY 1)
    INSERT INTO features (layer_id, properties, geom)
    SELECT ${layers.districts},
           jsonb_strip_nulls(jsonb_build_object('number', m.tvo, 'name', electoral_district_name(m.tvo), 'station_count', m.stations, 'voters', v.voters)),
           ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(m.geom, b.geom)), 3))
      FROM merged m CROSS JOIN b LEFT JOIN voters v ON v.tvo = m.tvo
     ORDER BY m.tvo`.execute(trx)
}

/**
 * Brings a loaded demo layer's provenance (licence, attribution, source, update frequency) up to
 * its definition's. The features and the time of the last update are left alone; a row that
 * already says the same is not written.
 */
export async function updateDemoProvenance(db: Kysely<DB>, layer: LayerDefinition): Promise<void> {
  const provenance = { licence: layer.licence, attribution: layer.attribution, source: layer.source ?? '', update_frequency: layer.updateFrequency ?? 'never' }
  await db
    .updateTable('layers')
    .set(provenance)
    .where('id', '=', layer.id)
    .where((eb) =>
      eb.or([
        eb('licence', '<>', provenance.licence),
        eb('attribution', '<>', provenance.attribution),
        eb('source', '<>', provenance.source),
        eb('update_frequency', '<>', provenance.update_frequency),
      ]),
    )
    .execute()
}
