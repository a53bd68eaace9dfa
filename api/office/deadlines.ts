import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { OPEN } from '../appeals/appeal.queries.ts'
import { writeAudit } from '../audit/audit-log.ts'
import { enqueueMail, type Mail } from '../mail/outbox.ts'

/** How far ahead the daily digest looks. */
export const DIGEST_HORIZON_DAYS = 3
/** The digest goes out on the first run after this hour, Kyiv time. */
const DIGEST_HOUR = 8

function officeLink(baseUrl: string, number: string): string {
  return `${baseUrl}/office/appeals/${number}`
}

function kyivDay(date: Date): string {
  return date.toLocaleDateString('uk-UA', { timeZone: 'Europe/Kyiv', day: 'numeric', month: 'long' })
}

/** Restricts the deadline work to some organisations (tests; a city's own worker). */
export interface DeadlineScope {
  organisations?: readonly string[] | undefined
}

function scopeFilter(scope: DeadlineScope) {
  return scope.organisations ? sql`a.organisation_id = ANY(${scope.organisations}::text[])` : sql`true`
}

/**
 * Escalates every open appeal that went past its due date: once per appeal, it is marked,
 * gets a public timeline entry, an audit row, and mail to the heads of its organisation (or
 * the organisation's address when it has no head account). Replicas share the work with SKIP
 * LOCKED, so each appeal is escalated by exactly one of them.
 */
export async function escalateOverdue(db: Kysely<DB>, baseUrl: string, scope: DeadlineScope = {}, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number; number: string; status: string; organisation_id: string; due_at: Date; org_email: string | null }>`
      SELECT a.id, a.number, a.status, a.organisation_id, a.due_at, o.email AS org_email
        FROM appeals a JOIN organisations o ON o.id = a.organisation_id
       WHERE a.status IN (${OPEN}) AND a.due_at < ${now} AND a.escalated_at IS NULL AND NOT a.synthetic AND ${scopeFilter(scope)}
       ORDER BY a.due_at LIMIT 500
       FOR UPDATE OF a SKIP LOCKED`.execute(trx)
    for (const appeal of rows) {
      await sql`UPDATE appeals SET escalated_at = ${now} WHERE id = ${appeal.id}`.execute(trx)
      await sql`
        INSERT INTO appeal_events (appeal_id, at, actor, organisation_id, kind, from_status, to_status, due_at)
        VALUES (${appeal.id}, ${now}, 'system', ${appeal.organisation_id}, 'escalated', ${appeal.status}, ${appeal.status}, ${appeal.due_at})`.execute(trx)
      await writeAudit(trx, { at: now, actor: 'system', action: 'escalate', objectType: 'appeal', objectId: appeal.number, changes: { escalated_at: [null, now.toISOString()] } })
      const heads = await sql<{ email: string }>`
        SELECT u.email FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE r.role = 'manager' AND r.organisation_id = ${appeal.organisation_id}`.execute(trx)
      const recipients = heads.rows.length ? heads.rows.map((h) => h.email) : appeal.org_email ? [appeal.org_email] : []
      for (const to of recipients) await enqueueMail(trx, escalationMail(to, appeal.number, appeal.due_at, officeLink(baseUrl, appeal.number)))
    }
    return rows.length
  })
}

function escalationMail(to: string, number: string, dueAt: Date, link: string): Mail {
  return {
    kind: 'appeal-escalated',
    to,
    subject: `Прострочено: звернення ${number}`,
    body:
      `Звернення ${number} не розглянуто вчасно: термін минув ${kyivDay(dueAt)}.\n` +
      `Як керівник організації, призначте виконавця або дайте відповідь.\n\n${link}\n\n— Громада на мапі\n`,
  }
}

interface DigestLine {
  number: string
  due_at: Date
  overdue: boolean
  category: string
}

/**
 * The daily digest: each executor and head gets, once a Kyiv day and after 08:00, the open
 * appeals of their organisation that are overdue or due within three days (an executor: those
 * they took and those nobody took yet). Whoever sends first records the day, so no one gets two.
 */
export async function sendDeadlineDigests(db: Kysely<DB>, baseUrl: string, scope: DeadlineScope = {}, now = new Date()): Promise<number> {
  const { rows: clock } = await sql<{ day: string; hour: number }>`
    SELECT (${now}::timestamptz AT TIME ZONE 'Europe/Kyiv')::date::text AS day,
           extract(hour FROM ${now}::timestamptz AT TIME ZONE 'Europe/Kyiv')::int AS hour`.execute(db)
  const { day, hour } = clock[0]!
  if (hour < DIGEST_HOUR) return 0
  const { rows: staff } = await sql<{ user_id: number; email: string; role: string; organisation_id: string }>`
    SELECT DISTINCT ON (u.id) u.id AS user_id, u.email, r.role, r.organisation_id
      FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE r.role IN ('executor', 'manager') AND r.organisation_id IS NOT NULL
       AND ${scope.organisations ? sql`r.organisation_id = ANY(${scope.organisations}::text[])` : sql`true`}
       AND NOT EXISTS (SELECT 1 FROM deadline_digests g WHERE g.user_id = u.id AND g.day = ${day}::date)
     ORDER BY u.id, r.role DESC`.execute(db)
  let sent = 0
  for (const member of staff) {
    const own = member.role === 'manager' ? sql`true` : sql`(a.executor_id = ${member.user_id} OR a.executor_id IS NULL)`
    const { rows: lines } = await sql<DigestLine>`
      SELECT a.number, a.due_at, a.due_at < ${now} AS overdue, c.name->>'uk' AS category
        FROM appeals a JOIN appeal_categories c ON c.id = a.category_id
       WHERE a.organisation_id = ${member.organisation_id} AND a.status IN (${OPEN}) AND ${own}
         AND a.due_at < ${now}::timestamptz + make_interval(days => ${DIGEST_HORIZON_DAYS})
       ORDER BY a.due_at LIMIT 200`.execute(db)
    if (!lines.length) continue
    const claimed = await db.transaction().execute(async (trx) => {
      const { rows } = await sql`INSERT INTO deadline_digests (user_id, day) VALUES (${member.user_id}, ${day}::date) ON CONFLICT DO NOTHING RETURNING user_id`.execute(trx)
      if (rows.length) await enqueueMail(trx, digestMail(member.email, lines, baseUrl))
      return rows.length > 0
    })
    if (claimed) sent++
  }
  return sent
}

function digestMail(to: string, lines: DigestLine[], baseUrl: string): Mail {
  const overdue = lines.filter((l) => l.overdue)
  const due = lines.filter((l) => !l.overdue)
  const list = (items: DigestLine[]) => items.map((l) => `• ${l.number} (${l.category}), термін ${kyivDay(l.due_at)}: ${officeLink(baseUrl, l.number)}`).join('\n')
  const parts = ['Звернення вашої організації, що потребують уваги сьогодні.']
  if (overdue.length) parts.push('', `Прострочені (${overdue.length}):`, list(overdue))
  if (due.length) parts.push('', `Термін спливає протягом ${DIGEST_HORIZON_DAYS} днів (${due.length}):`, list(due))
  parts.push('', `${baseUrl}/office/queue`, '', '— Громада на мапі', '')
  return { kind: 'deadline-digest', to, subject: `Терміни звернень: ${overdue.length} прострочених, ${due.length} спливає`, body: parts.join('\n') }
}

/**
 * Runs escalation and the digest every `intervalMs` (10 minutes by default) until stopped.
 * Synthetic demo appeals are never escalated: their history is made up, their heads are not.
 */
export function startDeadlineWorker(db: Kysely<DB>, baseUrl: string, log: (line: string) => void, mailQueued: () => void, intervalMs = 600_000): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve()
  const tick = () => {
    running = (async () => {
      try {
        const escalated = await escalateOverdue(db, baseUrl)
        const digests = await sendDeadlineDigests(db, baseUrl)
        if (escalated || digests) {
          log(`deadlines: ${escalated} appeal(s) escalated, ${digests} digest(s) queued`)
          mailQueued()
        }
      } catch (err) {
        log(`deadlines: ${(err as Error).message}`)
      }
    })()
  }
  const first = setTimeout(tick, 5_000)
  const timer = setInterval(tick, intervalMs)
  first.unref()
  timer.unref()
  return {
    async stop() {
      clearTimeout(first)
      clearInterval(timer)
      await running
    },
  }
}
