import type { Kysely } from 'kysely'

/**
 * The text of `schema.ts` for the migrated database that `db` reaches (see `schema-codegen.ts`).
 * kysely-codegen and TypeScript, development dependencies that take most of a second and 50 MB
 * to load, are loaded on the first call, never by the app that imports this module.
 */
export async function generateSchema(db: Kysely<any>): Promise<string> {
  const codegen = await import('./schema-codegen.ts')
  return codegen.generateSchema(db)
}
