import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { ELECTORAL_DISTRICTS_DEFINITION, ensureElectoralDistricts } from '../../layers/index.ts'
import { syncDistrictDeputies } from '../deputies/index.ts'
import { insertPlaceholderDeputies } from './demo.queries.ts'

/**
 * The demo's deputies: Kyiv's electoral districts layer and, in the same transaction as its first
 * build, one placeholder deputy per district, named as a demo so that nobody takes them for a
 * real person. Safe at every start: a built layer, and deputies an administrator edited or
 * removed, stay as they are.
 */
export async function prepareDemoDeputies(db: Kysely<DB>): Promise<void> {
  const city = ELECTORAL_DISTRICTS_DEFINITION.city
  await db.transaction().execute(async (trx) => {
    if (!(await ensureElectoralDistricts(trx))) return
    await insertPlaceholderDeputies(trx, city, ELECTORAL_DISTRICTS_DEFINITION.id)
    await syncDistrictDeputies(trx, city)
  })
}
