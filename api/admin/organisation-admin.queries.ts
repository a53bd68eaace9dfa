import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { OPEN_STATUSES } from '../appeals/index.ts'
import { changedAttributes, writeAudit } from '../audit/index.ts'
import type { Role } from '../auth/index.ts'
import { auditUpdate } from './admin-audit.ts'
import { conflict, unprocessable } from './admin-problems.ts'
import type { OrganisationCreateBody, OrganisationKind, OrganisationPatchBody } from '../contract/index.ts'

/** An organisation with how many staff it has and how many appeals it has open. */
export interface AdminOrganisation {
  id: string
  city: string
  kind: OrganisationKind
  responsibility: string
  name: LocalizedJson
  email: string | null
  created_at: Date
  member_count: number
  open_appeal_count: number
}

/** A staff member of an organisation, one row per role held there. */
export interface OrganisationMember {
  id: number
  name: string
  email: string
  role: Role
}

function selectOrganisations(where: RawBuilder<unknown>) {
  return sql<AdminOrganisation>`
    SELECT o.id, o.city_id AS city, o.kind, o.responsibility, o.name, o.email, o.created_at,
           (SELECT count(DISTINCT r.user_id)::int FROM user_roles r WHERE r.organisation_id = o.id) AS member_count,
           (SELECT count(*)::int FROM appeals a WHERE a.organisation_id = o.id AND a.status = ANY(${[...OPEN_STATUSES]}::text[])) AS open_appeal_count
      FROM organisations o WHERE ${where} ORDER BY o.city_id, o.id`
}

/** The organisations of one city, or of every city, by city and id. */
export async function listAdminOrganisations(db: Kysely<DB>, city: string | undefined): Promise<{ total: number; items: AdminOrganisation[] }> {
  const items = (await selectOrganisations(city ? sql`o.city_id = ${city}` : sql`true`).execute(db)).rows
  return { total: items.length, items }
}

/** One organisation; undefined when there is none. */
export async function findAdminOrganisation(db: Kysely<DB>, id: string): Promise<AdminOrganisation | undefined> {
  return (await selectOrganisations(sql`o.id = ${id}`).execute(db)).rows[0]
}

/** The staff of an organisation, by name. */
export async function organisationMembers(db: Kysely<DB>, id: string): Promise<OrganisationMember[]> {
  const { rows } = await sql<OrganisationMember>`
    SELECT u.id, u.name, u.email, r.role
      FROM user_roles r JOIN users u ON u.id = r.user_id
     WHERE r.organisation_id = ${id} ORDER BY u.name, u.id, r.role`.execute(db)
  return rows
}

function auditView(o: AdminOrganisation): Record<string, unknown> {
  return { city: o.city, kind: o.kind, responsibility: o.responsibility, name: o.name, email: o.email }
}

/** Creates an organisation; 422 for an unknown city, 409 when the id is taken. */
export async function createOrganisation(trx: Transaction<DB>, actor: string, body: OrganisationCreateBody): Promise<AdminOrganisation> {
  const city = await sql`SELECT 1 FROM cities WHERE id = ${body.city}`.execute(trx)
  if (!city.rows.length) throw unprocessable([{ field: 'body.city', message: `no city "${body.city}"` }])
  const taken = await sql`SELECT 1 FROM organisations WHERE id = ${body.id}`.execute(trx)
  if (taken.rows.length) throw conflict(`An organisation "${body.id}" already exists`)
  await sql`
    INSERT INTO organisations (id, city_id, kind, responsibility, name, email)
    VALUES (${body.id}, ${body.city}, ${body.kind}, ${body.responsibility}, ${JSON.stringify(body.name)}, ${body.email ?? null})`.execute(trx)
  const created = (await findAdminOrganisation(trx, body.id))!
  await writeAudit(trx, { actor, action: 'create', objectType: 'organisation', objectId: body.id, changes: changedAttributes(null, auditView(created)) })
  return created
}

/** Changes an organisation's kind, responsibility, name or e-mail; undefined when there is none. */
export async function updateOrganisation(trx: Transaction<DB>, actor: string, id: string, patch: OrganisationPatchBody): Promise<AdminOrganisation | undefined> {
  const before = await findAdminOrganisation(trx, id)
  if (!before) return undefined
  await sql`
    UPDATE organisations
       SET kind = ${patch.kind ?? before.kind}, responsibility = ${patch.responsibility ?? before.responsibility},
           name = ${JSON.stringify(patch.name ?? before.name)}, email = ${patch.email === undefined ? before.email : patch.email}
     WHERE id = ${id}`.execute(trx)
  const after = (await findAdminOrganisation(trx, id))!
  await auditUpdate(trx, { actor, objectType: 'organisation', objectId: id, changes: changedAttributes(auditView(before), auditView(after)) })
  return after
}

/**
 * Deletes an organisation. Refused (409) while it has open appeals, routing rules or staff:
 * deleting would silently unroute the appeals and drop the staff's roles. Returns false when
 * there is no such organisation.
 */
export async function deleteOrganisation(trx: Transaction<DB>, actor: string, id: string): Promise<boolean> {
  const before = await findAdminOrganisation(trx, id)
  if (!before) return false
  const { rules } = await trx
    .selectFrom('routing_rules')
    .where('organisation_id', '=', id)
    .select((eb) => eb.fn.countAll<number>().as('rules'))
    .executeTakeFirstOrThrow()
  if (before.open_appeal_count > 0) throw conflict(`"${id}" has ${before.open_appeal_count} open appeals; route them elsewhere first`)
  if (rules > 0) throw conflict(`"${id}" is named by ${rules} routing rules; change or delete them first`)
  if (before.member_count > 0) throw conflict(`"${id}" has ${before.member_count} staff members; change their roles first`)
  await sql`DELETE FROM organisations WHERE id = ${id}`.execute(trx)
  await writeAudit(trx, { actor, action: 'delete', objectType: 'organisation', objectId: id, changes: changedAttributes(auditView(before), null) })
  return true
}
