import { sql, type RawBuilder } from 'kysely'

/**
 * The district of a city that holds a point, as a subquery of `id, name` (no row outside
 * every district). Where districts touch, the lowest id wins, so the answer is stable.
 */
export function districtAt(city: string, point: RawBuilder<unknown>): RawBuilder<{ id: number; name: string }> {
  return sql`SELECT id, name FROM districts WHERE city_id = ${city} AND ST_Intersects(geom, ${point}) ORDER BY id LIMIT 1`
}
