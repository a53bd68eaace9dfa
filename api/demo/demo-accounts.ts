import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { DEMO_PASSWORD_OF, hashPassword, type Role } from '../auth/index.ts'
import { accountExists, insertConfirmedAccount } from './demo.queries.ts'

/** The demo accounts: `<role>@demo.local` with the password `demo-<role>`. */
export const DEMO_ACCOUNTS: Array<{ email: string; password: string; name: string; role: Role; organisation?: string }> = [
  { email: 'admin@demo.local', password: DEMO_PASSWORD_OF.admin, name: 'Адміністратор (демо)', role: 'admin' },
  { email: 'moderator@demo.local', password: DEMO_PASSWORD_OF.moderator, name: 'Фахівець зі звернень (демо)', role: 'moderator' },
  { email: 'executor@demo.local', password: DEMO_PASSWORD_OF.executor, name: 'Виконавець (демо)', role: 'executor', organisation: 'kyiv-roads' },
  { email: 'manager@demo.local', password: DEMO_PASSWORD_OF.manager, name: 'Керівник (демо)', role: 'manager', organisation: 'kyiv-roads' },
  { email: 'planner@demo.local', password: DEMO_PASSWORD_OF.planner, name: 'Містобудівник (демо)', role: 'planner' },
  { email: 'publisher@demo.local', password: DEMO_PASSWORD_OF.publisher, name: 'Публікаторка управління транспорту (демо)', role: 'publisher', organisation: 'kyiv-transport' },
  { email: 'budget@demo.local', password: DEMO_PASSWORD_OF.budget_admin, name: 'Адміністратор бюджету участі (демо)', role: 'budget_admin' },
  { email: 'property@demo.local', password: DEMO_PASSWORD_OF.property_manager, name: 'Управління комунальної власності (демо)', role: 'property_manager' },
  { email: 'resident@demo.local', password: DEMO_PASSWORD_OF.resident, name: 'Мешканка (демо)', role: 'resident' },
]

/** Creates the demo accounts that are missing (demo mode only). */
export async function seedDemoAccounts(db: Kysely<DB>): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    if (await accountExists(db, account.email)) continue
    const passwordHash = await hashPassword(account.password)
    await insertConfirmedAccount(db, { email: account.email, name: account.name, passwordHash, role: account.role, organisation: account.organisation ?? null })
  }
}
