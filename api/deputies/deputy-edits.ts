import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { changedAttributes, writeAudit } from '../audit/index.ts'
import { problems } from '../http/index.ts'
import { auditedDeputy } from './deputy.dto.ts'
import {
  deleteDeputy,
  districtExists,
  insertDeputy,
  lockDeputy,
  syncDistrictDeputies,
  updateDeputy,
  type DeputyId,
  type DeputyRow,
} from './deputy.queries.ts'
import type { DeputyCreateBody, DeputyPatchBody } from '../contract/index.ts'

// Deputies belong to districts on the map: a number the layer lacks would be invisible.
async function requireDistrict(trx: Transaction<DB>, cityId: string, number: number): Promise<void> {
  if (!(await districtExists(trx, cityId, number))) {
    throw problems.invalid(`There is no electoral district №${number} in "${cityId}"`, [{ field: 'body.district_number', message: `no electoral district №${number} in ${cityId}` }])
  }
}

async function lockOrThrow(trx: Transaction<DB>, id: DeputyId): Promise<DeputyRow> {
  const row = await lockDeputy(trx, id)
  if (!row) throw problems.notFound('deputy', String(id))
  return row
}

/**
 * Adds a deputy to a district of the city, with its audit row and the districts layer updated,
 * in one transaction. 400 for an unknown district, 409 when the district already has a deputy.
 */
export async function createDeputy(db: Kysely<DB>, body: DeputyCreateBody, actor: string): Promise<DeputyRow> {
  return db.transaction().execute(async (trx) => {
    await requireDistrict(trx, body.city, body.district_number)
    const row = await insertDeputy(trx, body)
    await writeAudit(trx, { actor, action: 'create', objectType: 'deputy', objectId: row.id, changes: changedAttributes(null, auditedDeputy(row)) })
    await syncDistrictDeputies(trx, row.city_id)
    return row
  })
}

/**
 * Changes some fields of a deputy, recording only the attributes that really changed; the layer
 * follows. 404 for an unknown deputy, 400 for an unknown district, 409 for an occupied one.
 */
export async function editDeputy(db: Kysely<DB>, id: DeputyId, patch: DeputyPatchBody, actor: string): Promise<DeputyRow> {
  return db.transaction().execute(async (trx) => {
    const before = await lockOrThrow(trx, id)
    if (patch.district_number !== undefined) await requireDistrict(trx, before.city_id, patch.district_number)
    const after = await updateDeputy(trx, id, patch)
    await writeAudit(trx, { actor, action: 'update', objectType: 'deputy', objectId: id, changes: changedAttributes(auditedDeputy(before), auditedDeputy(after)) })
    await syncDistrictDeputies(trx, after.city_id)
    return after
  })
}

/** Removes a deputy with its audit row; the district's features lose the deputy fields. 404 when unknown. */
export async function removeDeputy(db: Kysely<DB>, id: DeputyId, actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await lockOrThrow(trx, id)
    await deleteDeputy(trx, id)
    await writeAudit(trx, { actor, action: 'delete', objectType: 'deputy', objectId: id, changes: changedAttributes(auditedDeputy(before), null) })
    await syncDistrictDeputies(trx, before.city_id)
  })
}
