import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { writeAudit } from '../audit/audit-log.ts'
import { enqueueMail } from '../mail/outbox.ts'
import { HttpProblem, problems } from '../problems.ts'
import { nextStatus, TransitionRefused, type AppealAction, type AppealStatus } from './appeal-lifecycle.ts'
import { appealPageUrl } from './appeal-links.ts'
import { statusMail } from './appeal-mail.ts'

export interface ActionContext {
  /** Who acts, for the timeline and the audit trail: `user:12`, `resident`, `system`. */
  actor: string
  /** The acting organisation, shown on the public timeline. */
  organisationId?: string | null
  /** The public response text that goes with the change. */
  response?: string | null
  baseUrl: string
  now?: Date
  /** Checks, with the row locked, that the actor may act on this appeal; throws to refuse. */
  guard?: (appeal: { organisation_id: string | null; executor_id: number | null }) => void
  /** Who works the appeal from now on (`take` sets it; routing elsewhere clears it). */
  executorId?: number | null
  /** The timeline entry's kind, when the action has a more telling one than its status. */
  eventKind?: 'taken'
}

const EVENT_KIND: Partial<Record<AppealAction['kind'], string>> = { assign: 'routed', extend: 'extended', confirm: 'confirmed', reopen: 'reopened' }

interface AppealRow {
  id: number
  number: string
  city_id: string
  status: AppealStatus
  organisation_id: string | null
  executor_id: number | null
  created_at: Date
  due_at: Date
  extended_at: Date | null
  resolved_at: Date | null
  confirmed_at: Date | null
  contact_email: string | null
  locale: 'uk' | 'en'
}

/**
 * Applies one lifecycle action in one transaction: the new status and its fields, a public
 * timeline event, an attribute-level audit row, and mail to the author. Refused transitions
 * throw a 409 problem that says why.
 */
export async function applyAppealAction(db: Kysely<DB>, number: string, action: AppealAction, ctx: ActionContext): Promise<AppealStatus> {
  return db.transaction().execute(async (trx) => {
    const appeal = (
      await sql<AppealRow>`
        SELECT id, number, city_id, status, organisation_id, executor_id, created_at, due_at, extended_at, resolved_at, confirmed_at, contact_email, locale
          FROM appeals WHERE number = ${number} FOR UPDATE`.execute(trx)
    ).rows[0]
    if (!appeal) throw problems.notFound('appeal', number)
    ctx.guard?.(appeal)
    const now = ctx.now ?? new Date()
    let to: AppealStatus
    try {
      to = nextStatus(
        { status: appeal.status, createdAt: appeal.created_at, dueAt: appeal.due_at, extendedAt: appeal.extended_at, resolvedAt: appeal.resolved_at, confirmedAt: appeal.confirmed_at },
        action,
        now,
      )
    } catch (err) {
      if (err instanceof TransitionRefused) throw new HttpProblem('conflict', 409, err.message)
      throw err
    }
    const changes: Record<string, [unknown, unknown]> = {}
    const set: Record<string, unknown> = {}
    const change = (column: string, before: unknown, after: unknown) => {
      changes[column] = [before, after]
      set[column] = after
    }
    if (to !== appeal.status) change('status', appeal.status, to)
    if (ctx.executorId !== undefined && ctx.executorId !== appeal.executor_id) change('executor_id', appeal.executor_id, ctx.executorId)
    let reason: string | null = null
    let dueAt: Date | null = null
    switch (action.kind) {
      case 'assign': {
        const org = (await sql<{ id: string }>`SELECT id FROM organisations WHERE id = ${action.organisationId} AND city_id = ${appeal.city_id}`.execute(trx)).rows[0]
        if (!org) throw problems.invalid(`No organisation "${action.organisationId}" in this city`, [{ field: 'body.organisation', message: 'unknown organisation' }])
        change('organisation_id', appeal.organisation_id, org.id)
        // Another organisation's staff member does not follow the appeal there.
        if (org.id !== appeal.organisation_id && appeal.executor_id !== null) change('executor_id', appeal.executor_id, null)
        break
      }
      case 'extend':
        change('due_at', appeal.due_at, action.dueAt)
        change('extended_at', null, now)
        reason = action.reason
        dueAt = action.dueAt
        break
      case 'resolve':
        change('resolved_at', appeal.resolved_at, now)
        break
      case 'reject':
        change('rejection_reason', null, action.reason)
        reason = action.reason
        break
      case 'mark-duplicate': {
        const original = (await sql<{ id: number }>`SELECT id FROM appeals WHERE id = ${action.duplicateOf} AND city_id = ${appeal.city_id} AND id <> ${appeal.id}`.execute(trx)).rows[0]
        if (!original) throw problems.invalid('The original appeal must be another appeal of the same city', [{ field: 'body.duplicate_of', message: 'unknown appeal' }])
        change('duplicate_of', null, original.id)
        break
      }
      case 'confirm':
        change('confirmed_at', null, now)
        break
      case 'reopen':
        change('resolved_at', appeal.resolved_at, null)
        reason = action.reason
        break
    }
    const assignments = Object.entries(set).map(([column, value]) => sql`${sql.ref(column)} = ${value}`)
    if (action.kind === 'reopen') assignments.push(sql`reopen_count = reopen_count + 1`)
    await sql`UPDATE appeals SET ${sql.join([...assignments, sql`updated_at = now()`])} WHERE id = ${appeal.id}`.execute(trx)
    const kind = ctx.eventKind ?? EVENT_KIND[action.kind] ?? 'status'
    await sql`
      INSERT INTO appeal_events (appeal_id, at, actor, organisation_id, kind, from_status, to_status, response, reason, due_at)
      VALUES (${appeal.id}, ${now}, ${ctx.actor}, ${ctx.organisationId ?? null}, ${kind}, ${appeal.status}, ${to},
              ${ctx.response ?? null}, ${reason}, ${dueAt})`.execute(trx)
    await writeAudit(trx, { at: now, actor: ctx.actor, action: action.kind, objectType: 'appeal', objectId: appeal.number, changes })
    // The author is told of every change of status (and of an extension), never of their own feedback.
    if (appeal.contact_email && to !== appeal.status && action.kind !== 'reopen') {
      await enqueueMail(trx, statusMail({ to: appeal.contact_email, locale: appeal.locale, number: appeal.number, status: to, response: ctx.response, reason, dueAt, publicUrl: appealPageUrl(ctx.baseUrl, appeal.number) }))
    }
    return to
  })
}
