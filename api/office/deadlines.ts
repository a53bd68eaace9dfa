import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { insertAppealEvent } from '../appeals/index.ts'
import { writeAudit } from '../audit/index.ts'
import { enqueueMail, type Mail } from '../mail/index.ts'
import { claimDigest, type DeadlineScope, type DigestLine, digestLines, kyivClock, lockOverdueAppeals, markEscalated, organisationHeadEmails, staffAwaitingDigest } from './deadlines.queries.ts'

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

/**
 * Escalates every open appeal that went past its due date: once per appeal, it is marked,
 * gets a public timeline entry, an audit row, and mail to the heads of its organisation (or
 * the organisation's address when it has no head account). Replicas share the work with SKIP
 * LOCKED, so each appeal is escalated by exactly one of them.
 */
export async function escalateOverdue(db: Kysely<DB>, baseUrl: string, scope: DeadlineScope = {}, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await lockOverdueAppeals(trx, now, scope)
    for (const appeal of rows) {
      await markEscalated(trx, appeal.id, now)
      await insertAppealEvent(trx, {
        appeal_id: appeal.id,
        at: now,
        actor: 'system',
        organisation_id: appeal.organisation_id,
        kind: 'escalated',
        from_status: appeal.status,
        to_status: appeal.status,
        due_at: appeal.due_at,
      })
      await writeAudit(trx, { at: now, actor: 'system', action: 'escalate', objectType: 'appeal', objectId: appeal.number, changes: { escalated_at: [null, now.toISOString()] } })
      const heads = await organisationHeadEmails(trx, appeal.organisation_id)
      const recipients = heads.length ? heads : appeal.org_email ? [appeal.org_email] : []
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

/**
 * The daily digest: each executor and head gets, once a Kyiv day and after 08:00, the open
 * appeals of their organisation that are overdue or due within three days (an executor: those
 * they took and those nobody took yet). Whoever sends first records the day, so no one gets two.
 */
export async function sendDeadlineDigests(db: Kysely<DB>, baseUrl: string, scope: DeadlineScope = {}, now = new Date()): Promise<number> {
  const { day, hour } = await kyivClock(db, now)
  if (hour < DIGEST_HOUR) return 0
  const staff = await staffAwaitingDigest(db, day, scope)
  let sent = 0
  for (const member of staff) {
    const lines = await digestLines(db, member, now, DIGEST_HORIZON_DAYS)
    if (!lines.length) continue
    const claimed = await db.transaction().execute(async (trx) => {
      const first = await claimDigest(trx, member.user_id, day)
      if (first) await enqueueMail(trx, digestMail(member.email, lines, baseUrl))
      return first
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
