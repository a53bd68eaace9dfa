import { sql, type Kysely, type Transaction } from 'kysely'
import { LRUCache } from 'lru-cache'
import type { DB, LayerRow } from '../../db/index.ts'
import { THEMES, type AttributeField, type LayerDefinition, type LayerStyle, type LocalizedText } from './layer-definition.ts'

/** A catalogue row with its JSON columns typed. */
export interface Layer extends Omit<LayerRow, 'title' | 'description' | 'attributes' | 'style'> {
  title: LocalizedText
  description: LocalizedText
  attributes: AttributeField[]
  style: LayerStyle
}

/** The colour of a layer whose row names none (the column's default is `{}`). */
export const DEFAULT_LAYER_COLOR = '#607d8b'

function toLayer(row: LayerRow): Layer {
  const layer = row as unknown as Layer
  // A row written outside the importer may lack a colour; the city's whole style is drawn
  // from every layer's, so one such row must not break it.
  return typeof layer.style?.color === 'string' ? layer : { ...layer, style: { ...layer.style, color: DEFAULT_LAYER_COLOR } }
}

/**
 * Inserts or updates a layer's catalogue row from its definition. The version and the
 * feature statistics are left alone: feature writes maintain them.
 */
export async function saveLayerDefinition(trx: Transaction<DB>, def: LayerDefinition): Promise<void> {
  const values = {
    city_id: def.city,
    theme: def.theme,
    title: JSON.stringify(def.title),
    description: JSON.stringify(def.description),
    geometry_type: def.geometryType,
    attributes: JSON.stringify(def.attributes),
    style: JSON.stringify(def.style),
    minzoom: def.minzoom,
    maxzoom: def.maxzoom,
    licence: def.licence,
    attribution: def.attribution,
    synthetic: def.synthetic ?? false,
    accepts_appeals: def.acceptsAppeals ?? false,
    // A planner may have edited these since; a definition that names none leaves them alone.
    ...(def.source !== undefined && { source: def.source }),
    ...(def.updateFrequency !== undefined && { update_frequency: def.updateFrequency }),
    updated_at: sql<Date>`now()` as unknown as Date,
  }
  await trx
    .insertInto('layers')
    .values({ id: def.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute()
}

/**
 * Recomputes a layer's feature count and lon/lat extent after its features changed (and its
 * current revision's), and the planner's statistics of its tables (the embedded engine has no autovacuum to do it).
 */
export async function refreshLayerStats(trx: Transaction<DB>, layerId: string): Promise<void> {
  await sql`
    UPDATE layers SET feature_count = s.n, bbox = s.bbox
      FROM (SELECT count(*)::int AS n,
                   CASE WHEN count(*) = 0 THEN NULL ELSE
                     ARRAY[ST_XMin(ST_Extent(geom)), ST_YMin(ST_Extent(geom)), ST_XMax(ST_Extent(geom)), ST_YMax(ST_Extent(geom))]
                   END AS bbox
              FROM features WHERE layer_id = ${layerId}) s
     WHERE layers.id = ${layerId}`.execute(trx)
  await sql`
    UPDATE layer_versions v SET feature_count = l.feature_count, bbox = l.bbox
      FROM layers l WHERE l.id = ${layerId} AND v.layer_id = l.id AND v.revision = l.revision`.execute(trx)
  await sql`SELECT analyze_layer_tables(${layerId})`.execute(trx)
}

/**
 * The public layers of a city (of every city when `cityId` is undefined) in catalogue order:
 * city, theme in {@link THEMES} order, then title. Empty for an unknown city.
 */
export async function listPublicLayers(db: Kysely<DB>, cityId: string | undefined): Promise<Layer[]> {
  let query = db.selectFrom('layers').selectAll().where('is_public', '=', true)
  if (cityId !== undefined) query = query.where('city_id', '=', cityId)
  const rows = await query
    .orderBy('city_id')
    .orderBy(sql`array_position(${[...THEMES]}::text[], theme)`)
    .orderBy(sql`title->>'uk'`)
    .execute()
  return rows.map(toLayer)
}

/** One public layer, or undefined when it does not exist or is not public. */
export async function findPublicLayer(db: Kysely<DB>, id: string): Promise<Layer | undefined> {
  const row = await db.selectFrom('layers').selectAll().where('id', '=', id).where('is_public', '=', true).executeTakeFirst()
  return row && toLayer(row)
}

/** The names of a layer's public attributes: the only properties that leave the database. */
export function publicAttributeNames(layer: Pick<Layer, 'attributes'>): string[] {
  return layer.attributes.filter((a) => a.public).map((a) => a.name)
}

/** A layer's stored definition (public or not), or undefined. Used to re-import into it. */
export async function findLayerDefinition(db: Kysely<DB>, id: string): Promise<LayerDefinition | undefined> {
  const row = await db.selectFrom('layers').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const layer = toLayer(row)
  return {
    id: layer.id,
    city: layer.city_id,
    theme: layer.theme as LayerDefinition['theme'],
    title: layer.title,
    description: layer.description,
    geometryType: layer.geometry_type,
    attributes: layer.attributes,
    style: layer.style,
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    licence: layer.licence,
    attribution: layer.attribution,
    synthetic: layer.synthetic,
    acceptsAppeals: layer.accepts_appeals,
  }
}

/** What a layer's stored features hold, by layer: their bytes and how many say they are generated. */
export interface LayerContents {
  /** Bytes of the stored data: each feature's geometry and attributes. */
  bytes: number
  /** Features marked generated (`synthetic: true` among their properties), as the demo appeals and budget layers mark theirs. */
  syntheticFeatures: number
}

// A layer's contents change only with its version (bumped by every write to its features), so
// each version is read once: a catalogue or a collections list would otherwise scan every
// feature of every layer on each request.
const contentsByVersion = new LRUCache<string, LayerContents>({ max: 2000 })
const NO_FEATURES: LayerContents = { bytes: 0, syntheticFeatures: 0 }

/** The {@link LayerContents} of each of `layers`, read once per layer version. */
export async function findLayerContents(db: Kysely<DB>, layers: ReadonlyArray<Pick<Layer, 'id' | 'version'>>): Promise<Map<string, LayerContents>> {
  const keyOf = (layer: Pick<Layer, 'id' | 'version'>) => `${layer.id}@${layer.version}`
  const missing = layers.filter((layer) => !contentsByVersion.has(keyOf(layer)))
  if (missing.length > 0) {
    const { rows } = await sql<{ layer_id: string; bytes: string; synthetic: number }>`
      SELECT layer_id, sum(pg_column_size(geom) + pg_column_size(properties))::bigint AS bytes,
             (count(*) FILTER (WHERE properties ->> 'synthetic' = 'true'))::int AS synthetic
        FROM features WHERE layer_id = ANY(${missing.map((l) => l.id)}::text[]) GROUP BY layer_id`.execute(db)
    const read = new Map(rows.map((r) => [r.layer_id, { bytes: Number(r.bytes), syntheticFeatures: r.synthetic }]))
    for (const layer of missing) contentsByVersion.set(keyOf(layer), read.get(layer.id) ?? NO_FEATURES)
  }
  return new Map(layers.map((layer) => [layer.id, contentsByVersion.get(keyOf(layer)) ?? NO_FEATURES]))
}

/**
 * Whether a layer holds generated data: it is a synthetic layer, or some of its features say
 * they are (the demo appeals in a layer that real appeals join). Every place that tells a
 * reader (a passport, an OGC collection, an export) says it the same way.
 */
export function holdsSyntheticData(layer: Pick<Layer, 'synthetic'>, contents: Pick<LayerContents, 'syntheticFeatures'> | undefined): boolean {
  return layer.synthetic || (contents?.syntheticFeatures ?? 0) > 0
}
