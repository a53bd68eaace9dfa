import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { NEAREST_ADDRESS_RADIUS_M } from '../../layers/index.ts'

// Appeals looked up per statement: the embedded engine runs one statement at a time, and a
// backfill of thousands must not keep the requests waiting for seconds.
const BATCH = 300

/**
 * Names the place of the city's appeals that have no address yet with the nearest address of its
 * gazetteer as it stands, as a new appeal is named at filing: for appeals filed before the city
 * had addresses near them (before its OpenStreetMap extract, say). Once per version of the
 * index: a later call with the same index looks nothing up. An address once given is never
 * changed: the receipt and the executors saw it. Returns how many appeals gained one.
 */
export async function fillMissingAppealAddresses(db: Kysely<DB>, cityId: string): Promise<number> {
  const state = await db.selectFrom('search_index_state').select(['layers_key', 'appeals_named_key']).where('city_id', '=', cityId).executeTakeFirst()
  if (!state || state.appeals_named_key === state.layers_key) return 0
  let named = 0
  let after = 0
  for (;;) {
    const { rows } = await sql<{ last: string | null; named: number }>`
      WITH batch AS (SELECT id, geom FROM appeals WHERE city_id = ${cityId} AND address IS NULL AND id > ${after} ORDER BY id LIMIT ${BATCH}),
           found AS (SELECT b.id, n.title FROM batch b CROSS JOIN LATERAL nearest_address(${cityId}, b.geom, ${NEAREST_ADDRESS_RADIUS_M}) n),
           done AS (UPDATE appeals SET address = found.title FROM found WHERE appeals.id = found.id RETURNING 1)
      SELECT (SELECT max(id) FROM batch)::text AS last, (SELECT count(*) FROM done)::int AS named`.execute(db)
    const { last, named: n } = rows[0]!
    if (last === null) break
    named += n
    after = Number(last)
  }
  await db.updateTable('search_index_state').set({ appeals_named_key: state.layers_key }).where('city_id', '=', cityId).execute()
  return named
}
