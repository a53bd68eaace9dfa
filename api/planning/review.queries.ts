import type { Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'

/** The e-mail address of an account, to tell its holder a decision; undefined once the account is gone. */
export async function findAccountEmail(trx: Transaction<DB>, userId: number): Promise<string | undefined> {
  return (await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst())?.email
}
