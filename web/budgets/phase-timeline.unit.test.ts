import { describe, expect, it } from 'vitest'
import { closeVotingPhases, phaseSteps } from './phase-timeline.ts'

const phases = [
  { name: 'submission' as const, starts_at: '2026-03-01T00:00:00.000Z', ends_at: '2026-04-01T00:00:00.000Z' },
  { name: 'review' as const, starts_at: '2026-04-01T00:00:00.000Z', ends_at: '2026-05-01T00:00:00.000Z' },
  { name: 'voting' as const, starts_at: '2026-05-01T00:00:00.000Z', ends_at: '2026-05-15T00:00:00.000Z' },
]

describe('phaseSteps', () => {
  it('marks the phases before now as done, the one now as current and the rest as coming', () => {
    expect(phaseSteps(phases, new Date('2026-04-10T00:00:00.000Z')).map((s) => [s.name, s.when])).toEqual([
      ['submission', 'done'],
      ['review', 'now'],
      ['voting', 'coming'],
    ])
  })

  it('orders phases by their start whatever order they come in', () => {
    expect(phaseSteps([phases[2]!, phases[0]!], new Date('2026-01-01T00:00:00.000Z')).map((s) => s.name)).toEqual(['submission', 'voting'])
  })
})

describe('closeVotingPhases', () => {
  it('ends the voting phase at the moment given and leaves its start', () => {
    expect(closeVotingPhases(phases, new Date('2026-05-05T12:00:00.000Z'))).toEqual([{ name: 'voting', starts_at: '2026-05-01T00:00:00.000Z', ends_at: '2026-05-05T12:00:00.000Z' }])
  })

  it('is null when the edition has no voting phase', () => {
    expect(closeVotingPhases([phases[0]!], new Date())).toBeNull()
  })
})
