import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { ELECTORAL_DISTRICTS_DEFINITION, ensureElectoralDistricts } from '../../layers/index.ts'
import { syncDistrictDeputies } from '../deputies/index.ts'

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
    await sql`
      INSERT INTO deputies (city_id, district_number, name, reception_hours)
      SELECT ${city}, (properties->>'number')::int, 'Депутат ' || (properties->>'name') || ' (демо)', 'Пн 10:00–12:00 (демо)'
        FROM features WHERE layer_id = ${ELECTORAL_DISTRICTS_DEFINITION.id}
      ON CONFLICT (city_id, district_number) DO NOTHING`.execute(trx)
    await syncDistrictDeputies(trx, city)
  })
}
