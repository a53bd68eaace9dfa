import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import { districtAt } from '../cities/index.ts'
import { type DB, type LocalizedJson, lonLatPoint } from '../../db/index.ts'
import { changedAttributes, writeAudit } from '../audit/index.ts'
import type { FieldError } from '../http/index.ts'
import { auditUpdate } from './admin-audit.ts'
import { conflict, unprocessable } from './admin-problems.ts'
import type { RoutingPreviewQuery, RoutingRuleCreateBody } from '../contract/index.ts'

/** An explicit routing rule: appeals of `category` in `district` (null: anywhere in the city) go to `organisation`. */
export interface AdminRoutingRule {
  id: number
  city: string
  category: string
  district: number | null
  district_name: string | null
  organisation: string
}

function selectRules(where: RawBuilder<unknown>) {
  return sql<AdminRoutingRule>`
    SELECT r.id, r.city_id AS city, r.category_id AS category, r.district_id AS district, d.name AS district_name,
           r.organisation_id AS organisation
      FROM routing_rules r LEFT JOIN districts d ON d.id = r.district_id
     WHERE ${where} ORDER BY r.city_id, r.category_id, r.district_id NULLS FIRST, r.id`
}

/** The rules of one city, or of every city. */
export async function listRoutingRules(db: Kysely<DB>, city: string | undefined): Promise<{ total: number; items: AdminRoutingRule[] }> {
  const items = (await selectRules(city ? sql`r.city_id = ${city}` : sql`true`).execute(db)).rows
  return { total: items.length, items }
}

async function findRoutingRule(db: Kysely<DB>, id: number): Promise<AdminRoutingRule | undefined> {
  return (await selectRules(sql`r.id = ${id}`).execute(db)).rows[0]
}

function auditView(r: AdminRoutingRule): Record<string, unknown> {
  return { city: r.city, category: r.category, district: r.district, organisation: r.organisation }
}

/** Field errors for an organisation that is not one of the city's. */
async function organisationOfCity(db: Kysely<DB>, city: string, organisation: string, field: string): Promise<FieldError[]> {
  const { rows } = await sql<{ city_id: string }>`SELECT city_id FROM organisations WHERE id = ${organisation}`.execute(db)
  if (!rows[0]) return [{ field, message: `no organisation "${organisation}"` }]
  return rows[0].city_id === city ? [] : [{ field, message: `"${organisation}" works for "${rows[0].city_id}", not "${city}"` }]
}

/** Field errors for a city or category that does not exist. */
async function cityAndCategory(db: Kysely<DB>, city: string, category: string, where: string): Promise<FieldError[]> {
  const { rows } = await sql<{ city: boolean; category: boolean }>`
    SELECT EXISTS (SELECT 1 FROM cities WHERE id = ${city}) AS city,
           EXISTS (SELECT 1 FROM appeal_categories WHERE id = ${category}) AS category`.execute(db)
  // A SELECT without FROM always answers one row.
  const found = rows[0] ?? { city: false, category: false }
  return [
    ...(found.city ? [] : [{ field: `${where}.city`, message: `no city "${city}"` }]),
    ...(found.category ? [] : [{ field: `${where}.category`, message: `no category "${category}"` }]),
  ]
}

/**
 * Adds a rule. 422 when the city or category is unknown or the district or organisation is not
 * the city's; 409 when the city already has a rule for that category and district.
 */
export async function createRoutingRule(trx: Transaction<DB>, actor: string, body: RoutingRuleCreateBody): Promise<AdminRoutingRule> {
  const errors = await cityAndCategory(trx, body.city, body.category, 'body')
  if (body.district !== null) {
    const district = await sql<{ city_id: string }>`SELECT city_id FROM districts WHERE id = ${body.district}`.execute(trx)
    if (district.rows[0]?.city_id !== body.city) errors.push({ field: 'body.district', message: `no district ${body.district} in "${body.city}"` })
  }
  errors.push(...(await organisationOfCity(trx, body.city, body.organisation, 'body.organisation')))
  if (errors.length) throw unprocessable(errors)
  const duplicate = await sql`
    SELECT 1 FROM routing_rules WHERE city_id = ${body.city} AND category_id = ${body.category}
       AND district_id IS NOT DISTINCT FROM ${body.district}`.execute(trx)
  if (duplicate.rows.length) throw conflict(`"${body.city}" already has a rule for "${body.category}" in ${body.district === null ? 'the whole city' : `district ${body.district}`}`)
  const { id } = await trx
    .insertInto('routing_rules')
    .values({ city_id: body.city, category_id: body.category, district_id: body.district, organisation_id: body.organisation })
    .returning('id')
    .executeTakeFirstOrThrow()
  const created = (await findRoutingRule(trx, id))!
  await writeAudit(trx, { actor, action: 'create', objectType: 'routing-rule', objectId: created.id, changes: changedAttributes(null, auditView(created)) })
  return created
}

/** Gives a rule another organisation of the same city; undefined when there is no such rule. */
export async function updateRoutingRule(trx: Transaction<DB>, actor: string, id: number, organisation: string): Promise<AdminRoutingRule | undefined> {
  const before = await findRoutingRule(trx, id)
  if (!before) return undefined
  const errors = await organisationOfCity(trx, before.city, organisation, 'body.organisation')
  if (errors.length) throw unprocessable(errors)
  await sql`UPDATE routing_rules SET organisation_id = ${organisation} WHERE id = ${id}`.execute(trx)
  const after = (await findRoutingRule(trx, id))!
  await auditUpdate(trx, { actor, objectType: 'routing-rule', objectId: id, changes: changedAttributes(auditView(before), auditView(after)) })
  return after
}

/** Deletes a rule; false when there is none. Appeals already routed keep their organisation. */
export async function deleteRoutingRule(trx: Transaction<DB>, actor: string, id: number): Promise<boolean> {
  const before = await findRoutingRule(trx, id)
  if (!before) return false
  await sql`DELETE FROM routing_rules WHERE id = ${id}`.execute(trx)
  await writeAudit(trx, { actor, action: 'delete', objectType: 'routing-rule', objectId: id, changes: changedAttributes(auditView(before), null) })
  return true
}

/** Where a new appeal at a point would go: its district (null outside every district) and organisation (null: a moderator routes it). */
export interface RoutingPreview {
  city: string
  category: string
  district: { id: number; name: string } | null
  organisation: { id: string; name: LocalizedJson } | null
}

/**
 * The organisation `route_appeal()` picks for a new appeal of a category at a point, with the
 * district found the way a submission finds it. 422 for an unknown city or category.
 */
export async function previewRouting(db: Kysely<DB>, q: RoutingPreviewQuery): Promise<RoutingPreview> {
  const errors = await cityAndCategory(db, q.city, q.category, 'query')
  if (errors.length) throw unprocessable(errors)
  const point = lonLatPoint(q.lon, q.lat)
  const { rows } = await sql<{ district_id: number | null; district_name: string | null; organisation_id: string | null; organisation_name: LocalizedJson | null }>`
    WITH d AS (${districtAt(q.city, point)}),
         o AS (SELECT route_appeal(${q.city}, ${q.category}, (SELECT id FROM d)) AS id)
    SELECT (SELECT id FROM d) AS district_id, (SELECT name FROM d) AS district_name,
           o.id AS organisation_id, (SELECT name FROM organisations WHERE id = o.id) AS organisation_name
      FROM o`.execute(db)
  // `o` is one row, whatever the district and the rules.
  const row = rows[0]
  if (!row) throw new Error('the routing preview returned no row')
  return {
    city: q.city,
    category: q.category,
    district: row.district_id === null ? null : { id: row.district_id, name: row.district_name! },
    organisation: row.organisation_id === null ? null : { id: row.organisation_id, name: row.organisation_name! },
  }
}
