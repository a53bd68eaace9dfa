import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import type { AppealStatus } from '../appeals/appeal-lifecycle.ts'
import { OPEN, appealTimeline } from '../appeals/appeal.queries.ts'
import type { SessionUser } from '../auth/session.ts'
import { AUDIT_FIELDS, AUDIT_FROM, type AuditEntry } from '../audit/audit.queries.ts'
import type { OfficeListQuery } from './office.schemas.ts'

/** An appeal in a work list. */
export interface OfficeAppealSummary {
  number: string
  city: string
  status: AppealStatus
  category: { id: string; name: LocalizedJson }
  district: { id: number; name: string } | null
  organisation: { id: string; name: LocalizedJson } | null
  executor: { id: number; name: string } | null
  address: string | null
  description: string
  created_at: string
  due_at: string
  overdue: boolean
  extended: boolean
  escalated_at: string | null
  supporter_count: number
  photo_count: number
  location: { lon: number; lat: number }
}

const SUMMARY = sql`
  a.number, a.city_id AS city, a.status,
  json_build_object('id', c.id, 'name', c.name) AS category,
  CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'name', d.name) END AS district,
  CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS organisation,
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS executor,
  a.address, left(a.description, 200) AS description, a.created_at, a.due_at,
  (a.status IN (${OPEN}) AND now() > a.due_at) AS overdue,
  (a.extended_at IS NOT NULL) AS extended, a.escalated_at, a.supporter_count,
  (SELECT count(*)::int FROM appeal_photos p WHERE p.appeal_id = a.id) AS photo_count,
  json_build_object('lon', round(ST_X(a.geom)::numeric, 6), 'lat', round(ST_Y(a.geom)::numeric, 6)) AS location`

const FROM = sql`
  appeals a JOIN appeal_categories c ON c.id = a.category_id
  LEFT JOIN districts d ON d.id = a.district_id
  LEFT JOIN organisations o ON o.id = a.organisation_id
  LEFT JOIN users u ON u.id = a.executor_id`

/** Whether the user works across organisations (sees every appeal) or for one. */
export function seesAllOrganisations(user: SessionUser): boolean {
  return user.roles.includes('admin') || user.roles.includes('moderator')
}

function queueFilter(queue: OfficeListQuery['queue'], user: SessionUser): RawBuilder<unknown> {
  switch (queue) {
    case 'triage':
      return sql`a.status = 'new'`
    case 'organisation':
      return sql`a.status IN (${OPEN}) AND a.organisation_id = ${user.organisation}`
    case 'mine':
      return sql`a.status IN (${OPEN}) AND a.executor_id = ${user.id}`
    case 'overdue':
      return sql`a.status IN (${OPEN}) AND now() > a.due_at`
    case 'escalated':
      return sql`a.status IN (${OPEN}) AND a.escalated_at IS NOT NULL`
    case 'all':
      return sql`true`
  }
}

/**
 * A work list: the queue's appeals that the user may see (staff of one organisation see only
 * theirs), open ones by due date, the rest newest first.
 */
export async function listOfficeAppeals(db: Kysely<DB>, q: OfficeListQuery, user: SessionUser): Promise<{ total: number; items: OfficeAppealSummary[] }> {
  const where: RawBuilder<unknown>[] = [queueFilter(q.queue, user)]
  if (!seesAllOrganisations(user)) where.push(sql`a.organisation_id = ${user.organisation}`)
  if (q.city) where.push(sql`a.city_id = ${q.city}`)
  if (q.status?.length) where.push(sql`a.status = ANY(${q.status}::text[])`)
  if (q.category?.length) where.push(sql`a.category_id = ANY(${q.category}::text[])`)
  if (q.organisation) where.push(sql`a.organisation_id = ${q.organisation}`)
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    where.push(sql`(a.number ILIKE ${like} OR a.description ILIKE ${like} OR a.address ILIKE ${like})`)
  }
  const condition = sql.join(where, sql` AND `)
  const order = q.queue === 'all' ? sql`a.created_at DESC, a.id DESC` : sql`a.due_at, a.id`
  const [count, page] = await Promise.all([
    sql<{ total: number }>`SELECT count(*)::int AS total FROM appeals a WHERE ${condition}`.execute(db),
    sql<OfficeAppealSummary>`SELECT ${SUMMARY} FROM ${FROM} WHERE ${condition} ORDER BY ${order}
                              LIMIT ${q.limit} OFFSET ${(q.page - 1) * q.limit}`.execute(db),
  ])
  return { total: count.rows[0]!.total, items: page.rows }
}

/** The facts that decide who may act on an appeal. */
export interface AppealOwnership {
  id: number
  number: string
  city_id: string
  status: AppealStatus
  organisation_id: string | null
  executor_id: number | null
}

export async function findAppealOwnership(db: Kysely<DB>, number: string): Promise<AppealOwnership | undefined> {
  return (await sql<AppealOwnership>`SELECT id, number, city_id, status, organisation_id, executor_id FROM appeals WHERE number = ${number}`.execute(db)).rows[0]
}

/** The staff view of one appeal: everything, contact and internal notes included. */
export async function findOfficeAppeal(db: Kysely<DB>, number: string) {
  const appeal = (
    await sql<OfficeAppealSummary & { description: string; answers: Record<string, unknown>; is_public: boolean; synthetic: boolean; source: string; rejection_reason: string | null; duplicate_of: string | null; resolved_at: string | null; confirmed_at: string | null; reopen_count: number; contact: { name: string | null; email: string | null; phone: string | null }; photos: Array<{ id: number; stage: 'report' | 'work'; width: number; height: number }> }>`
      SELECT ${SUMMARY}, a.description, a.answers, a.is_public, a.synthetic, a.source, a.rejection_reason,
             (SELECT number FROM appeals x WHERE x.id = a.duplicate_of) AS duplicate_of,
             a.resolved_at, a.confirmed_at, a.reopen_count,
             json_build_object('name', a.contact_name, 'email', a.contact_email, 'phone', a.contact_phone) AS contact,
             coalesce((SELECT json_agg(json_build_object('id', p.id, 'stage', p.stage, 'width', p.width, 'height', p.height) ORDER BY p.stage DESC, p.position)
                         FROM appeal_photos p WHERE p.appeal_id = a.id), '[]') AS photos
        FROM ${FROM} WHERE a.number = ${number}`.execute(db)
  ).rows[0]
  if (!appeal) return undefined
  const [events, notes, audit] = await Promise.all([
    appealTimeline(db, number),
    sql<{ id: number; at: string; author: { id: number; name: string } | null; body: string }>`
      SELECT n.id, n.at, CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS author, n.body
        FROM appeal_notes n JOIN appeals a ON a.id = n.appeal_id LEFT JOIN users u ON u.id = n.author_id
       WHERE a.number = ${number} ORDER BY n.at, n.id`.execute(db),
    auditTrail(db, 'appeal', number),
  ])
  return { ...appeal, events, notes: notes.rows, audit }
}

/** The audit trail of one object, oldest first. */
export async function auditTrail(db: Kysely<DB>, objectType: string, objectId: string): Promise<AuditEntry[]> {
  return (await sql<AuditEntry>`SELECT ${AUDIT_FIELDS} FROM ${AUDIT_FROM} WHERE l.object_type = ${objectType} AND l.object_id = ${objectId} ORDER BY l.at, l.id`.execute(db)).rows
}
