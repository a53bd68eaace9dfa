import { sql, type RawBuilder } from 'kysely'
import { tileWidth, type TileCoord } from './tile-coord.ts'
import { BUFFER, EXTENT, OVERVIEW_BELOW, type TileLayer } from './tile-source.ts'

/** From this zoom on, geometries go out at full detail (no simplification, no area filter). */
export const FULL_DETAIL_ZOOM = 16
/** A point cluster cell, in tile units: 128 units are 16 px on a 512 px tile. */
const CLUSTER_CELL = 128
/** Polygons smaller than this many tile units² (2×2 screen pixels; one pixel is 8×8 units) are dropped. */
const MIN_POLYGON_AREA = 256

/** `ST_TileEnvelope` of a tile, optionally grown by the tile buffer. */
export function tileEnvelope(t: TileCoord, withBuffer = false): RawBuilder<unknown> {
  return withBuffer
    ? sql`ST_TileEnvelope(${t.z}::int, ${t.x}::int, ${t.y}::int, margin => ${BUFFER / EXTENT}::float8)`
    : sql`ST_TileEnvelope(${t.z}::int, ${t.x}::int, ${t.y}::int)`
}

/**
 * A feature's properties for a tile: the stored public subset as it is, or a few of its keys.
 * Building jsonb per feature costs (5.4 vs 3.4 ms for a z16 parcels tile), so the full set is
 * read straight from `public_properties`, which the database keeps.
 */
function tileProperties(keys: string[], all: boolean): RawBuilder<unknown> {
  if (all) return sql`f.public_properties`
  if (keys.length === 0) return sql`'{}'::jsonb`
  const pairs = keys.map((k) => sql`${k}::text, f.public_properties->${k}::text`)
  return sql`jsonb_strip_nulls(jsonb_build_object(${sql.join(pairs)}))`
}

/**
 * The rows of one layer's tile: `id`, `props` (jsonb of public attributes) and `geom` (Web
 * Mercator, generalised for the zoom). Low zooms simplify lines and polygons to a tile unit,
 * drop polygons under 2×2 screen pixels, carry only the overview attributes, and aggregate
 * points on a grid when the layer asks.
 * The filter on `geom_3857` uses `&&` on the bare indexed column, never a function of it.
 */
export function tileRowsQuery(layer: TileLayer, t: TileCoord): RawBuilder<unknown> {
  const unit = tileWidth(t.z) / EXTENT
  const overview = t.z < OVERVIEW_BELOW && layer.overviewAttributes.length < layer.publicAttributes.length
  const props = tileProperties(overview ? layer.overviewAttributes : layer.publicAttributes, !overview)
  if (layer.geometryType === 'point' && layer.clusterBelow !== undefined && t.z < layer.clusterBelow) {
    // Each point belongs to exactly one tile (no buffer), so a cluster is never cut in two.
    return sql`
      SELECT min(f.id) AS id,
             CASE WHEN count(*) = 1 THEN (array_agg(${props}))[1]
                  ELSE jsonb_build_object('point_count', count(*)) END AS props,
             ST_Centroid(ST_Collect(f.geom_3857)) AS geom
        FROM features f
       WHERE f.layer_id = ${layer.id} AND f.geom_3857 && ${tileEnvelope(t)}
       GROUP BY ST_SnapToGrid(f.geom_3857, ${unit * CLUSTER_CELL}::float8)`
  }
  if (layer.geometryType === 'point' || t.z >= FULL_DETAIL_ZOOM) {
    return sql`
      SELECT f.id, ${props} AS props, f.geom_3857 AS geom
        FROM features f
       WHERE f.layer_id = ${layer.id} AND f.geom_3857 && ${tileEnvelope(t, true)}`
  }
  const areaFilter = layer.geometryType === 'polygon' ? sql`AND f.area_3857 >= ${unit * unit * MIN_POLYGON_AREA}::float8` : sql``
  return sql`
    SELECT f.id, ${props} AS props, ST_Simplify(f.geom_3857, ${unit}::float8, true) AS geom
      FROM features f
     WHERE f.layer_id = ${layer.id} AND f.geom_3857 && ${tileEnvelope(t, true)} ${areaFilter}`
}

/**
 * The label points of a labelled polygon layer in one tile: each polygon's `label_3857` in the
 * one tile that holds it (no buffer), with only the label attribute. Polygons dropped at this
 * zoom for being too small are not labelled either.
 */
export function labelRowsQuery(layer: TileLayer, t: TileCoord): RawBuilder<unknown> | undefined {
  if (layer.geometryType !== 'polygon' || !layer.labelAttribute) return undefined
  const unit = tileWidth(t.z) / EXTENT
  const areaFilter = t.z < FULL_DETAIL_ZOOM ? sql`AND f.area_3857 >= ${unit * unit * MIN_POLYGON_AREA}::float8` : sql``
  return sql`
    SELECT f.id, ${tileProperties([layer.labelAttribute], false)} AS props, f.label_3857 AS geom
      FROM features f
     WHERE f.layer_id = ${layer.id} AND f.label_3857 && ${tileEnvelope(t)} ${areaFilter}
       AND f.properties ? ${layer.labelAttribute}::text`
}
