import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { NEAREST_ADDRESS_RADIUS_M, refreshGazetteer } from '../../layers/index.ts'

/**
 * Names the place of the city's appeals that have no address yet with the gazetteer's nearest
 * address, as a new appeal is named at filing: for appeals filed before the city had addresses
 * near them (before its OpenStreetMap extract, say). An address once given is never changed:
 * the receipt and the executors saw it. Returns how many appeals gained one.
 */
export async function fillMissingAppealAddresses(db: Kysely<DB>, cityId: string): Promise<number> {
  await refreshGazetteer(db, cityId)
  const result = await sql`
    WITH found AS (
      SELECT a.id, n.title FROM appeals a
       CROSS JOIN LATERAL nearest_address(a.city_id, a.geom, ${NEAREST_ADDRESS_RADIUS_M}) n
       WHERE a.city_id = ${cityId} AND a.address IS NULL)
    UPDATE appeals SET address = found.title FROM found WHERE appeals.id = found.id`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
