/**
 * The tile module's SQL: the tile grid row, a layer's tile rows and label points at a zoom, the
 * statements of the two encoders (ST_AsMVT, and GeoJSON in tile units for the JS encoder), the
 * probe for native MVT, and the densest tiles of a layer.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../db/index.ts'
import type { GeometryKind } from '../layers/index.ts'
import { MAX_TILE_ZOOM, tileWidth, type TileCoord } from './tile-coord.ts'
import { BUFFER, EXTENT, labelLayerName, type TileLayer } from './tile-source.ts'

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

/**
 * The one statement that makes a tile in PostGIS: the tile rows as ST_AsMVT encodes them,
 * concatenated with the label-point layer where the layer has one (a tile with several layers
 * is the concatenation of their encodings, MVT spec 4.1). A row that lies within the tile is
 * only shifted into it; the others go through `ST_AsMVTGeom`, which clips them. ST_AsMVT skips
 * the rows whose geometry was clipped away, so they need no filter of their own (one that
 * PostgreSQL pushed into the scan made it compute every geometry twice).
 */
export function postgisTileQuery(layer: TileLayer, t: TileCoord): RawBuilder<{ mvt: Buffer | null }> {
  const [extent, buffer] = [sql.lit(EXTENT), sql.lit(BUFFER)]
  const encode = (rows: RawBuilder<unknown>, name: string) => sql`
    (SELECT ST_AsMVT(mvt, ${layerLiteral(name)}, ${extent}, 'geom', 'id')
       FROM tile, LATERAL (
         SELECT r.id, r.props,
                CASE WHEN r.inside THEN ${shiftedIntoTile(sql`r.geom`)}
                     ELSE ST_AsMVTGeom(r.geom, r.bounds, ${extent}, ${buffer}, true) END AS geom
           FROM (${rows}) r) mvt)`
  const labels = labelRowsQuery(layer, t.z)
  return withTile(
    t,
    sql`SELECT ${encode(tileRowsQuery(layer, t.z), layer.id)}
               ${labels ? sql`|| ${encode(labels, labelLayerName(layer.id))}` : sql``} AS mvt`,
  ) as RawBuilder<{ mvt: Buffer | null }>
}

/**
 * Cuts a row's geometry to the tile as ST_AsMVTGeom does (PostGIS 3 `mvt_geom`): into tile
 * units with y pointing down, drop detail under half a unit (tile shapes already are), snap to
 * the integer grid, clip to the buffered tile, make valid on the grid, and wind polygon
 * exteriors as the MVT spec wants (positive area in tile coordinates).
 */
function cutToTile(geometryType: GeometryKind, tileShape: boolean): RawBuilder<unknown> {
  const scale = sql`${sql.lit(EXTENT)} / (ST_XMax(r.bounds) - ST_XMin(r.bounds))`
  const g = sql`ST_TransScale(r.geom, -ST_XMin(r.bounds), -ST_YMax(r.bounds), ${scale}, -${scale})`
  const box = sql`ST_MakeEnvelope(${sql.lit(-BUFFER)}, ${sql.lit(-BUFFER)}, ${sql.lit(EXTENT + BUFFER)}, ${sql.lit(EXTENT + BUFFER)})`
  if (geometryType === 'point') return sql`ST_ClipByBox2D(ST_SnapToGrid(${g}, 1), ${box})`
  const simplified = tileShape ? g : sql`ST_Simplify(ST_RemoveRepeatedPoints(${g}, 0.5), 0.5, false)`
  const clipped = sql`ST_ClipByBox2D(ST_SnapToGrid(${simplified}, 1), ${box})`
  if (geometryType === 'line') return sql`ST_CollectionExtract(${clipped}, 2)`
  // Clipping and repair add off-grid vertices; snapping them again can leave zero-area slivers,
  // which the second repair turns into lines and the extraction then drops.
  const valid = sql`ST_CollectionExtract(ST_MakeValid(${clipped}), 3)`
  return sql`ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(${valid}, 1)), 3))`
}

/**
 * The rows of a layer's tile in tile units as GeoJSON, the label points after the features
 * (`label` true): one statement per tile, so the tile is cut in one round trip. A tile shape
 * that lies within the tile is only shifted into it.
 */
export function jsTileQuery(layer: TileLayer, t: TileCoord): RawBuilder<TileUnitRow> {
  const part = (rows: RawBuilder<unknown>, cut: RawBuilder<unknown>, label: boolean) => sql`
    SELECT ${sql.lit(label)} AS label, cut.id, cut.props, ST_AsGeoJSON(cut.g, 0) AS g
      FROM tile, LATERAL (
        SELECT r.id, r.props, CASE WHEN r.inside THEN ${shiftedIntoTile(sql`r.geom`)} ELSE ${cut} END AS g
          FROM (${rows}) r) cut
     WHERE cut.g IS NOT NULL AND NOT ST_IsEmpty(cut.g)`
  const labels = labelRowsQuery(layer, t.z)
  const tileShapes = layer.geometryType !== 'point' && t.z <= FULL_DETAIL_ZOOM
  return withTile(
    t,
    sql`${part(tileRowsQuery(layer, t.z), cutToTile(layer.geometryType, tileShapes), false)}
        ${labels ? sql`UNION ALL ${part(labels, cutToTile('point', false), true)}` : sql``}`,
  ) as RawBuilder<TileUnitRow>
}

/** A row of the JS encoder's statement: a feature or label point cut to the tile, as GeoJSON in tile units. */
export interface TileUnitRow {
  label: boolean
  id: string | number
  props: Record<string, string | number | boolean>
  g: string
}

/** True when this PostGIS can encode MVT itself (PGlite's build lacks protobuf-c). */
export async function hasNativeMvt(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`SELECT ST_AsMVT(t) FROM (SELECT ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_TileEnvelope(0, 0, 0)) AS geom) t`.execute(db)
    return true
  } catch (err) {
    if (/protobuf/i.test((err as Error).message)) return false
    throw err
  }
}

// Half the width of the Web Mercator world, in metres.
const ORIGIN = 20037508.342789244

/**
 * The `limit` tiles of a zoom holding the most features of a layer (by feature centroid): where
 * a layer's biggest tiles are, without cutting every tile of the pyramid.
 */
export async function densestTiles(db: Kysely<DB>, layerId: string, z: number, limit: number): Promise<TileCoord[]> {
  const w = tileWidth(z)
  const rows = await sql<{ x: number; y: number }>`
    SELECT floor((ST_X(c) + ${ORIGIN}::float8) / ${w}::float8)::int AS x,
           floor((${ORIGIN}::float8 - ST_Y(c)) / ${w}::float8)::int AS y
      FROM (SELECT ST_PointOnSurface(geom_3857) AS c FROM features WHERE layer_id = ${layerId}) f
     GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT ${limit}`.execute(db)
  return rows.rows.map(({ x, y }) => ({ z, x, y }))
}

/** The public layers with what the tile server reads of them: geometry, attributes, style, version, zooms, size. */
export async function listTileLayers(db: Kysely<DB>) {
  return db
    .selectFrom('layers')
    .select(['id', 'geometry_type', 'attributes', 'style', 'version', 'minzoom', 'maxzoom', 'feature_count'])
    .where('is_public', '=', true)
    .execute()
}

/**
 * A tile of a layer as it was at a revision: the current features that began at or before it and
 * the earlier states current then (the feature history), cut to the tile in tile units as the JS
 * encoder takes them. Read rarely (a planner comparing revisions), so it is cut on the fly rather
 * than kept in tile shapes.
 */
export function revisionTileQuery(layerId: string, geometryType: GeometryKind, revision: number, t: TileCoord): RawBuilder<Omit<TileUnitRow, 'label'>> {
  const states = sql`
    SELECT f.id, f.properties, f.geom_3857 AS geom FROM features f
     WHERE f.layer_id = ${layerId} AND f.revision <= ${revision} AND f.geom_3857 && tile.buffered_3857
    UNION ALL
    SELECT h.feature_id, h.properties, ST_Transform(h.geom, 3857) FROM feature_history h
     WHERE h.layer_id = ${layerId} AND h.valid_from <= ${revision} AND h.valid_to > ${revision}
       AND h.geom && ST_Transform(tile.buffered_3857, 4326)`
  const rows = sql`SELECT s.id, pick_keys(s.properties, tile_keys_of(${layerId})) AS props, s.geom, tile.bounds_3857 AS bounds FROM (${states}) s`
  return withTile(
    t,
    sql`SELECT cut.id, cut.props, ST_AsGeoJSON(cut.g, 0) AS g
          FROM tile, LATERAL (SELECT r.id, r.props, ${cutToTile(geometryType, false)} AS g FROM (${rows}) r) cut
         WHERE cut.g IS NOT NULL AND NOT ST_IsEmpty(cut.g)`,
  ) as RawBuilder<Omit<TileUnitRow, 'label'>>
}
