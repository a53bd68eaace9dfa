import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { Geometry, Position } from 'geojson'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type pg from 'pg'
import type { DB } from '../db/index.ts'
import type { GeometryKind } from '../layers/index.ts'
import type { TileCoord } from './tile-coord.ts'
import { FULL_DETAIL_ZOOM, labelRowsQuery, shiftedIntoTile, tileRowsQuery, withTile } from './tile-query.ts'
import { runTileStatement, TileStatements } from './tile-statement.ts'
import { BUFFER, EXTENT, labelLayerName, type TileLayer, type TileSource } from './tile-source.ts'

type Scalar = string | number | boolean

/** A feature as vt-pbf takes it: type 1 points, 2 lines, 3 polygon rings, in tile units. */
interface TileFeature {
  id: number
  type: 1 | 2 | 3
  geometry: number[][] | number[][][]
  tags: Record<string, Scalar>
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

interface TileUnitRow {
  label: boolean
  id: string | number
  props: Record<string, Scalar>
  g: string
}

function lines(coords: Position[][]): number[][][] {
  return coords.map((ring) => ring.map(([x, y]) => [x!, y!]))
}

/** A tile-unit GeoJSON geometry → the vt-pbf feature shape; undefined for what MVT cannot hold. */
function toTileFeature(id: number, geometry: Geometry, tags: Record<string, Scalar>): TileFeature | undefined {
  switch (geometry.type) {
    case 'Point':
      return { id, type: 1, geometry: [[geometry.coordinates[0]!, geometry.coordinates[1]!]], tags }
    case 'MultiPoint':
      return { id, type: 1, geometry: geometry.coordinates.map(([x, y]) => [x!, y!]), tags }
    case 'LineString':
      return { id, type: 2, geometry: lines([geometry.coordinates]), tags }
    case 'MultiLineString':
      return { id, type: 2, geometry: lines(geometry.coordinates), tags }
    case 'Polygon':
      return { id, type: 3, geometry: lines(geometry.coordinates), tags }
    case 'MultiPolygon':
      return { id, type: 3, geometry: geometry.coordinates.flatMap(lines), tags }
    default:
      return undefined
  }
}

/**
 * Encodes tiles in JavaScript from rows PostGIS has clipped and scaled: the path for engines
 * whose PostGIS lacks ST_AsMVT (PGlite is built without protobuf-c).
 */
export class JsTileSource implements TileSource {
  readonly encoder = 'js'
  readonly #statements: TileStatements

  constructor(
    private readonly db: Kysely<DB>,
    private readonly pool?: pg.Pool,
  ) {
    this.#statements = new TileStatements(db, jsTileQuery)
  }

  async getTile(layer: TileLayer, t: TileCoord): Promise<Uint8Array> {
    const rows = await runTileStatement<TileUnitRow>(this.db, this.pool, this.#statements.get(layer, t.z), t)
    const main: TileFeature[] = []
    const points: TileFeature[] = []
    for (const r of rows) {
      const feature = toTileFeature(Number(r.id), JSON.parse(r.g) as Geometry, r.props)
      if (feature) (r.label ? points : main).push(feature)
    }
    const layers: Record<string, { features: TileFeature[] }> = {}
    if (main.length > 0) layers[layer.id] = { features: main }
    if (points.length > 0) layers[labelLayerName(layer.id)] = { features: points }
    if (Object.keys(layers).length === 0) return new Uint8Array()
    const bytes = fromGeojsonVt(layers as unknown as Parameters<typeof fromGeojsonVt>[0], { version: 2, extent: EXTENT })
    // A Buffer, so that a response writes it as it is.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
}
