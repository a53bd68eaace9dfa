import { sql, type Expression, type RawBuilder } from 'kysely'

/** A geometry column as a parsed GeoJSON geometry object (6 decimals ≈ 0.1 m). */
export function asGeoJson(geom: Expression<unknown>, decimals = 6): RawBuilder<unknown> {
  return sql`ST_AsGeoJSON(${geom}, ${decimals})::json`
}

/** A lon/lat box as an EPSG:4326 envelope. */
export function lonLatEnvelope([w, s, e, n]: readonly [number, number, number, number]): RawBuilder<string> {
  return sql<string>`ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`
}
