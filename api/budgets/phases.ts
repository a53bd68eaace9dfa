import { BUDGET_PHASES, type BudgetPhase, type BudgetPhaseName } from '../contract/index.ts'

/** A phase with its window as instants. */
export interface PhaseWindow {
  name: BudgetPhaseName
  startsAt: Date
  endsAt: Date
}

const order = (name: BudgetPhaseName) => BUDGET_PHASES.indexOf(name)

/** Phases as instants, in their order. */
export function phaseWindows(phases: readonly BudgetPhase[]): PhaseWindow[] {
  return phases.map((p) => ({ name: p.name, startsAt: new Date(p.starts_at), endsAt: new Date(p.ends_at) })).sort((a, b) => order(a.name) - order(b.name))
}

/**
 * What is wrong with a set of phases, or null: each named once, each ending after it starts, and
 * each starting no earlier than the one before it ends.
 */
export function phaseProblem(phases: readonly PhaseWindow[]): { index: number; message: string } | null {
  const seen = new Set<BudgetPhaseName>()
  for (const [index, phase] of phases.entries()) {
    if (seen.has(phase.name)) return { index, message: `the ${phase.name} phase is given twice` }
    seen.add(phase.name)
    if (phase.endsAt <= phase.startsAt) return { index, message: `the ${phase.name} phase must end after it starts` }
  }
  const sorted = [...phases].sort((a, b) => order(a.name) - order(b.name))
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.startsAt < sorted[i - 1]!.endsAt) {
      return { index: phases.indexOf(sorted[i]!), message: `the ${sorted[i]!.name} phase must not start before the ${sorted[i - 1]!.name} phase ends` }
    }
  }
  return null
}

/**
 * The phases after a change: the phases given replace theirs; a phase not given that would now
 * start before the one before it ends moves later by as much, and so on down the list, so that
 * moving one phase moves the next. Phases given are never moved: a conflict among them is the
 * caller's to report ({@link phaseProblem}).
 */
export function mergePhases(current: readonly PhaseWindow[], changes: readonly PhaseWindow[]): PhaseWindow[] {
  const given = new Map(changes.map((p) => [p.name, p]))
  const merged = [...new Set([...current.map((p) => p.name), ...given.keys()])]
    .sort((a, b) => order(a) - order(b))
    .map((name) => given.get(name) ?? current.find((p) => p.name === name)!)
  const moved: PhaseWindow[] = []
  for (const phase of merged) {
    const before = moved.at(-1)
    if (before && !given.has(phase.name) && phase.startsAt < before.endsAt) {
      const shift = before.endsAt.getTime() - phase.startsAt.getTime()
      moved.push({ name: phase.name, startsAt: new Date(phase.startsAt.getTime() + shift), endsAt: new Date(phase.endsAt.getTime() + shift) })
    } else moved.push(phase)
  }
  return moved
}
