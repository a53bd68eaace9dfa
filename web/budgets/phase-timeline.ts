import type { BudgetPhase } from './budget-api.ts'

/** A phase on the timeline: done, under way now, or still to come. */
export interface PhaseStep extends BudgetPhase {
  when: 'done' | 'now' | 'coming'
}

/** The phases in the order they run, each marked against `now` (a start is inclusive, an end exclusive, as the server counts). */
export function phaseSteps(phases: readonly BudgetPhase[], now: Date): PhaseStep[] {
  const t = now.getTime()
  return [...phases]
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))
    .map((phase) => ({ ...phase, when: Date.parse(phase.ends_at) <= t ? 'done' : Date.parse(phase.starts_at) <= t ? 'now' : 'coming' }))
}

/**
 * The `phases` of a `PATCH /api/budgets/{id}` that ends voting at `now`: the voting phase with
 * its start kept. Null when the edition has no voting phase.
 */
export function closeVotingPhases(phases: readonly BudgetPhase[], now: Date): BudgetPhase[] | null {
  const voting = phases.find((p) => p.name === 'voting')
  return voting ? [{ ...voting, ends_at: now.toISOString() }] : null
}
