import { describe, expect, it } from 'vitest'
import { addDays, APPEAL_STATUSES, isOverdue, nextStatus, TransitionRefused, type AppealAction, type AppealState, type AppealStatus } from './appeal-lifecycle.ts'

const created = new Date('2026-03-02T09:00:00Z')

function state(status: AppealStatus, extra: Partial<AppealState> = {}): AppealState {
  const resolved = status === 'resolved' ? addDays(created, 10) : null
  return { status, createdAt: created, dueAt: addDays(created, 30), extendedAt: null, resolvedAt: resolved, confirmedAt: null, ...extra }
}

const ACTIONS: AppealAction[] = [
  { kind: 'register' },
  { kind: 'assign', organisationId: 'kyiv-roads' },
  { kind: 'start' },
  { kind: 'extend', dueAt: addDays(created, 45), reason: 'Потрібне обстеження' },
  { kind: 'resolve' },
  { kind: 'reject', reason: 'Не належить до повноважень міста' },
  { kind: 'mark-duplicate', duplicateOf: 1 },
  { kind: 'confirm' },
  { kind: 'reopen', reason: 'Яму не залатали' },
]

// The whole table: every status × every action, and where it leads (null: refused).
const EXPECTED: Record<AppealStatus, Partial<Record<AppealAction['kind'], AppealStatus>>> = {
  new: { register: 'registered', assign: 'assigned', reject: 'rejected', 'mark-duplicate': 'duplicate' },
  registered: { assign: 'assigned', extend: 'extended', reject: 'rejected', 'mark-duplicate': 'duplicate' },
  assigned: { assign: 'assigned', start: 'in_progress', extend: 'extended', resolve: 'resolved', reject: 'rejected', 'mark-duplicate': 'duplicate' },
  in_progress: { assign: 'assigned', extend: 'extended', resolve: 'resolved', reject: 'rejected' },
  extended: { assign: 'assigned', resolve: 'resolved', reject: 'rejected' },
  resolved: { confirm: 'resolved', reopen: 'in_progress' },
  rejected: {},
  duplicate: {},
}

describe('the appeal state machine', () => {
  const now = addDays(created, 12)
  for (const status of APPEAL_STATUSES) {
    for (const action of ACTIONS) {
      const to = EXPECTED[status][action.kind]
      it(`${status} --${action.kind}--> ${to ?? 'refused'}`, () => {
        if (to) expect(nextStatus(state(status), action, now)).toBe(to)
        else expect(() => nextStatus(state(status), action, now)).toThrow(TransitionRefused)
      })
    }
  }

  it('extends once, to at most 45 days from filing, to a later date, with a reason', () => {
    const s = state('in_progress')
    expect(() => nextStatus(s, { kind: 'extend', dueAt: addDays(created, 46), reason: 'x' })).toThrow(/45 days/)
    expect(() => nextStatus(s, { kind: 'extend', dueAt: addDays(created, 20), reason: 'x' })).toThrow(/later/)
    expect(() => nextStatus(s, { kind: 'extend', dueAt: addDays(created, 40), reason: '  ' })).toThrow(/reason/)
    expect(() => nextStatus({ ...s, status: 'registered', extendedAt: addDays(created, 5) }, { kind: 'extend', dueAt: addDays(created, 44), reason: 'x' })).toThrow(/once/)
  })

  it('takes the author\'s feedback for 30 days after the resolution, once', () => {
    const s = state('resolved')
    expect(() => nextStatus(s, { kind: 'confirm' }, addDays(s.resolvedAt!, 31))).toThrow(/30 days/)
    expect(() => nextStatus(s, { kind: 'reopen', reason: 'ні' }, addDays(s.resolvedAt!, 31))).toThrow(/30 days/)
    const confirmed = { ...s, confirmedAt: addDays(s.resolvedAt!, 1) }
    expect(() => nextStatus(confirmed, { kind: 'confirm' }, addDays(s.resolvedAt!, 2))).toThrow(/already confirmed/)
    expect(() => nextStatus(confirmed, { kind: 'reopen', reason: 'ні' }, addDays(s.resolvedAt!, 2))).toThrow(/confirmed/)
  })

  it('needs a reason to reject or reopen', () => {
    expect(() => nextStatus(state('new'), { kind: 'reject', reason: '' })).toThrow(/reason/)
    expect(() => nextStatus(state('resolved'), { kind: 'reopen', reason: ' ' }, addDays(created, 11))).toThrow(/reason/)
  })

  it('calls an open appeal past its due date overdue, a closed one never', () => {
    const due = addDays(created, 15)
    expect(isOverdue('in_progress', due, addDays(created, 16))).toBe(true)
    expect(isOverdue('in_progress', due, addDays(created, 14))).toBe(false)
    expect(isOverdue('resolved', due, addDays(created, 60))).toBe(false)
    expect(isOverdue('rejected', due, addDays(created, 60))).toBe(false)
  })
})
