import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { seedDemoData } from '../../layers/index.ts'
import { prepareAppeals } from '../appeals/index.ts'
import { seedDemoAccounts } from './demo-accounts.ts'
import { seedDemoBudgets } from './demo-budgets.ts'
import { seedDemoConsultation } from './demo-consultation.ts'
import { seedDemoProperty } from './demo-property.ts'
import { seedDemoWorks } from './demo-works.ts'
import { prepareDemoDeputies } from './demo-deputies.ts'
import { seedSyntheticAppeals } from './synthetic-appeals.ts'

/**
 * The whole demo: the four cities' layers, each city made ready for appeals, Kyiv's electoral
 * districts with a placeholder deputy each, the synthetic appeals, the demo accounts (one per
 * role, executor and manager in Kyiv's roads department), and a synthetic zoning plan of central
 * Kyiv under public consultation with the demo resident's comments and the planner's answers;
 * and the participatory budgets: Marhanets's 2019 winners as published, and two synthetic
 * editions of Kyiv (one being built, one in voting); and the property register (Kyiv's parcels,
 * Marhanets's premises and kiosks) with synthetic offers to investors, and synthetic repairs and
 * planned or emergency works.
 */
export async function loadDemoData(db: Kysely<DB>, log: (line: string) => void = () => {}): Promise<void> {
  await seedDemoData(db, log)
  await prepareAppeals(db)
  await prepareDemoDeputies(db)
  await seedSyntheticAppeals(db, log)
  await seedDemoAccounts(db)
  await seedDemoConsultation(db, log)
  await seedDemoBudgets(db, log)
  await seedDemoProperty(db, log)
  await seedDemoWorks(db, log)
}
