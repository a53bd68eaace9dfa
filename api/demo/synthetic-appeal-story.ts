/**
 * The life of one synthetic appeal: a plausible path through the appeal state machine, from
 * filing to the author's feedback, stopping at the moment of seeding. Every step goes through
 * `nextStatus`, so a story the real workflow would refuse cannot be told.
 */
import { addDays, MAX_TERM_DAYS, nextStatus, type AppealAction, type AppealState, type AppealStatus } from '../appeals/index.ts'
import { chance, exponential, pick, pickWeighted, uniform, type Random } from './seeded-random.ts'
import {
  ASSIGNED_RESPONSES,
  DUPLICATE_RESPONSES,
  EXTENSION_REASONS,
  REDONE_PREFIX,
  REGISTERED_RESPONSES,
  REJECTION_REASONS,
  REOPEN_REASONS,
  resolutionText,
  STARTED_RESPONSES,
} from './synthetic-appeal-texts.ts'

/** One entry of the public timeline, as `appeal_events` stores it. */
export interface PlannedEvent {
  at: Date
  kind: 'created' | 'status' | 'extended' | 'confirmed' | 'reopened'
  from: AppealStatus | null
  to: AppealStatus
  /** The executing organisation speaks in this entry (the writer fills in which one). */
  byOrganisation: boolean
  response: string | null
  reason: string | null
  dueAt: Date | null
}

/** How an appeal's story ends, before the present cuts it short. */
export type AppealFate =
  | { kind: 'answered' }
  | { kind: 'rejected' }
  | { kind: 'duplicate'; original: number }
  /** Left open at a stage: with time these become the overdue ones. */
  | { kind: 'stalled'; at: 'registered' | 'assigned' | 'in_progress' | 'extended' }

const HOUR_MS = 3_600_000

const EVENT_KIND: Record<AppealAction['kind'], PlannedEvent['kind']> = {
  register: 'status',
  assign: 'status',
  start: 'status',
  extend: 'extended',
  resolve: 'status',
  reject: 'status',
  'mark-duplicate': 'status',
  confirm: 'confirmed',
  reopen: 'reopened',
}

// The executor is chosen by the database (`route_appeal`) when the appeal is written, and set
// on the appeal and on the organisation's timeline entries there.
const ROUTED_BY_DATABASE = 'route_appeal'

/** Who speaks in a step, and the public answer that goes with it. */
interface Words {
  byOrganisation: boolean
  response?: string
}

/**
 * An appeal's state while its story is told: the timeline so far, and the fields the appeals
 * row keeps. Steps land after the previous one; the first step that would land after `now`
 * ends the story, so recent appeals stay open.
 */
export class AppealLife {
  readonly events: PlannedEvent[] = []
  reopenCount = 0
  rejectionReason: string | null = null
  duplicateOf: number | null = null
  private current: AppealState
  private last: Date
  private ended = false

  constructor(createdAt: Date, termDays: number, private readonly now: Date) {
    const dueAt = addDays(createdAt, termDays)
    this.current = { status: 'new', createdAt, dueAt, extendedAt: null, resolvedAt: null, confirmedAt: null }
    this.last = createdAt
    this.events.push({ at: createdAt, kind: 'created', from: null, to: 'new', byOrganisation: false, response: null, reason: null, dueAt })
  }

  get state(): Readonly<AppealState> {
    return this.current
  }

  /** When the latest step happened. */
  get lastAt(): Date {
    return this.last
  }

  /**
   * Takes `action` `hours` after the latest step. False, with nothing changed, when that is
   * after `now` or the story has already ended; the story ends there.
   */
  step(action: AppealAction, hours: number, words: Words): boolean {
    const at = new Date(this.last.getTime() + Math.max(hours, 0.05) * HOUR_MS)
    if (this.ended || at.getTime() > this.now.getTime()) {
      this.ended = true
      return false
    }
    const from = this.current.status
    const to = nextStatus(this.current, action, at)
    this.current = { ...this.current, status: to, ...this.record(action, at) }
    this.last = at
    const reason = action.kind === 'extend' || action.kind === 'reject' || action.kind === 'reopen' ? action.reason : null
    this.events.push({
      at,
      kind: EVENT_KIND[action.kind],
      from,
      to,
      byOrganisation: words.byOrganisation,
      response: words.response ?? null,
      reason,
      dueAt: action.kind === 'extend' ? action.dueAt : null,
    })
    return true
  }

  /** Keeps what the appeals row remembers of `action`; returns the state fields it changes. */
  private record(action: AppealAction, at: Date): Partial<AppealState> {
    switch (action.kind) {
      case 'extend':
        return { dueAt: action.dueAt, extendedAt: at }
      case 'resolve':
        return { resolvedAt: at }
      case 'confirm':
        return { confirmedAt: at }
      case 'reopen':
        this.reopenCount += 1
        return { resolvedAt: null }
      case 'reject':
        this.rejectionReason = action.reason
        return {}
      case 'mark-duplicate':
        this.duplicateOf = action.duplicateOf
        return {}
      default:
        return {}
    }
  }
}

const STALL_STAGES = new Map<Extract<AppealFate, { kind: 'stalled' }>['at'], number>([
  ['registered', 20],
  ['assigned', 30],
  ['in_progress', 30],
  ['extended', 20],
])

/** How this appeal's story ends; `original` is an earlier appeal it may repeat. */
export function drawFate(random: Random, original: number | undefined): AppealFate {
  const r = random()
  if (r < 0.06) return { kind: 'rejected' }
  if (r < 0.1 && original !== undefined) return { kind: 'duplicate', original }
  if (r < 0.17) return { kind: 'stalled', at: pickWeighted(random, STALL_STAGES) }
  return { kind: 'answered' }
}

const moderator = (response: string): Words => ({ byOrganisation: false, response })
const executor = (response: string): Words => ({ byOrganisation: true, response })
const author: Words = { byOrganisation: false }

/** Tells the story of `life` towards `fate`, as far as the present allows. */
export function tellStory(random: Random, life: AppealLife, fate: AppealFate, category: string): void {
  if (fate.kind === 'duplicate' && chance(random, 0.3)) {
    markDuplicate(random, life, fate.original, uniform(random, 1, 20))
    return
  }
  if (!life.step({ kind: 'register' }, uniform(random, 0.3, 30), moderator(pick(random, REGISTERED_RESPONSES)))) return
  if (fate.kind === 'duplicate') {
    markDuplicate(random, life, fate.original, uniform(random, 2, 72))
    return
  }
  if (fate.kind === 'rejected' && chance(random, 0.5)) {
    life.step({ kind: 'reject', reason: pick(random, REJECTION_REASONS) }, uniform(random, 4, 120), moderator('У задоволенні звернення відмовлено.'))
    return
  }
  if (fate.kind === 'stalled' && fate.at === 'registered') return
  if (!life.step({ kind: 'assign', organisationId: ROUTED_BY_DATABASE }, uniform(random, 1, 72), executor(pick(random, ASSIGNED_RESPONSES)))) return
  if (fate.kind === 'rejected') {
    life.step({ kind: 'reject', reason: pick(random, REJECTION_REASONS) }, uniform(random, 24, 240), executor('Звернення розглянуто, у задоволенні відмовлено.'))
    return
  }
  if (fate.kind === 'stalled' && fate.at === 'assigned') return
  if (!life.step({ kind: 'start' }, exponential(random, 60), executor(pick(random, STARTED_RESPONSES)))) return
  const wantsExtension = fate.kind === 'stalled' ? fate.at === 'extended' : chance(random, 0.14)
  if (wantsExtension && !extendTerm(random, life)) return
  if (fate.kind === 'stalled') return
  if (!life.step({ kind: 'resolve' }, hoursToResolve(random, life), executor(resolutionText(random, category)))) return
  authorFeedback(random, life, category)
}

function markDuplicate(random: Random, life: AppealLife, original: number, hours: number): void {
  life.step({ kind: 'mark-duplicate', duplicateOf: original }, hours, moderator(pick(random, DUPLICATE_RESPONSES)))
}

/**
 * Extends the term a few days before it runs out, by one to four weeks within the 45 days the
 * law allows. An executor that starts after the due date no longer asks: false then.
 */
function extendTerm(random: Random, life: AppealLife): boolean {
  const { createdAt, dueAt } = life.state
  const hoursLeft = (dueAt.getTime() - life.lastAt.getTime()) / HOUR_MS
  if (hoursLeft < 48) return false
  const limit = addDays(createdAt, MAX_TERM_DAYS).getTime()
  const newDue = new Date(Math.min(limit, addDays(dueAt, uniform(random, 7, 30)).getTime()))
  const hours = hoursLeft - uniform(random, 24, Math.min(96, hoursLeft))
  return life.step({ kind: 'extend', dueAt: newDue, reason: pick(random, EXTENSION_REASONS) }, hours, executor('Строк розгляду продовжено.'))
}

/** Most answers come within the term, early more often than late; some come after it. */
function hoursToResolve(random: Random, life: AppealLife): number {
  const hoursLeft = (life.state.dueAt.getTime() - life.lastAt.getTime()) / HOUR_MS
  if (hoursLeft > 12 && chance(random, 0.85)) return 6 + (hoursLeft - 6) * random() ** 1.4
  return Math.max(hoursLeft, 0) + uniform(random, 24, 24 * 25)
}

/** Some authors confirm the fix; a few reopen it, and the executor answers again. */
function authorFeedback(random: Random, life: AppealLife, category: string): void {
  const r = random()
  if (r < 0.3) {
    life.step({ kind: 'confirm' }, uniform(random, 6, 240), author)
    return
  }
  if (r >= 0.38) return
  if (!life.step({ kind: 'reopen', reason: pick(random, REOPEN_REASONS) }, uniform(random, 24, 336), author)) return
  if (!life.step({ kind: 'resolve' }, uniform(random, 48, 288), executor(REDONE_PREFIX + resolutionText(random, category)))) return
  if (chance(random, 0.4)) life.step({ kind: 'confirm' }, uniform(random, 6, 240), author)
}
