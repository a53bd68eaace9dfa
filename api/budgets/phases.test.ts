import { describe, expect, it } from 'vitest'
import { mergePhases, phaseProblem, type PhaseWindow } from './phases.ts'

const DAY = 86_400_000
const at = (day: number) => new Date(Date.UTC(2027, 0, 1) + day * DAY)
const phase = (name: PhaseWindow['name'], from: number, to: number): PhaseWindow => ({ name, startsAt: at(from), endsAt: at(to) })
const days = (phases: PhaseWindow[]) => phases.map((p) => [p.name, (p.startsAt.getTime() - at(0).getTime()) / DAY, (p.endsAt.getTime() - at(0).getTime()) / DAY])

describe('phases', () => {
  const edition = [phase('submission', 0, 10), phase('review', 10, 20), phase('voting', 20, 30), phase('results', 30, 35)]

  it('move the ones after a phase moved later, by as much, and keep their length', () => {
    expect(days(mergePhases(edition, [phase('submission', 0, 14)]))).toEqual([
      ['submission', 0, 14],
      ['review', 14, 24],
      ['voting', 24, 34],
      ['results', 34, 39],
    ])
  })

  it('leave the others where they are when a phase moves earlier or still fits', () => {
    expect(days(mergePhases(edition, [phase('voting', 20, 25)]))).toEqual([
      ['submission', 0, 10],
      ['review', 10, 20],
      ['voting', 20, 25],
      ['results', 30, 35],
    ])
  })

  it('never move a phase given, and add one the edition lacked in its place', () => {
    const merged = mergePhases(edition, [phase('submission', 0, 15), phase('review', 12, 22), phase('implementation', 35, 400)])
    expect(days(merged).map((d) => d[0])).toEqual(['submission', 'review', 'voting', 'results', 'implementation'])
    expect(phaseProblem(merged)).toEqual({ index: 1, message: 'the review phase must not start before the submission phase ends' })
  })

  it('are wrong when one ends before it starts or comes twice', () => {
    expect(phaseProblem([phase('voting', 5, 5)])?.message).toBe('the voting phase must end after it starts')
    expect(phaseProblem([phase('voting', 0, 5), phase('voting', 5, 6)])?.message).toBe('the voting phase is given twice')
    expect(phaseProblem(edition)).toBeNull()
  })
})
