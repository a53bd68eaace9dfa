/**
 * The SQL of uploads: the upload's row, its features staged in lon/lat (reprojected by PostGIS,
 * which uses PROJ exactly as GDAL does), the checks that need the database, and the figures of
 * the report.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB, LayerUploadRow } from '../../db/index.ts'
import type { UploadFormat } from './upload-source.ts'

/** A checked feature on its way to staging: its index in the file, properties, geometry as hex WKB in the file's coordinates. */
export interface StagedUploadFeature {
  i: number
  p: Record<string, unknown>
  g: string
}

/** The row of an upload as the report reads it. */
export type UploadRow = Omit<LayerUploadRow, 'report' | 'created_at' | 'expires_at'> & {
  report: Record<string, unknown>
  created_at: string
  expires_at: string
}

/** Lifts the statement timeout: reading a large file is a planner's job of minutes, not a request's. */
export async function allowLongStatements(trx: Transaction<DB>): Promise<void> {
  await sql`SET LOCAL statement_timeout = 0`.execute(trx)
}

/** Writes the upload's row, or replaces it when the file is read again (another encoding or CRS). */
export async function saveUpload(
  trx: Transaction<DB>,
  upload: { id: string; uploadedBy: number; fileName: string; fileBytes: number; format: UploadFormat },
): Promise<void> {
  await trx.deleteFrom('layer_upload_features').where('upload_id', '=', upload.id).execute()
  await trx
    .insertInto('layer_uploads')
    .values({ id: upload.id, uploaded_by: upload.uploadedBy, file_name: upload.fileName, file_bytes: upload.fileBytes, format: upload.format })
    .onConflict((oc) => oc.column('id').doUpdateSet({ format: upload.format }))
    .execute()
}

/** True when PostGIS knows the SRID (its `spatial_ref_sys`, the EPSG catalogue). */
export async function isKnownSrid(db: Kysely<DB> | Transaction<DB>, srid: number): Promise<boolean> {
  const row = await sql<{ known: boolean }>`SELECT EXISTS (SELECT 1 FROM spatial_ref_sys WHERE srid = ${srid}) AS known`.execute(db)
  return row.rows[0]?.known ?? false
}

/**
 * Stages features in one statement, reprojected from `srid` to lon/lat. PostGIS may refuse a
 * geometry GeoJSON allows; the caller then retries one by one to name the culprit.
 */
export async function stageUploadFeatures(trx: Transaction<DB>, uploadId: string, srid: number, rows: StagedUploadFeature[]): Promise<void> {
  // Geometries go as WKB, which PostGIS reads without parsing text, and the batch as `json`,
  // which is only checked, not converted as `jsonb` would be: together they halved the
  // database's share of a large upload.
  const geometry = sql`ST_GeomFromWKB(decode(f->>'g', 'hex'), ${srid}::int)`
  await sql`
    INSERT INTO layer_upload_features (upload_id, idx, properties, geom)
    SELECT ${uploadId}::uuid, (f->>'i')::int, (f->'p')::jsonb, ${srid === 4326 ? geometry : sql`ST_Transform(${geometry}, 4326)`}
      FROM json_array_elements(${JSON.stringify(rows)}::json) AS f`.execute(trx)
}

/**
 * Removes the staged features that lie outside the box (west, south, east, north) after
 * reprojection, and names them with where they landed.
 */
export async function dropStagedOutside(trx: Transaction<DB>, uploadId: string, box: [number, number, number, number]): Promise<Array<{ idx: number; lon: number; lat: number }>> {
  const [w, s, e, n] = box
  const result = await sql<{ idx: number; lon: number; lat: number }>`
    DELETE FROM layer_upload_features
     WHERE upload_id = ${uploadId}::uuid AND NOT ST_CoveredBy(geom, ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326))
    RETURNING idx, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat`.execute(trx)
  return result.rows.sort((a, b) => a.idx - b.idx)
}

/** Removes staged features whose geometry is empty, and names them. */
export async function dropEmptyStagedUpload(trx: Transaction<DB>, uploadId: string): Promise<number[]> {
  const result = await sql<{ idx: number }>`
    DELETE FROM layer_upload_features WHERE upload_id = ${uploadId}::uuid AND ST_IsEmpty(geom) RETURNING idx`.execute(trx)
  return result.rows.map((r) => r.idx).sort((a, b) => a - b)
}

/**
 * Repairs invalid staged geometries with ST_MakeValid, keeping the parts of each feature's own
 * dimension; removes those that cannot be repaired. Returns both lists with PostGIS's reasons.
 */
export async function repairStagedUpload(
  trx: Transaction<DB>,
  uploadId: string,
): Promise<{ repaired: Array<{ idx: number; reason: string }>; lost: Array<{ idx: number; reason: string }> }> {
  const invalid = (
    await sql<{ idx: number; reason: string }>`
      SELECT idx, ST_IsValidReason(geom) AS reason FROM layer_upload_features
       WHERE upload_id = ${uploadId}::uuid AND NOT ST_IsValid(geom) ORDER BY idx`.execute(trx)
  ).rows
  if (invalid.length === 0) return { repaired: [], lost: [] }
  const ids = invalid.map((r) => r.idx)
  await sql`
    UPDATE layer_upload_features SET geom = ST_CollectionExtract(ST_MakeValid(geom), ST_Dimension(geom) + 1)
     WHERE upload_id = ${uploadId}::uuid AND idx = ANY(${ids}::int[])`.execute(trx)
  const lostIds = new Set(
    (
      await sql<{ idx: number }>`
        DELETE FROM layer_upload_features
         WHERE upload_id = ${uploadId}::uuid AND idx = ANY(${ids}::int[]) AND (ST_IsEmpty(geom) OR NOT ST_IsValid(geom))
        RETURNING idx`.execute(trx)
    ).rows.map((r) => r.idx),
  )
  return { repaired: invalid.filter((r) => !lostIds.has(r.idx)), lost: invalid.filter((r) => lostIds.has(r.idx)) }
}

/** The staged features' count, geometry types and lon/lat extent. */
export async function stagedFigures(trx: Transaction<DB>, uploadId: string): Promise<{ count: number; types: string[]; bbox: number[] | null }> {
  const row = (
    await sql<{ count: number; types: string[] | null; bbox: number[] | null }>`
      SELECT count(*)::int AS count,
             array_agg(DISTINCT GeometryType(geom)) FILTER (WHERE geom IS NOT NULL) AS types,
             CASE WHEN count(*) = 0 THEN NULL ELSE
               ARRAY[ST_XMin(ST_Extent(geom)), ST_YMin(ST_Extent(geom)), ST_XMax(ST_Extent(geom)), ST_YMax(ST_Extent(geom))] END AS bbox
        FROM layer_upload_features WHERE upload_id = ${uploadId}::uuid`.execute(trx)
  ).rows[0]!
  return { count: row.count, types: row.types ?? [], bbox: row.bbox }
}

/** A box in the file's coordinates reprojected to lon/lat (for a file not staged, to show where it would land). */
export async function reprojectBox(db: Kysely<DB> | Transaction<DB>, box: [number, number, number, number], srid: number): Promise<number[] | null> {
  const [w, s, e, n] = box
  const row = (
    await sql<{ bbox: number[] | null }>`
      SELECT ARRAY[ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)] AS bbox
        FROM (SELECT ST_Transform(ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, ${srid}::int), 4326) AS b) t`.execute(db)
  ).rows[0]
  return row?.bbox ?? null
}

/** Writes what was read into the upload's row. */
export async function finishUpload(
  trx: Transaction<DB>,
  uploadId: string,
  figures: { srid: number | null; crsName: string | null; encoding: string | null; read: number; count: number; types: string[]; bbox: number[] | null; report: Record<string, unknown> },
): Promise<void> {
  await trx
    .updateTable('layer_uploads')
    .set({
      srid: figures.srid,
      crs_name: figures.crsName,
      encoding: figures.encoding,
      read_count: figures.read,
      feature_count: figures.count,
      geometry_types: figures.types,
      bbox: figures.bbox,
      report: JSON.stringify(figures.report),
      expires_at: sql<Date>`now() + interval '3 days'` as unknown as Date,
    })
    .where('id', '=', uploadId)
    .execute()
}

/** An upload of this account that has not expired, or undefined. */
export async function findUpload(db: Kysely<DB> | Transaction<DB>, uploadId: string): Promise<UploadRow | undefined> {
  const row = await db
    .selectFrom('layer_uploads')
    .selectAll()
    .select([sql<string>`to_json(created_at) #>> '{}'`.as('created_at'), sql<string>`to_json(expires_at) #>> '{}'`.as('expires_at')])
    .where('id', '=', uploadId)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
  return row as UploadRow | undefined
}

/** Up to `limit` staged features as GeoJSON, in file order: the map preview of an upload. */
export async function previewFeatures(db: Kysely<DB>, uploadId: string, limit: number): Promise<Array<{ idx: number; properties: Record<string, unknown>; geometry: unknown }>> {
  const result = await sql<{ idx: number; properties: Record<string, unknown>; geometry: unknown }>`
    SELECT idx, properties, ST_AsGeoJSON(geom, 7)::json AS geometry
      FROM layer_upload_features WHERE upload_id = ${uploadId}::uuid ORDER BY idx LIMIT ${limit}`.execute(db)
  return result.rows
}

/** Removes an upload and its staged features. */
export async function deleteUpload(db: Kysely<DB> | Transaction<DB>, uploadId: string): Promise<void> {
  await db.deleteFrom('layer_uploads').where('id', '=', uploadId).execute()
}

/** Removes the uploads past their time, and returns their ids so their files can go too. */
export async function deleteExpiredUploads(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.deleteFrom('layer_uploads').where('expires_at', '<=', sql<Date>`now()`).returning('id').execute()
  return rows.map((r) => r.id)
}
