/**
 * The importer's SQL: a staging table that lives until the commit, the batches written into it
 * under a savepoint, the repair of invalid geometries, and the swap into the layer's features.
 */
import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'

/** A checked feature on its way to the staging table: its index in the file, properties, GeoJSON geometry. */
export interface StagedFeature {
  i: number
  p: Record<string, unknown>
  g: unknown
}

/**
 * Lifts the statement timeout for this transaction and makes the staging table. An import is an
 * operator's job that may run for minutes; the app's statement timeout (db/connection.ts) is
 * for requests.
 */
export async function openStaging(trx: Transaction<DB>): Promise<void> {
  await sql`SET LOCAL statement_timeout = 0`.execute(trx)
  await sql`CREATE TEMP TABLE import_staging (idx int PRIMARY KEY, properties jsonb NOT NULL, geom geometry NOT NULL) ON COMMIT DROP`.execute(trx)
}

/** Writes features to the staging table in one statement; PostGIS may refuse a geometry GeoJSON allows. */
export async function stageFeatures(trx: Transaction<DB>, rows: StagedFeature[]): Promise<void> {
  await sql`
    INSERT INTO import_staging (idx, properties, geom)
    SELECT (f->>'i')::int, (f->'p')::jsonb, ST_SetSRID(ST_GeomFromGeoJSON(f->>'g'), 4326)
      FROM json_array_elements(${JSON.stringify(rows)}::json) AS f`.execute(trx)
}

/** Marks the point a failed batch rolls back to. */
export async function markBatch(trx: Transaction<DB>): Promise<void> {
  await sql`SAVEPOINT import_batch`.execute(trx)
}

/** Keeps what was written since the mark. */
export async function keepBatch(trx: Transaction<DB>): Promise<void> {
  await sql`RELEASE SAVEPOINT import_batch`.execute(trx)
}

/** Undoes what was written since the mark; the mark stays. */
export async function undoBatch(trx: Transaction<DB>): Promise<void> {
  await sql`ROLLBACK TO SAVEPOINT import_batch`.execute(trx)
}

/** Removes the staged features whose geometry is empty, and names them. */
export async function dropEmptyStaged(trx: Transaction<DB>): Promise<number[]> {
  return (await sql<{ idx: number }>`DELETE FROM import_staging WHERE ST_IsEmpty(geom) RETURNING idx`.execute(trx)).rows.map((r) => r.idx)
}

/** The staged features whose geometry is invalid, with PostGIS's reason, in file order. */
export async function findInvalidStaged(trx: Transaction<DB>): Promise<Array<{ idx: number; reason: string }>> {
  return (
    await sql<{ idx: number; reason: string }>`
      SELECT idx, ST_IsValidReason(geom) AS reason FROM import_staging WHERE NOT ST_IsValid(geom) ORDER BY idx`.execute(trx)
  ).rows
}

/**
 * Repairs the geometries of these staged features with ST_MakeValid, keeping only the parts of
 * the layer's dimension (1 points, 2 lines, 3 polygons); returns those that came out empty or
 * still invalid.
 */
export async function repairStaged(trx: Transaction<DB>, ids: number[], dimension: number): Promise<number[]> {
  await sql`
    UPDATE import_staging SET geom = ST_CollectionExtract(ST_MakeValid(geom), ${dimension})
     WHERE idx = ANY(${ids}::int[])`.execute(trx)
  const broken = await sql<{ idx: number }>`
    SELECT idx FROM import_staging WHERE idx = ANY(${ids}::int[]) AND (ST_IsEmpty(geom) OR NOT ST_IsValid(geom))`.execute(trx)
  return broken.rows.map((r) => r.idx)
}

/** Removes these staged features. */
export async function deleteStaged(trx: Transaction<DB>, ids: number[]): Promise<void> {
  await sql`DELETE FROM import_staging WHERE idx = ANY(${ids}::int[])`.execute(trx)
}

/** How many features the layer has. */
export async function countLayerFeatures(trx: Transaction<DB>, layerId: string): Promise<number> {
  const row = await trx.selectFrom('features').select(sql<number>`count(*)::int`.as('n')).where('layer_id', '=', layerId).executeTakeFirst()
  return row?.n ?? 0
}

/** Removes every feature of the layer (an import that replaces them). */
export async function deleteLayerFeatures(trx: Transaction<DB>, layerId: string): Promise<void> {
  await trx.deleteFrom('features').where('layer_id', '=', layerId).execute()
}

/** Copies the staged features into the layer in file order; returns how many. */
export async function insertStagedFeatures(trx: Transaction<DB>, layerId: string): Promise<number> {
  const inserted = await sql`
    INSERT INTO features (layer_id, properties, geom)
    SELECT ${layerId}, properties, geom FROM import_staging ORDER BY idx`.execute(trx)
  return Number(inserted.numAffectedRows ?? 0)
}

/** The import in the audit trail: the feature count before and after, and the file's name. */
export async function recordImport(trx: Transaction<DB>, entry: { actor: string; layerId: string; features: [number, number]; file: string | undefined }): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      action: 'import',
      object_type: 'layer',
      object_id: entry.layerId,
      // The trail's one shape: attribute → [before, after].
      changes: JSON.stringify({ features: entry.features, file: [null, entry.file] }),
    })
    .execute()
}
