import type { Kysely } from 'kysely'
import type { DB } from '../db/index.ts'
import { seedDemoData } from '../layers/index.ts'
import { prepareAppeals } from './appeals/appeals-setup.ts'
import { seedSyntheticAppeals } from './appeals/synthetic-appeals.ts'

/**
 * The whole demo: the four cities' layers, then each city made ready for appeals.
 */
export async function loadDemoData(db: Kysely<DB>, log: (line: string) => void = () => {}): Promise<void> {
  await seedDemoData(db, log)
  await prepareAppeals(db)
  await seedSyntheticAppeals(db, log)
}
