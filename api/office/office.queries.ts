import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { APPEAL_OBJECT, type AppealForAction, type AppealStatus, appealTimeline, MAX_TERM_DAYS, OPEN } from '../appeals/index.ts'
import type { SessionUser } from '../http/index.ts'
import { AUDIT_FIELDS, AUDIT_FROM } from '../audit/index.ts'
import type { AuditEntry, OfficeAppealSummary, OfficeListQuery, OrganisationKind, Role, StaffMember } from '../contract/index.ts'
import { seesAllOrganisations } from './office-access.ts'

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
  // An aggregate without GROUP BY always answers one row.
  return { total: count.rows[0]?.total ?? 0, items: page.rows }
}

/** The facts that decide who may act on an appeal. */
export type AppealOwnership = Pick<AppealForAction, 'id' | 'number' | 'city_id' | 'status' | 'organisation_id' | 'executor_id'>

/** Who owns the appeal and where it stands; undefined when there is no such appeal. */
export async function findAppealOwnership(db: Kysely<DB>, number: string): Promise<AppealOwnership | undefined> {
  return db
    .selectFrom('appeals')
    .select(['id', 'number', 'city_id', 'status', 'organisation_id', 'executor_id'])
    .$narrowType<{ status: AppealStatus }>()
    .where('number', '=', number)
    .executeTakeFirst()
}

/** The stored file of one photo of an appeal, by the photo's id; undefined when the appeal has no such photo. */
export async function findAppealPhotoKey(db: Kysely<DB>, appealId: number, photoId: number): Promise<string | undefined> {
  const row = await db.selectFrom('appeal_photos').select('storage_key').where('appeal_id', '=', appealId).where('id', '=', photoId).executeTakeFirst()
  return row?.storage_key
}

/**
 * The new due moment of an extension to `dueAt`. A moment is taken as it is; a date alone
 * (`YYYY-MM-DD`) means the end of that day in Kyiv, where the term is counted, except on the
 * last day the law allows, which ends at the 45-day mark itself. Undefined when there is no
 * such appeal.
 */
export async function extensionDueAt(db: Kysely<DB>, number: string, dueAt: string): Promise<Date | undefined> {
  if (dueAt.length !== 10) return new Date(dueAt)
  const { rows } = await sql<{ due_at: Date }>`
    SELECT CASE WHEN ${dueAt}::date = ((created_at + make_interval(days => ${MAX_TERM_DAYS})) AT TIME ZONE 'Europe/Kyiv')::date
                THEN created_at + make_interval(days => ${MAX_TERM_DAYS})
                ELSE (${dueAt}::date + 1)::timestamp AT TIME ZONE 'Europe/Kyiv' - interval '1 second' END AS due_at
      FROM appeals WHERE number = ${number}`.execute(db)
  return rows[0]?.due_at
}

/** The executors and heads of an organisation, by name. */
export async function listOrganisationStaff(db: Kysely<DB>, organisationId: string): Promise<StaffMember[]> {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.name', sql<Role[]>`array_agg(r.role ORDER BY r.role)`.as('roles')])
    .where('r.organisation_id', '=', organisationId)
    .where('r.role', 'in', ['executor', 'manager'])
    .groupBy('u.id')
    .orderBy('u.name')
    .orderBy('u.id')
    .execute()
}

/** The organisations appeals can be routed to, of one city or of all, by city and Ukrainian name. */
export async function listOrganisations(db: Kysely<DB>, cityId: string | undefined): Promise<Array<{ id: string; city: string; name: LocalizedJson; kind: OrganisationKind }>> {
  let query = db.selectFrom('organisations').select(['id', 'city_id as city', 'name', 'kind']).$narrowType<{ kind: OrganisationKind }>()
  if (cityId) query = query.where('city_id', '=', cityId)
  return query.orderBy('city_id').orderBy(sql`name->>'uk'`).execute()
}

/** The staff view of one appeal: everything, contact and internal notes included. */
export async function findOfficeAppeal(db: Kysely<DB>, number: string) {
  const appeal = (
    await sql<OfficeAppealSummary & { description: string; answers: Record<string, unknown>; is_public: boolean; synthetic: boolean; source: string; rejection_reason: string | null; duplicate_of: string | null; resolved_at: string | null; confirmed_at: string | null; reopen_count: number; contact: { name: string | null; email: string | null; phone: string | null }; photos: Array<{ id: number; stage: 'report' | 'work'; width: number; height: number }>; object: { layer: string | null; feature_id: number; layer_version: number; label: string | null; layer_title: LocalizedJson | null } | null }>`
      SELECT ${SUMMARY}, a.description, a.answers, a.is_public, a.synthetic, a.source, a.rejection_reason,
             (SELECT number FROM appeals x WHERE x.id = a.duplicate_of) AS duplicate_of,
             a.resolved_at, a.confirmed_at, a.reopen_count,
             json_build_object('name', a.contact_name, 'email', a.contact_email, 'phone', a.contact_phone) AS contact,
             coalesce((SELECT json_agg(json_build_object('id', p.id, 'stage', p.stage, 'width', p.width, 'height', p.height) ORDER BY p.stage DESC, p.position)
                         FROM appeal_photos p WHERE p.appeal_id = a.id), '[]') AS photos,
             ${APPEAL_OBJECT} AS object
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

/** An appeal as a staff change needs it. */
export interface LockedAppeal {
  id: number
  number: string
  city_id: string
  status: AppealStatus
  category_id: string
  organisation_id: string | null
  executor_id: number | null
  description: string
}

/** One appeal, locked for the rest of the transaction; undefined when there is none. */
export async function lockAppealForChange(trx: Transaction<DB>, number: string): Promise<LockedAppeal | undefined> {
  return trx
    .selectFrom('appeals')
    .select(['id', 'number', 'city_id', 'status', 'category_id', 'organisation_id', 'executor_id', 'description'])
    .$narrowType<{ status: AppealStatus }>()
    .where('number', '=', number)
    .forUpdate()
    .executeTakeFirst()
}

/** Whether an active category of this id exists. */
export async function isActiveCategory(db: Kysely<DB>, categoryId: string): Promise<boolean> {
  const row = await db.selectFrom('appeal_categories').select('id').where('id', '=', categoryId).where('active', '=', true).executeTakeFirst()
  return row !== undefined
}

/** Whether the user is an executor or head of the organisation; false for no organisation. */
export async function isOrganisationStaff(db: Kysely<DB>, userId: number, organisationId: string | null): Promise<boolean> {
  if (organisationId === null) return false
  const row = await db
    .selectFrom('user_roles')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('role', 'in', ['executor', 'manager'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
  return row !== undefined
}

/** Adds an internal note to an appeal; returns the note's id. */
export async function insertNote(trx: Transaction<DB>, appealId: number, authorId: number, body: string): Promise<number> {
  const row = await trx.insertInto('appeal_notes').values({ appeal_id: appealId, author_id: authorId, body }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** How many work photos an appeal has, and the position the next one takes. */
export async function workPhotoSlots(trx: Transaction<DB>, appealId: number): Promise<{ next: number; count: number }> {
  return trx
    .selectFrom('appeal_photos')
    .select([sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'), sql<number>`count(*)::int`.as('count')])
    .where('appeal_id', '=', appealId)
    .where('stage', '=', 'work')
    .executeTakeFirstOrThrow()
}

/** The stored file of a photo of the appeal, locked for the rest of the transaction; undefined when the appeal has no such photo. */
export async function lockAppealPhotoKey(trx: Transaction<DB>, appealId: number, photoId: number): Promise<string | undefined> {
  const row = await trx.selectFrom('appeal_photos').select('storage_key').where('id', '=', photoId).where('appeal_id', '=', appealId).forUpdate().executeTakeFirst()
  return row?.storage_key
}

/** Points a photo at a new stored file (a redacted copy). */
export async function replacePhotoFile(trx: Transaction<DB>, photoId: number, file: { storageKey: string; width: number; height: number; bytes: number }): Promise<void> {
  await trx
    .updateTable('appeal_photos')
    .set({ storage_key: file.storageKey, width: file.width, height: file.height, bytes: file.bytes })
    .where('id', '=', photoId)
    .execute()
}
