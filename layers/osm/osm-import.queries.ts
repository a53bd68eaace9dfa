/**
 * The OpenStreetMap importer's SQL: a staging table that lives until the commit, multipolygons
 * assembled and geometries repaired by PostGIS, what lies outside the city dropped, and the
 * swap of each basemap layer's features.
 */
import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { BasemapKind } from './osm-tags.ts'

/** A feature on its way to the staging table: index, kind, properties, GeoJSON geometry, whether to assemble rings. */
export interface StagedOsmFeature {
  i: number
  k: BasemapKind
  p: Record<string, string | number>
  g: unknown
  a: boolean
}

/** The city's name in English, for the report; undefined when there is no such city. */
export async function cityNameOf(db: Kysely<DB>, cityId: string): Promise<string | undefined> {
  const row = await db.selectFrom('cities').select(sql<string>`name->>'en'`.as('name')).where('id', '=', cityId).executeTakeFirst()
  return row?.name
}

/** Lifts the statement timeout (an import is an operator's job, not a request) and makes the staging table. */
export async function openOsmStaging(trx: Transaction<DB>): Promise<void> {
  await sql`SET LOCAL statement_timeout = 0`.execute(trx)
  await sql`
    CREATE TEMP TABLE osm_staging (idx int PRIMARY KEY, kind text NOT NULL, properties jsonb NOT NULL, geom geometry, assemble boolean NOT NULL)
    ON COMMIT DROP`.execute(trx)
}

/** Writes a batch to the staging table in one statement. */
export async function stageOsmFeatures(trx: Transaction<DB>, rows: StagedOsmFeature[]): Promise<void> {
  await sql`
    INSERT INTO osm_staging (idx, kind, properties, geom, assemble)
    SELECT (f->>'i')::int, f->>'k', (f->'p')::jsonb, ST_SetSRID(ST_GeomFromGeoJSON(f->>'g'), 4326), (f->>'a')::boolean
      FROM json_array_elements(${JSON.stringify(rows)}::json) AS f`.execute(trx)
}

/**
 * Makes areas of the multipolygons' member ways (PostGIS finds the rings and their holes),
 * repairs invalid geometries keeping each kind's dimension, and removes what stays empty.
 * Returns how many features of each reason were removed.
 */
export async function shapeStaged(trx: Transaction<DB>): Promise<{ unassembled: number; broken: number }> {
  await sql`UPDATE osm_staging SET geom = ST_Multi(ST_BuildArea(geom)) WHERE assemble`.execute(trx)
  const unassembled = await sql`DELETE FROM osm_staging WHERE assemble AND (geom IS NULL OR ST_IsEmpty(geom))`.execute(trx)
  await sql`
    UPDATE osm_staging
       SET geom = ST_CollectionExtract(ST_MakeValid(geom), CASE kind WHEN 'streets' THEN 2 WHEN 'railways' THEN 2 WHEN 'waterways' THEN 2
                                                                 WHEN 'places' THEN 1 WHEN 'addresses' THEN 1 ELSE 3 END)
     WHERE NOT ST_IsValid(geom)`.execute(trx)
  const broken = await sql`DELETE FROM osm_staging WHERE geom IS NULL OR ST_IsEmpty(geom) OR NOT ST_IsValid(geom)`.execute(trx)
  return { unassembled: Number(unassembled.numAffectedRows ?? 0), broken: Number(broken.numAffectedRows ?? 0) }
}

/**
 * Removes what lies more than a kilometre outside the city's boundary (an extract is usually of
 * a whole region); returns how many of each kind. Nothing is removed for a city with no boundary.
 * The buffered boundary is computed once (MATERIALIZED): inlined, it would be buffered again for
 * every feature.
 */
export async function dropOutsideCity(trx: Transaction<DB>, cityId: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ kind: string; n: number }>`
    WITH area AS MATERIALIZED (SELECT ST_Buffer(boundary::geography, 1000)::geometry AS g FROM cities WHERE id = ${cityId} AND boundary IS NOT NULL),
         gone AS (DELETE FROM osm_staging s USING area WHERE NOT ST_Intersects(s.geom, area.g) RETURNING s.kind)
    SELECT kind, count(*)::int AS n FROM gone GROUP BY kind`.execute(trx)
  return new Map(rows.map((r) => [r.kind, r.n]))
}

/** How many staged features of each kind there are, and how many buildings carry an address. */
export async function countStaged(trx: Transaction<DB>): Promise<{ byKind: Map<string, number>; addressedBuildings: number }> {
  const { rows } = await sql<{ kind: string; n: number; addressed: number }>`
    SELECT kind, count(*)::int AS n, count(*) FILTER (WHERE properties ? 'addr_housenumber')::int AS addressed FROM osm_staging GROUP BY kind`.execute(trx)
  return { byKind: new Map(rows.map((r) => [r.kind, r.n])), addressedBuildings: rows.find((r) => r.kind === 'buildings')?.addressed ?? 0 }
}

/** The layers of a city's basemap that exist now, of those named. */
export async function existingLayers(trx: Transaction<DB>, ids: string[]): Promise<Set<string>> {
  const rows = await trx.selectFrom('layers').select('id').where('id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}

/** Copies the staged features of one kind into the layer, in file order; returns how many. */
export async function insertStagedKind(trx: Transaction<DB>, layerId: string, kind: BasemapKind): Promise<number> {
  const inserted = await sql`
    INSERT INTO features (layer_id, properties, geom)
    SELECT ${layerId}, properties, geom FROM osm_staging WHERE kind = ${kind} ORDER BY idx`.execute(trx)
  return Number(inserted.numAffectedRows ?? 0)
}
