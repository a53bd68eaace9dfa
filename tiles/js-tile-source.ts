import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { Geometry, Position } from 'geojson'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../db/index.ts'
import { tileBounds, type TileCoord } from './tile-coord.ts'
import { labelRowsQuery, tileRowsQuery } from './tile-query.ts'
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
 * Maps Web Mercator to tile units step by step as ST_AsMVTGeom does (PostGIS 3 `mvt_geom`):
 * drop detail under half a tile unit, scale to the extent with y pointing down, snap to the
 * integer grid, clip to the buffered tile, make valid on the grid, and wind polygon exteriors as
 * the MVT spec wants (positive area in tile coordinates).
 */
function toTileUnits(layer: TileLayer, t: TileCoord): RawBuilder<unknown> {
  const [minx, , maxx, maxy] = tileBounds(t)
  const scale = EXTENT / (maxx - minx)
  const halfUnit = (maxx - minx) / EXTENT / 2
  const scaled = (g: RawBuilder<unknown>) =>
    sql`ST_SnapToGrid(ST_TransScale(${g}, ${-minx}::float8, ${-maxy}::float8, ${scale}::float8, ${-scale}::float8), 1)`
  if (layer.geometryType === 'point') return scaled(sql`r.geom`)
  const simplified = sql`ST_Simplify(ST_RemoveRepeatedPoints(r.geom, ${halfUnit}::float8), ${halfUnit}::float8, false)`
  const clipped = sql`ST_ClipByBox2D(${scaled(simplified)}, ST_MakeEnvelope(${-BUFFER}, ${-BUFFER}, ${EXTENT + BUFFER}, ${EXTENT + BUFFER}))`
  if (layer.geometryType === 'line') return sql`ST_CollectionExtract(${clipped}, 2)`
  // Clipping and repair add off-grid vertices; snapping them again can leave zero-area slivers,
  // which the second repair turns into lines and the extraction then drops.
  const valid = sql`ST_CollectionExtract(ST_MakeValid(${clipped}), 3)`
  return sql`ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(${valid}, 1)), 3))`
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
  constructor(private readonly db: Kysely<DB>) {}

  async getTile(layer: TileLayer, t: TileCoord): Promise<Uint8Array> {
    const labels = labelRowsQuery(layer, t)
    const [main, points] = await Promise.all([
      this.#features(tileRowsQuery(layer, t), toTileUnits(layer, t)),
      labels ? this.#features(labels, toTileUnits({ ...layer, geometryType: 'point' }, t)) : [],
    ])
    const layers: Record<string, TileFeature[]> = {}
    if (main.length > 0) layers[layer.id] = main
    if (points.length > 0) layers[labelLayerName(layer.id)] = points
    if (Object.keys(layers).length === 0) return new Uint8Array()
    const tiles = Object.fromEntries(Object.entries(layers).map(([name, features]) => [name, { features }]))
    return fromGeojsonVt(tiles as unknown as Parameters<typeof fromGeojsonVt>[0], { version: 2, extent: EXTENT })
  }

  async #features(rows: RawBuilder<unknown>, transform: RawBuilder<unknown>): Promise<TileFeature[]> {
    const result = await sql<{ id: number; props: Record<string, Scalar>; g: string }>`
      SELECT id, props, ST_AsGeoJSON(g, 0) AS g
        FROM (SELECT r.id, r.props, ${transform} AS g FROM (${rows}) r) clipped
       WHERE g IS NOT NULL AND NOT ST_IsEmpty(g)`.execute(this.db)
    return result.rows.flatMap((r) => toTileFeature(Number(r.id), JSON.parse(r.g) as Geometry, r.props) ?? [])
  }
}
