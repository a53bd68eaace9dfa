import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { writeAudit } from '../audit/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { HttpProblem, problems } from '../http/index.ts'
import { nextStatus, TransitionRefused, type AppealAction, type AppealStatus } from './appeal-lifecycle.ts'
import { appealPageUrl } from './appeal-links.ts'
import { statusMail } from './appeal-mail.ts'
import { type AppealUpdate, insertAppealEvent, isOtherAppealOfCity, lockAppealForAction, organisationInCity, updateAppeal } from './appeal.queries.ts'

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

/**
 * Applies one lifecycle action in one transaction: the new status and its fields, a public
 * timeline event, an attribute-level audit row, and mail to the author. Refused transitions
 * throw a 409 problem that says why.
 */
export async function applyAppealAction(db: Kysely<DB>, number: string, action: AppealAction, ctx: ActionContext): Promise<AppealStatus> {
  return db.transaction().execute(async (trx) => {
    const appeal = await lockAppealForAction(trx, number)
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
    const set: AppealUpdate = {}
    const change = <K extends keyof AppealUpdate & string>(column: K, before: unknown, after: AppealUpdate[K]) => {
      changes[column] = [before, after]
      set[column] = after
    }
    if (to !== appeal.status) change('status', appeal.status, to)
    if (ctx.executorId !== undefined && ctx.executorId !== appeal.executor_id) change('executor_id', appeal.executor_id, ctx.executorId)
    let reason: string | null = null
    let dueAt: Date | null = null
    switch (action.kind) {
      case 'assign': {
        const organisationId = action.organisationId
        if (!(await organisationInCity(trx, organisationId, appeal.city_id))) {
          throw problems.invalid(`No organisation "${organisationId}" in this city`, [{ field: 'body.organisation', message: 'unknown organisation' }])
        }
        change('organisation_id', appeal.organisation_id, organisationId)
        // Another organisation's staff member does not follow the appeal there.
        if (organisationId !== appeal.organisation_id && appeal.executor_id !== null) change('executor_id', appeal.executor_id, null)
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
        if (!(await isOtherAppealOfCity(trx, action.duplicateOf, appeal.city_id, appeal.id))) {
          throw problems.invalid('The original appeal must be another appeal of the same city', [{ field: 'body.duplicate_of', message: 'unknown appeal' }])
        }
        change('duplicate_of', null, action.duplicateOf)
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
    // The row is locked, so counting up from what was read is safe; the count is not audited.
    await updateAppeal(trx, appeal.id, action.kind === 'reopen' ? { ...set, reopen_count: appeal.reopen_count + 1 } : set)
    await insertAppealEvent(trx, {
      appeal_id: appeal.id,
      at: now,
      actor: ctx.actor,
      organisation_id: ctx.organisationId ?? null,
      kind: ctx.eventKind ?? EVENT_KIND[action.kind] ?? 'status',
      from_status: appeal.status,
      to_status: to,
      response: ctx.response ?? null,
      reason,
      due_at: dueAt,
    })
    await writeAudit(trx, { at: now, actor: ctx.actor, action: action.kind, objectType: 'appeal', objectId: appeal.number, changes })
    // The author is told of every change of status (and of an extension), never of their own feedback.
    if (appeal.contact_email && to !== appeal.status && action.kind !== 'reopen') {
      await enqueueMail(trx, statusMail({ to: appeal.contact_email, locale: appeal.locale, number: appeal.number, status: to, response: ctx.response, reason, dueAt, publicUrl: appealPageUrl(ctx.baseUrl, appeal.number) }))
    }
    return to
  })
}
