import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'

/** The geometry types a layer's features have (`Point`, `MultiPolygon`…), each once; empty for an empty layer. */
export async function layerGeometryTypes(db: Kysely<DB>, layerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('features')
    .where('layer_id', '=', layerId)
    .select(sql<string>`GeometryType(geom)`.as('type'))
    .distinct()
    .execute()
  // PostGIS names them in capitals (`MULTIPOLYGON`); GeoJSON and the export writers in CamelCase.
  const names: Record<string, string> = { POINT: 'Point', LINESTRING: 'LineString', POLYGON: 'Polygon', MULTIPOINT: 'MultiPoint', MULTILINESTRING: 'MultiLineString', MULTIPOLYGON: 'MultiPolygon' }
  return rows.map((r) => names[r.type] ?? 'Geometry')
}
