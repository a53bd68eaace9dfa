/**
 * The SQL of a layer's revisions: a layer made from an upload, a new revision matched against
 * the current one, the earlier states kept in `feature_history`, and any revision read back.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { GeometryKind } from '../catalogue/index.ts'

const DIMENSION: Record<GeometryKind, number> = { point: 0, line: 1, polygon: 2 }

/** Lifts the statement timeout: a revision of a large layer is a planner's job of minutes. */
export async function allowLongRevision(trx: Transaction<DB>): Promise<void> {
  await sql`SET LOCAL statement_timeout = 0`.execute(trx)
}

/** How many of an upload's staged features are of each family. */
export async function uploadFamilies(db: Kysely<DB> | Transaction<DB>, uploadId: string): Promise<Partial<Record<GeometryKind, number>>> {
  const rows = (
    await sql<{ dim: number; n: number }>`
      SELECT ST_Dimension(geom) AS dim, count(*)::int AS n FROM layer_upload_features WHERE upload_id = ${uploadId}::uuid GROUP BY 1`.execute(db)
  ).rows
  const out: Partial<Record<GeometryKind, number>> = {}
  for (const kind of Object.keys(DIMENSION) as GeometryKind[]) {
    const n = rows.find((r) => r.dim === DIMENSION[kind])?.n
    if (n) out[kind] = n
  }
  return out
}

/** Copies an upload's features of one family into a new layer as its first revision; returns how many. */
export async function insertUploadFeatures(trx: Transaction<DB>, layerId: string, uploadId: string, family: GeometryKind): Promise<number> {
  const result = await sql`
    INSERT INTO features (layer_id, properties, geom, revision)
    SELECT ${layerId}, properties, geom, 1 FROM layer_upload_features
     WHERE upload_id = ${uploadId}::uuid AND ST_Dimension(geom) = ${DIMENSION[family]} ORDER BY idx`.execute(trx)
  return Number(result.numAffectedRows ?? 0)
}

/** Values of the key field that more than one feature holds, in the upload or in the layer (at most 5 of each). */
export async function duplicateKeys(trx: Transaction<DB>, layerId: string, uploadId: string, key: string): Promise<{ upload: string[]; layer: string[] }> {
  const upload = await sql<{ k: string }>`
    SELECT properties->>${key} AS k FROM layer_upload_features
     WHERE upload_id = ${uploadId}::uuid AND properties ? ${key} GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 5`.execute(trx)
  const layer = await sql<{ k: string }>`
    SELECT properties->>${key} AS k FROM features
     WHERE layer_id = ${layerId} AND properties ? ${key} GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 5`.execute(trx)
  return { upload: upload.rows.map((r) => r.k), layer: layer.rows.map((r) => r.k) }
}

/**
 * Pairs the upload's features with the layer's current ones, in a temporary table:
 * by the key field's value when there is a key, else by identical content (attributes and
 * geometry, duplicates paired in order). `feature_id` is the matched feature (null: added);
 * `same` tells an unchanged match from a changed one.
 */
export async function matchRevision(trx: Transaction<DB>, layerId: string, uploadId: string, family: GeometryKind, key: string | null): Promise<void> {
  const matchKey = key
    ? sql`properties->>${key}`
    : sql`md5(properties::text || encode(ST_AsEWKB(geom), 'hex')) || ':' || row_number() OVER (PARTITION BY md5(properties::text || encode(ST_AsEWKB(geom), 'hex')) ORDER BY ${sql.raw('ord')})`
  await sql`
    CREATE TEMP TABLE revision_incoming ON COMMIT DROP AS
    SELECT idx, properties, geom, ${matchKey} AS k
      FROM (SELECT idx, properties, geom, idx AS ord FROM layer_upload_features
             WHERE upload_id = ${uploadId}::uuid AND ST_Dimension(geom) = ${DIMENSION[family]}) u`.execute(trx)
  await sql`
    CREATE TEMP TABLE revision_current ON COMMIT DROP AS
    SELECT id, revision, properties, geom, ${matchKey} AS k
      FROM (SELECT id, revision, properties, geom, id AS ord FROM features WHERE layer_id = ${layerId}) f`.execute(trx)
  await sql`
    CREATE TEMP TABLE revision_match ON COMMIT DROP AS
    SELECT i.idx, c.id AS feature_id,
           c.id IS NOT NULL AND c.properties = i.properties AND ST_Equals(c.geom, i.geom) AS same
      FROM revision_incoming i LEFT JOIN revision_current c ON c.k = i.k AND i.k IS NOT NULL`.execute(trx)
}

/**
 * Applies the matched revision: changed features take their new state (the old one goes to
 * history), unmatched current ones are removed when the upload replaces the layer, unmatched
 * incoming ones are added. Returns the counts.
 */
export async function applyRevision(trx: Transaction<DB>, layerId: string, revision: number, mode: 'replace' | 'append'): Promise<{ added: number; removed: number; changed: number }> {
  const changed = await sql`
    INSERT INTO feature_history (layer_id, feature_id, valid_from, valid_to, change, properties, geom)
    SELECT ${layerId}, c.id, c.revision, ${revision}, 'changed', c.properties, c.geom
      FROM revision_current c JOIN revision_match m ON m.feature_id = c.id WHERE NOT m.same`.execute(trx)
  await sql`
    UPDATE features f SET properties = i.properties, geom = i.geom, revision = ${revision}, updated_at = now()
      FROM revision_match m JOIN revision_incoming i ON i.idx = m.idx
     WHERE f.layer_id = ${layerId} AND f.id = m.feature_id AND NOT m.same`.execute(trx)
  let removed = 0
  if (mode === 'replace') {
    const gone = await sql`
      INSERT INTO feature_history (layer_id, feature_id, valid_from, valid_to, change, properties, geom)
      SELECT ${layerId}, c.id, c.revision, ${revision}, 'removed', c.properties, c.geom
        FROM revision_current c WHERE NOT EXISTS (SELECT 1 FROM revision_match m WHERE m.feature_id = c.id)`.execute(trx)
    removed = Number(gone.numAffectedRows ?? 0)
    if (removed > 0) {
      await sql`
        DELETE FROM features f WHERE f.layer_id = ${layerId}
           AND NOT EXISTS (SELECT 1 FROM revision_match m WHERE m.feature_id = f.id)`.execute(trx)
    }
  }
  const added = await sql`
    INSERT INTO features (layer_id, properties, geom, revision)
    SELECT ${layerId}, i.properties, i.geom, ${revision}
      FROM revision_incoming i JOIN revision_match m ON m.idx = i.idx WHERE m.feature_id IS NULL ORDER BY i.idx`.execute(trx)
  return { added: Number(added.numAffectedRows ?? 0), removed, changed: Number(changed.numAffectedRows ?? 0) }
}

/** Moves the layer to a new revision and records it. */
export async function recordRevision(
  trx: Transaction<DB>,
  entry: { layerId: string; revision: number; createdBy: number | null; fileName: string | null; mode: 'create' | 'replace' | 'append'; key: string | null; added: number; removed: number; changed: number },
): Promise<void> {
  await trx.updateTable('layers').set({ revision: entry.revision }).where('id', '=', entry.layerId).execute()
  await trx
    .insertInto('layer_versions')
    .values({
      layer_id: entry.layerId,
      revision: entry.revision,
      created_by: entry.createdBy,
      file_name: entry.fileName,
      mode: entry.mode,
      key_field: entry.key,
      feature_count: 0,
      added: entry.added,
      removed: entry.removed,
      changed: entry.changed,
    })
    .onConflict((oc) => oc.columns(['layer_id', 'revision']).doUpdateSet({ file_name: entry.fileName, created_by: entry.createdBy, added: entry.added }))
    .execute()
}

/** One revision of a layer as the list shows it. */
export interface LayerRevision {
  revision: number
  created_at: string
  file_name: string | null
  mode: 'create' | 'replace' | 'append'
  key_field: string | null
  feature_count: number
  added: number
  removed: number
  changed: number
  bbox: number[] | null
}

/** Every revision of a layer, newest first. */
export async function listRevisions(db: Kysely<DB>, layerId: string): Promise<LayerRevision[]> {
  return db
    .selectFrom('layer_versions')
    .select(['revision', 'file_name', 'mode', 'key_field', 'feature_count', 'added', 'removed', 'changed', 'bbox'])
    .select(sql<string>`to_json(created_at) #>> '{}'`.as('created_at'))
    .where('layer_id', '=', layerId)
    .orderBy('revision', 'desc')
    .execute()
}

/** One feature of a revision with its public attributes, and what the revision did to it. */
export interface RevisionFeature {
  id: number
  properties: Record<string, unknown>
  geometry: unknown
  change?: 'added' | 'changed' | 'removed'
}

/**
 * The public features of a layer as they were at a revision: the current rows that began at or
 * before it, and the earlier states that were current then.
 */
export async function* streamRevisionFeatures(db: Kysely<DB>, layerId: string, revision: number, batchSize = 1000): AsyncGenerator<RevisionFeature> {
  let after = 0
  for (;;) {
    const rows = (
      await sql<RevisionFeature>`
        SELECT id::int AS id, pick_keys(properties, public_keys_of(${layerId})) AS properties, ST_AsGeoJSON(geom, 7)::json AS geometry
          FROM (SELECT id, properties, geom FROM features WHERE layer_id = ${layerId} AND revision <= ${revision}
                UNION ALL
                SELECT feature_id, properties, geom FROM feature_history
                 WHERE layer_id = ${layerId} AND valid_from <= ${revision} AND valid_to > ${revision}) s
         WHERE id > ${after} ORDER BY id LIMIT ${batchSize}`.execute(db)
    ).rows
    yield* rows
    if (rows.length < batchSize) return
    after = rows[rows.length - 1]!.id
  }
}

/** What a revision changed: the states it added or changed (as they became) and the ones it removed (as they were). */
export async function revisionChanges(db: Kysely<DB>, layerId: string, revision: number, limit: number): Promise<RevisionFeature[]> {
  const result = await sql<RevisionFeature>`
    WITH began AS (
      SELECT id AS feature_id, properties, geom FROM features WHERE layer_id = ${layerId} AND revision = ${revision}
      UNION ALL
      SELECT feature_id, properties, geom FROM feature_history WHERE layer_id = ${layerId} AND valid_from = ${revision}),
    ended AS (
      SELECT feature_id, change, properties, geom FROM feature_history WHERE layer_id = ${layerId} AND valid_to = ${revision})
    SELECT feature_id::int AS id, pick_keys(properties, public_keys_of(${layerId})) AS properties, ST_AsGeoJSON(geom, 7)::json AS geometry, change
      FROM (SELECT b.feature_id, b.properties, b.geom,
                   CASE WHEN EXISTS (SELECT 1 FROM ended e WHERE e.feature_id = b.feature_id AND e.change = 'changed') THEN 'changed' ELSE 'added' END AS change
              FROM began b
             WHERE ${revision} > 1
            UNION ALL
            SELECT feature_id, properties, geom, 'removed' FROM ended WHERE change = 'removed') s
     ORDER BY id LIMIT ${limit}`.execute(db)
  return result.rows
}
