/**
 * The appeal state machine. Statuses follow the Law "On citizens' appeals": an appeal is
 * registered, assigned to an executor, worked, and answered (resolved or rejected with a
 * reason) within its term; the term may be extended once, to 45 days in all, and the resident
 * is told. Every transition not listed here is refused.
 */
import { APPEAL_STATUSES, MAX_TERM_DAYS, OPEN_STATUSES, type AppealStatus } from '../contract/index.ts'

// The statuses, the open ones (those that can be overdue) and the longest term are the API
// contract's lists, which the web app reads too.
export { APPEAL_STATUSES, MAX_TERM_DAYS, OPEN_STATUSES, type AppealStatus }

/** Open311 has two statuses; ours map onto them. */
export function open311Status(status: AppealStatus): 'open' | 'closed' {
  return OPEN_STATUSES.includes(status) ? 'open' : 'closed'
}

/** What staff or the author can do to an appeal. */
export type AppealAction =
  | { kind: 'register' }
  | { kind: 'assign'; organisationId: string }
  | { kind: 'start' }
  | { kind: 'extend'; dueAt: Date; reason: string }
  | { kind: 'resolve' }
  | { kind: 'reject'; reason: string }
  | { kind: 'mark-duplicate'; duplicateOf: number }
  | { kind: 'confirm' }
  | { kind: 'reopen'; reason: string }

const ALLOWED: Record<AppealAction['kind'], readonly AppealStatus[]> = {
  register: ['new'],
  // Assigning again is reassigning to another organisation.
  assign: ['new', 'registered', 'assigned', 'in_progress', 'extended'],
  start: ['assigned'],
  extend: ['registered', 'assigned', 'in_progress'],
  resolve: ['assigned', 'in_progress', 'extended'],
  reject: ['new', 'registered', 'assigned', 'in_progress', 'extended'],
  'mark-duplicate': ['new', 'registered', 'assigned'],
  confirm: ['resolved'],
  reopen: ['resolved'],
}

const TARGET: Record<AppealAction['kind'], AppealStatus | null> = {
  register: 'registered',
  assign: 'assigned',
  start: 'in_progress',
  extend: 'extended',
  resolve: 'resolved',
  reject: 'rejected',
  'mark-duplicate': 'duplicate',
  // Confirming keeps the status; it only records that the author agrees.
  confirm: null,
  reopen: 'in_progress',
}

/** Whether an action may be taken from a status at all (its other conditions aside). */
export function allowedFrom(kind: AppealAction['kind'], status: AppealStatus): boolean {
  return ALLOWED[kind].includes(status)
}

/** How long after resolution the author may confirm or reopen, in days. */
export const FEEDBACK_DAYS = 30

/** Why a transition was refused, in words a person can act on. */
export class TransitionRefused extends Error {
  constructor(
    readonly from: AppealStatus,
    readonly action: AppealAction['kind'],
    reason?: string,
  ) {
    super(reason ?? `An appeal in status "${from}" cannot take the action "${action}"`)
  }
}

/** The facts about an appeal that decide whether an action is allowed. */
export interface AppealState {
  status: AppealStatus
  createdAt: Date
  dueAt: Date
  extendedAt: Date | null
  resolvedAt: Date | null
  confirmedAt: Date | null
}

/** The status an action leads to from `state`, or a {@link TransitionRefused}. */
export function nextStatus(state: AppealState, action: AppealAction, now = new Date()): AppealStatus {
  if (!ALLOWED[action.kind].includes(state.status)) throw new TransitionRefused(state.status, action.kind)
  switch (action.kind) {
    case 'extend': {
      if (state.extendedAt) throw new TransitionRefused(state.status, action.kind, 'The term has already been extended once')
      const limit = addDays(state.createdAt, MAX_TERM_DAYS)
      if (action.dueAt.getTime() > limit.getTime()) {
        throw new TransitionRefused(state.status, action.kind, `The term cannot exceed ${MAX_TERM_DAYS} days in all (until ${limit.toISOString()})`)
      }
      if (action.dueAt.getTime() <= state.dueAt.getTime()) {
        throw new TransitionRefused(state.status, action.kind, 'The new due date must be later than the current one')
      }
      if (!action.reason.trim()) throw new TransitionRefused(state.status, action.kind, 'An extension needs a reason')
      break
    }
    case 'reject':
    case 'reopen':
      if (!action.reason.trim()) throw new TransitionRefused(state.status, action.kind, `"${action.kind}" needs a reason`)
      break
    case 'confirm':
      if (state.confirmedAt) throw new TransitionRefused(state.status, action.kind, 'The resolution is already confirmed')
      break
  }
  if ((action.kind === 'confirm' || action.kind === 'reopen') && state.resolvedAt) {
    if (now.getTime() > addDays(state.resolvedAt, FEEDBACK_DAYS).getTime()) {
      throw new TransitionRefused(state.status, action.kind, `Feedback is accepted for ${FEEDBACK_DAYS} days after the resolution`)
    }
    if (action.kind === 'reopen' && state.confirmedAt) {
      throw new TransitionRefused(state.status, action.kind, 'The author has already confirmed the resolution')
    }
  }
  return TARGET[action.kind] ?? state.status
}

/** Whether the city is late with its answer. */
export function isOverdue(status: AppealStatus, dueAt: Date, now = new Date()): boolean {
  return OPEN_STATUSES.includes(status) && now.getTime() > dueAt.getTime()
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000)
}
