import type { Kysely, Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'

/** Every city's id and name, by id. */
export async function listCityNames(db: Kysely<DB>): Promise<Array<{ id: string; name: LocalizedJson }>> {
  return db.selectFrom('cities').select(['id', 'name']).orderBy('id').execute()
}

/** Adds an organisation unless one with its id exists; an existing one is left as it is. */
export async function addOrganisationIfAbsent(
  trx: Transaction<DB>,
  org: { id: string; cityId: string; kind: string; responsibility: string; name: LocalizedJson },
): Promise<void> {
  await trx
    .insertInto('organisations')
    .values({ id: org.id, city_id: org.cityId, kind: org.kind, responsibility: org.responsibility, name: JSON.stringify(org.name) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}
