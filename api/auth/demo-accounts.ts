import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { hashPassword } from './password.ts'
import type { Role } from './session.ts'

/** The demo accounts: `<role>@demo.local` with the password `demo-<role>`. */
export const DEMO_ACCOUNTS: Array<{ email: string; password: string; name: string; role: Role; organisation?: string }> = [
  { email: 'admin@demo.local', password: 'demo-admin', name: 'Адміністратор (демо)', role: 'admin' },
  { email: 'moderator@demo.local', password: 'demo-moderator', name: 'Фахівець зі звернень (демо)', role: 'moderator' },
  { email: 'executor@demo.local', password: 'demo-executor', name: 'Виконавець (демо)', role: 'executor', organisation: 'kyiv-roads' },
  { email: 'manager@demo.local', password: 'demo-manager', name: 'Керівник (демо)', role: 'manager', organisation: 'kyiv-roads' },
  { email: 'planner@demo.local', password: 'demo-planner', name: 'Містобудівник (демо)', role: 'planner' },
  { email: 'budget@demo.local', password: 'demo-budget', name: 'Адміністратор бюджету участі (демо)', role: 'budget_admin' },
  { email: 'resident@demo.local', password: 'demo-resident', name: 'Мешканка (демо)', role: 'resident' },
]

/** Passwords published in the README: refused outside demo mode. */
export const DEMO_PASSWORDS: ReadonlySet<string> = new Set(DEMO_ACCOUNTS.map((a) => a.password))

/** Creates the demo accounts that are missing (demo mode only). */
export async function seedDemoAccounts(db: Kysely<DB>): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const exists = await sql`SELECT 1 FROM users WHERE email = ${account.email}`.execute(db)
    if (exists.rows.length) continue
    const hash = await hashPassword(account.password)
    await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: number }>`
        INSERT INTO users (email, name, password_hash, email_confirmed_at)
        VALUES (${account.email}, ${account.name}, ${hash}, now()) RETURNING id`.execute(trx)
      await sql`INSERT INTO user_roles (user_id, role, organisation_id) VALUES (${rows[0]!.id}, ${account.role}, ${account.organisation ?? null})`.execute(trx)
    })
  }
}
