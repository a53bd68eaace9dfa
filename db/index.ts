/** The database module: one pg + Kysely access path over embedded or real PostGIS. */
export { APP_SESSION_OPTIONS, DEFAULT_DATA_DIR, DEFAULT_POOL_SIZE, openDatabase, TILE_SESSION_OPTIONS, type Database, type DatabaseEngine, type DatabaseOptions } from './connection.ts'
export { migrate } from './migrate.ts'
export { asGeoJson, lonLatEnvelope, lonLatPoint } from './postgis.ts'
export type * from './schema.ts'
export { EmbeddedDatabaseInUse, type EmbeddedLock, lockEmbeddedDatabase } from './embedded-lock.ts'
export { openEmbeddedPglite, PGLITE_DIR, startEmbeddedPostgis } from './embedded-postgis.ts'
export { generateSchema } from './schema-generator.ts'
