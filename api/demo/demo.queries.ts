import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'

/** Whether an account with this e-mail exists. */
export async function accountExists(db: Kysely<DB>, email: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) !== undefined
}

/** A confirmed account with one role, written whole or not at all. */
export async function insertConfirmedAccount(
  db: Kysely<DB>,
  account: { email: string; name: string; passwordHash: string; role: string; organisation: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('users')
      .values({ email: account.email, name: account.name, password_hash: account.passwordHash, email_confirmed_at: sql<Date>`now()` })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx.insertInto('user_roles').values({ user_id: id, role: account.role, organisation_id: account.organisation }).execute()
  })
}

/**
 * One placeholder deputy per electoral district of the layer, named as a demo; districts that
 * have a deputy (an administrator's, or one removed and re-added) keep theirs.
 */
export async function insertPlaceholderDeputies(trx: Transaction<DB>, city: string, layerId: string): Promise<void> {
  await sql`
    INSERT INTO deputies (city_id, district_number, name, reception_hours)
    SELECT ${city}, (properties->>'number')::int, 'Депутат ' || (properties->>'name') || ' (демо)', 'Пн 10:00–12:00 (демо)'
      FROM features WHERE layer_id = ${layerId}
    ON CONFLICT (city_id, district_number) DO NOTHING`.execute(trx)
}
