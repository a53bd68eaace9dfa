import { sql, type Expression, type RawBuilder } from 'kysely'

/** A geometry column as a parsed GeoJSON geometry object (6 decimals ≈ 0.1 m). */
export function asGeoJson(geom: Expression<unknown>, decimals = 6): RawBuilder<unknown> {
  return sql`ST_AsGeoJSON(${geom}, ${decimals})::json`
}

/** A lon/lat box as an EPSG:4326 envelope. */
export function lonLatEnvelope([w, s, e, n]: readonly [number, number, number, number]): RawBuilder<string> {
  return sql<string>`ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`
}

/**
 * A longitude/latitude position as an EPSG:4326 point, the coordinates sent as parameters. A
 * value for a `Geometry` column in the query builder, or a term of a `sql` template.
 *
 * @example
 * db.updateTable('cities').set({ center: lonLatPoint(30.5234, 50.4501) })
 * sql`ST_Intersects(boundary, ${lonLatPoint(lon, lat)})`
 */
export function lonLatPoint(lon: number, lat: number): RawBuilder<string> {
  return sql<string>`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`
}
