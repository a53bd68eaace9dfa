/** The database module: one pg + Kysely access path over embedded or real PostGIS. */
export { openDatabase, TILE_SESSION_OPTIONS, type Database, type DatabaseEngine, type DatabaseOptions } from './connection.ts'
export { migrate } from './migrate.ts'
export { asGeoJson, lonLatEnvelope } from './postgis.ts'
export type { CityRow, DB, LayerRow, LocalizedJson } from './schema.ts'
