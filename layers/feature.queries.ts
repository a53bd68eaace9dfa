import type { Geometry } from 'geojson'
import { sql, type Kysely } from 'kysely'
import { asGeoJson, lonLatEnvelope, type DB } from '../db/index.ts'
import type { Layer } from './catalogue/index.ts'

/** A feature as it may leave the database: stable id, public properties, geometry. */
export interface PublicFeature {
  id: number
  properties: Record<string, string | number | boolean>
  geometry: Geometry
}

/** Paging and filtering of a feature list. */
export interface FeatureQuery {
  bbox?: readonly [number, number, number, number] | undefined
  limit: number
  offset: number
}

/** A layer's features, in a box when given. */
function layerFeatures(db: Kysely<DB>, layer: Layer, bbox: FeatureQuery['bbox']) {
  let q = db.selectFrom('features').where('layer_id', '=', layer.id)
  if (bbox) q = q.where(sql<boolean>`geom && ${lonLatEnvelope(bbox)}`)
  return q
}

/** …as rows of id, public properties (kept by the database) and GeoJSON geometry. */
function publicRows(db: Kysely<DB>, layer: Layer, bbox: FeatureQuery['bbox']) {
  return layerFeatures(db, layer, bbox).select(['id', 'public_properties as properties', asGeoJson(sql.ref('geom')).as('geometry')])
}

/** One page of a layer's public features (in id order) and how many match in all. */
export async function findPublicFeatures(
  db: Kysely<DB>,
  layer: Layer,
  query: FeatureQuery,
): Promise<{ total: number; features: PublicFeature[] }> {
  const base = layerFeatures(db, layer, query.bbox)
  const [count, rows] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    publicRows(db, layer, query.bbox)
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ])
  return { total: count.n, features: rows as unknown as PublicFeature[] }
}

/** One public feature of a layer by its id, or undefined. */
export async function findPublicFeature(db: Kysely<DB>, layer: Layer, id: number): Promise<PublicFeature | undefined> {
  const row = await publicRows(db, layer, undefined)
    .where('id', '=', id)
    .executeTakeFirst()
  return row as PublicFeature | undefined
}

/**
 * All public features of a layer, read in id-ordered chunks so an export of any size holds
 * only one chunk in memory.
 */
export async function* streamPublicFeatures(db: Kysely<DB>, layer: Layer, chunk = 2000): AsyncGenerator<PublicFeature> {
  let after = 0
  for (;;) {
    const rows = (await publicRows(db, layer, undefined)
      .where('id', '>', after)
      .orderBy('id')
      .limit(chunk)
      .execute()) as unknown as PublicFeature[]
    yield* rows
    if (rows.length < chunk) return
    after = rows[rows.length - 1]!.id
  }
}
