import { sql, type RawBuilder } from 'kysely'
import { MAX_TILE_ZOOM, type TileCoord } from './tile-coord.ts'
import { BUFFER, EXTENT, type TileLayer } from './tile-source.ts'

/**
 * From this zoom on, geometries go out at full detail (no area filter, no simplification
 * beyond what a tile unit can show). Up to it, lines and polygons come from `tile_shapes`,
 * which holds each one as tiles draw it at every zoom from 0 to this (migration 009); above it,
 * tiles cut them from the features as they are.
 */
export const FULL_DETAIL_ZOOM = 16
/** A point cluster cell, in tile units: 128 units are 16 px on a 512 px tile. */
const CLUSTER_CELL = 128

/**
 * The zoom as it is written into a statement's text. Each zoom has a statement of its own, so
 * that PostgreSQL folds the zoom's constants and picks the zoom's partition of the tile shapes
 * when it plans, once per connection, instead of at every tile.
 */
function zoomLiteral(z: number): RawBuilder<number> {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) throw new RangeError(`not a tile zoom: ${z}`)
  return sql.lit(z)
}

/**
 * A layer id (or a tile layer name made from one) as it is written into a statement's text: a
 * tile statement is planned for one layer, so that PostgreSQL reads that layer's tables only.
 * Layer ids are slugs (the layers table checks them); anything else is refused here too.
 */
export function layerLiteral(id: string): RawBuilder<string> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)+$/.test(id)) throw new RangeError(`not a layer id: ${id}`)
  return sql.lit(id)
}

/**
 * A tile statement: `body` with the CTE `tile` in scope, one row describing the tile. In its
 * zoom's tile grid (see migration 009): `corner_x` and `corner_y`, the grid coordinates of its
 * top-left corner; `bounds` (box2d) and `buffered` (grown by the tile buffer), its extent. In
 * Web Mercator: `bounds_3857` (box2d) and `buffered_3857`. The tile's x and y are the
 * statement's first two parameters and nothing else depends on them, so one compiled statement
 * serves every tile of a zoom (see `TileStatements`). The row is computed once per tile: the
 * parts of the statement join it (`FROM tile, LATERAL (…)`), so no expression of it is
 * evaluated per feature.
 */
export function withTile(t: TileCoord, body: RawBuilder<unknown>): RawBuilder<unknown> {
  const z = zoomLiteral(t.z)
  const [extent, buffer] = [sql.lit(EXTENT), sql.lit(BUFFER)]
  return sql`WITH tile AS (
      SELECT c.corner_x, c.corner_y,
             ST_MakeEnvelope(c.corner_x, c.corner_y - ${extent}, c.corner_x + ${extent}, c.corner_y)::box2d AS bounds,
             ST_MakeEnvelope(c.corner_x - ${buffer}, c.corner_y - ${extent} - ${buffer},
                             c.corner_x + ${extent} + ${buffer}, c.corner_y + ${buffer}) AS buffered,
             ST_TileEnvelope(${z}, xy.x, xy.y)::box2d AS bounds_3857,
             ST_TileEnvelope(${z}, xy.x, xy.y, margin => ${sql.lit(BUFFER / EXTENT)}::float8) AS buffered_3857
        FROM (SELECT ${t.x}::int AS x, ${t.y}::int AS y) xy,
             LATERAL (SELECT ${extent}::float8 * xy.x AS corner_x, ${extent}::float8 * (${sql.lit(2 ** t.z)} - xy.y) AS corner_y) c
      OFFSET 0)
    ${body}`
}

/**
 * The rows of one layer's tile at zoom z, for `FROM tile, LATERAL (…)` inside
 * {@link withTile}: `id`, `props` (the feature's tile properties, see migration 009), `geom`,
 * `bounds` (the tile's extent in the space `geom` is in), and `inside`, true when `geom` is a
 * stored tile shape lying within the buffered tile, so that shifting it is all the tile needs;
 * the encoder cuts the others to the tile. Lines and polygons up to {@link FULL_DETAIL_ZOOM} are
 * their tile shapes; points are in Web Mercator; a clustered point layer is aggregated on a
 * grid. Every spatial filter is `&&` on a bare indexed column of the layer's own table.
 */
export function tileRowsQuery(layer: TileLayer, z: number): RawBuilder<unknown> {
  const id = layerLiteral(layer.id)
  if (layer.geometryType === 'point' && layer.clusterBelow !== undefined && z < layer.clusterBelow) {
    // Each point belongs to exactly one tile (no buffer), so a cluster is never cut in two. Cells
    // are squares of the zoom's grid numbered from the coordinates, cheaper than snapping
    // geometries; a cell of one point carries that point's own geometry and properties.
    const cell = sql`(tile_unit(${zoomLiteral(z)}) * ${sql.lit(CLUSTER_CELL)})`
    return sql`
      SELECT c.id, CASE WHEN c.n = 1 THEN f.tile_properties ELSE jsonb_build_object('point_count', c.n) END AS props,
             CASE WHEN c.n = 1 THEN f.geom_3857 ELSE ST_Point(c.x, c.y, 3857) END AS geom, tile.bounds_3857 AS bounds,
             false AS inside
        FROM (SELECT min(f.id) AS id, count(*) AS n, avg(ST_XMin(f.geom_3857)) AS x, avg(ST_YMin(f.geom_3857)) AS y
                FROM features f
               WHERE f.layer_id = ${id} AND f.geom_3857 && tile.bounds_3857
               GROUP BY floor(ST_XMin(f.geom_3857) / ${cell}), floor(ST_YMin(f.geom_3857) / ${cell})) c
        JOIN features f ON f.layer_id = ${id} AND f.id = c.id`
  }
  if (layer.geometryType === 'point' || z > FULL_DETAIL_ZOOM) {
    return sql`
      SELECT f.id, f.tile_properties AS props, f.geom_3857 AS geom, tile.bounds_3857 AS bounds, false AS inside
        FROM features f
       WHERE f.layer_id = ${id} AND f.geom_3857 && tile.buffered_3857`
  }
  return sql`
    SELECT s.feature_id AS id, s.props, s.geom, tile.bounds, s.geom @ tile.buffered AS inside
      FROM tile_shapes s
     WHERE s.layer_id = ${id} AND s.zoom = ${zoomLiteral(z)} AND s.geom && tile.buffered`
}

/**
 * The label points of a labelled polygon layer in one tile, in the shape of
 * {@link tileRowsQuery}: each polygon's `label_3857` in the one tile that holds it (no buffer),
 * with only the label attribute. Polygons left out at this zoom for being too small are not
 * labelled either. Undefined for layers without labels.
 */
export function labelRowsQuery(layer: TileLayer, z: number): RawBuilder<unknown> | undefined {
  if (layer.geometryType !== 'polygon' || !layer.labelAttribute) return undefined
  const key = sql`${layer.labelAttribute}::text`
  const areaFilter = z < FULL_DETAIL_ZOOM ? sql`AND f.area_3857 >= tile_min_area(${zoomLiteral(z)})` : sql``
  return sql`
    SELECT f.id, jsonb_build_object(${key}, f.tile_properties->${key}) AS props, f.label_3857 AS geom,
           tile.bounds_3857 AS bounds, false AS inside
      FROM features f
     WHERE f.layer_id = ${layerLiteral(layer.id)} AND f.label_3857 && tile.bounds_3857 ${areaFilter}
       AND f.tile_properties ? ${key}`
}

/** A row's tile shape moved from the zoom's grid into the tile: x from its left, y down from its top. */
export function shiftedIntoTile(geom: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`ST_TransScale(${geom}, -tile.corner_x, -tile.corner_y, 1, -1)`
}
