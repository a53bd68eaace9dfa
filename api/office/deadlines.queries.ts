import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { type AppealStatus, OPEN, OPEN_STATUSES } from '../appeals/index.ts'

/** Restricts the deadline work to some organisations (tests; a city's own worker). */
export interface DeadlineScope {
  organisations?: readonly string[] | undefined
}

/** An open appeal past its due date that nobody escalated yet. */
export interface OverdueAppeal {
  id: number
  number: string
  status: AppealStatus
  organisation_id: string
  due_at: Date
  org_email: string | null
}

/**
 * Up to 500 overdue, unescalated, real (not synthetic) appeals of the scope, soonest due first,
 * locked for the rest of the transaction. Rows another replica holds are skipped, so each
 * appeal is escalated by exactly one of them.
 */
export async function lockOverdueAppeals(trx: Transaction<DB>, now: Date, scope: DeadlineScope): Promise<OverdueAppeal[]> {
  let query = trx
    .selectFrom('appeals as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.number', 'a.status', 'o.id as organisation_id', 'a.due_at', 'o.email as org_email'])
    .$narrowType<{ status: AppealStatus }>()
    .where('a.status', 'in', OPEN_STATUSES)
    .where('a.due_at', '<', now)
    .where('a.escalated_at', 'is', null)
    .where('a.synthetic', '=', false)
  if (scope.organisations) query = query.where('a.organisation_id', 'in', [...scope.organisations])
  return query.orderBy('a.due_at').limit(500).forUpdate('a').skipLocked().execute()
}

/** Records when the appeal was escalated (not a change of the appeal itself: `updated_at` stays). */
export async function markEscalated(trx: Transaction<DB>, appealId: number, at: Date): Promise<void> {
  await trx.updateTable('appeals').set({ escalated_at: at }).where('id', '=', appealId).execute()
}

/** The e-mail addresses of an organisation's heads (accounts with the `manager` role there). */
export async function organisationHeadEmails(db: Kysely<DB>, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.email')
    .where('r.role', '=', 'manager')
    .where('r.organisation_id', '=', organisationId)
    .execute()
  return rows.map((r) => r.email)
}

/** The Kyiv day (`YYYY-MM-DD`) and hour of a moment, as the database's time zone rules give them. */
export async function kyivClock(db: Kysely<DB>, now: Date): Promise<{ day: string; hour: number }> {
  const { rows } = await sql<{ day: string; hour: number }>`
    SELECT (${now}::timestamptz AT TIME ZONE 'Europe/Kyiv')::date::text AS day,
           extract(hour FROM ${now}::timestamptz AT TIME ZONE 'Europe/Kyiv')::int AS hour`.execute(db)
  const clock = rows[0]
  if (!clock) throw new Error('the database gave no clock row')
  return clock
}

/** A staff member who may get the day's digest. */
export interface DigestRecipient {
  user_id: number
  email: string
  role: string
  organisation_id: string
}

/**
 * The executors and heads of the scope's organisations who got no digest on `day`, one row per
 * person (their head role first, where they have both).
 */
export async function staffAwaitingDigest(db: Kysely<DB>, day: string, scope: DeadlineScope): Promise<DigestRecipient[]> {
  const { rows } = await sql<DigestRecipient>`
    SELECT DISTINCT ON (u.id) u.id AS user_id, u.email, r.role, r.organisation_id
      FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE r.role IN ('executor', 'manager') AND r.organisation_id IS NOT NULL
       AND ${scope.organisations ? sql`r.organisation_id = ANY(${scope.organisations}::text[])` : sql`true`}
       AND NOT EXISTS (SELECT 1 FROM deadline_digests g WHERE g.user_id = u.id AND g.day = ${day}::date)
     ORDER BY u.id, r.role DESC`.execute(db)
  return rows
}

/** One appeal in a digest. */
export interface DigestLine {
  number: string
  due_at: Date
  overdue: boolean
  /** The category's Ukrainian name. */
  category: string
}

/**
 * The open appeals of the member's organisation that are overdue or due within `horizonDays`
 * (for an executor: those they took and those nobody took yet), soonest due first, at most 200.
 */
export async function digestLines(db: Kysely<DB>, member: DigestRecipient, now: Date, horizonDays: number): Promise<DigestLine[]> {
  const own = member.role === 'manager' ? sql`true` : sql`(a.executor_id = ${member.user_id} OR a.executor_id IS NULL)`
  const { rows } = await sql<DigestLine>`
    SELECT a.number, a.due_at, a.due_at < ${now} AS overdue, c.name->>'uk' AS category
      FROM appeals a JOIN appeal_categories c ON c.id = a.category_id
     WHERE a.organisation_id = ${member.organisation_id} AND a.status IN (${OPEN}) AND ${own}
       AND a.due_at < ${now}::timestamptz + make_interval(days => ${horizonDays})
     ORDER BY a.due_at LIMIT 200`.execute(db)
  return rows
}

/** Records that the user gets the digest of `day`; false when someone already sent it. */
export async function claimDigest(trx: Transaction<DB>, userId: number, day: string): Promise<boolean> {
  const row = await trx
    .insertInto('deadline_digests')
    .values({ user_id: userId, day })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst()
  return row !== undefined
}
