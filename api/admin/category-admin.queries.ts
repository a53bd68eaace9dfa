import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import type { CategoryQuestion } from '../appeals/index.ts'
import type { LegalTermDays } from '../contract/index.ts'
import { changedAttributes, writeAudit } from '../audit/index.ts'
import { auditUpdate } from './admin-audit.ts'
import { conflict } from './admin-problems.ts'
import type { CategoryCreateBody, CategoryPatchBody } from '../contract/index.ts'

/** A category as the administrator edits it, inactive ones included. */
export interface AdminCategory {
  id: string
  group: string
  name: LocalizedJson
  term_days: LegalTermDays
  duplicate_radius_m: number
  responsibility: string
  questions: CategoryQuestion[]
  sort: number
  active: boolean
}

function selectCategories(where: RawBuilder<unknown>) {
  return sql<AdminCategory>`
    SELECT id, group_id AS "group", name, term_days, duplicate_radius_m, responsibility, questions, sort, active
      FROM appeal_categories WHERE ${where} ORDER BY sort, id`
}

/** Every category, active or not, in catalogue order. */
export async function listAdminCategories(db: Kysely<DB>): Promise<{ total: number; items: AdminCategory[] }> {
  const items = (await selectCategories(sql`true`).execute(db)).rows
  return { total: items.length, items }
}

/** One category, active or not; undefined when there is none. */
export async function findAdminCategory(db: Kysely<DB>, id: string): Promise<AdminCategory | undefined> {
  return (await selectCategories(sql`id = ${id}`).execute(db)).rows[0]
}

function auditView({ id: _, ...fields }: AdminCategory): Record<string, unknown> {
  return fields
}

/** Adds a category; 409 when the id is taken. */
export async function createCategory(trx: Transaction<DB>, actor: string, body: CategoryCreateBody): Promise<AdminCategory> {
  const taken = await sql`SELECT 1 FROM appeal_categories WHERE id = ${body.id}`.execute(trx)
  if (taken.rows.length) throw conflict(`A category "${body.id}" already exists`)
  await sql`
    INSERT INTO appeal_categories (id, group_id, name, term_days, duplicate_radius_m, responsibility, questions, sort, active)
    VALUES (${body.id}, ${body.group}, ${JSON.stringify(body.name)}, ${body.term_days}, ${body.duplicate_radius_m},
            ${body.responsibility}, ${JSON.stringify(body.questions)}, ${body.sort}, ${body.active})`.execute(trx)
  const created = (await findAdminCategory(trx, body.id))!
  await writeAudit(trx, { actor, action: 'create', objectType: 'category', objectId: body.id, changes: changedAttributes(null, auditView(created)) })
  return created
}

/**
 * Changes any field of a category but its id. Appeals already filed keep their due date; a new
 * term applies to appeals filed from then on. Undefined when there is no such category.
 */
export async function updateCategory(trx: Transaction<DB>, actor: string, id: string, patch: CategoryPatchBody): Promise<AdminCategory | undefined> {
  const before = await findAdminCategory(trx, id)
  if (!before) return undefined
  const next = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as AdminCategory
  await sql`
    UPDATE appeal_categories
       SET group_id = ${next.group}, name = ${JSON.stringify(next.name)}, term_days = ${next.term_days},
           duplicate_radius_m = ${next.duplicate_radius_m}, responsibility = ${next.responsibility},
           questions = ${JSON.stringify(next.questions)}, sort = ${next.sort}, active = ${next.active}
     WHERE id = ${id}`.execute(trx)
  const after = (await findAdminCategory(trx, id))!
  await auditUpdate(trx, { actor, objectType: 'category', objectId: id, changes: changedAttributes(auditView(before), auditView(after)) })
  return after
}
