import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { ensureGazetteer } from '../../layers/index.ts'
import type { Log } from '../http/index.ts'
import { fillMissingAppealAddresses } from './appeal-address.queries.ts'
import { listCityNames } from './appeals-setup.queries.ts'

/**
 * At start: builds the gazetteer of every city that has none (a new installation, the demo), and
 * names the appeals filed before their city had an address near them. A stale gazetteer is left
 * to the first search: a rebuild would hold the embedded engine while the server starts serving.
 * A failure is logged and left to the next start; new appeals are named at filing either way.
 */
export async function nameAppealsAtStart(db: Kysely<DB>, log: Log): Promise<void> {
  for (const city of await listCityNames(db)) {
    try {
      await ensureGazetteer(db, city.id)
      const named = await fillMissingAppealAddresses(db, city.id)
      if (named > 0) log(`gazetteer: ${named} appeals in ${city.id} named with their nearest address`)
    } catch (err) {
      log(`gazetteer of ${city.id} not built now; built at its first search`, { level: 'warn', error: (err as Error).message })
    }
  }
}
