import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { Geometry, Position } from 'geojson'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { DB } from '../db/index.ts'
import type { TileCoord } from './tile-coord.ts'
import { jsTileQuery, type TileUnitRow } from './tile.queries.ts'
import { runTileStatement, TileStatements } from './tile-statement.ts'
import { EXTENT, labelLayerName, type TileLayer, type TileSource } from './tile-source.ts'

type Scalar = string | number | boolean

/** A feature as vt-pbf takes it: type 1 points, 2 lines, 3 polygon rings, in tile units. */
interface TileFeature {
  id: number
  type: 1 | 2 | 3
  geometry: number[][] | number[][][]
  tags: Record<string, Scalar>
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
    return encodeTileRows(layer.id, await runTileStatement<TileUnitRow>(this.db, this.pool, this.#statements.get(layer, t.z), t))
  }
}

/**
 * Encodes rows cut to a tile (GeoJSON in tile units) as an MVT: features in the layer's own
 * layer, label points in its label layer. An empty tile is empty bytes.
 */
export function encodeTileRows(layerId: string, rows: Iterable<Omit<TileUnitRow, 'label'> & { label?: boolean }>): Uint8Array {
  const main: TileFeature[] = []
  const points: TileFeature[] = []
  for (const r of rows) {
    const feature = toTileFeature(Number(r.id), JSON.parse(r.g) as Geometry, r.props)
    if (feature) (r.label ? points : main).push(feature)
  }
  const layers: Record<string, { features: TileFeature[] }> = {}
  if (main.length > 0) layers[layerId] = { features: main }
  if (points.length > 0) layers[labelLayerName(layerId)] = { features: points }
  if (Object.keys(layers).length === 0) return new Uint8Array()
  const bytes = fromGeojsonVt(layers as unknown as Parameters<typeof fromGeojsonVt>[0], { version: 2, extent: EXTENT })
  // A Buffer, so that a response writes it as it is.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
