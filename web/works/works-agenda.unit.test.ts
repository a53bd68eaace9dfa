import { describe, expect, it } from 'vitest'
import { agendaSection, kyivDay, workAgenda } from './works-agenda.ts'
import type { Work } from './works-api.ts'

/** Tuesday 8 December 2026, 12:00 in Kyiv. */
const NOW = new Date('2026-12-08T10:00:00Z')

function work(id: number, patch: Partial<Work>): Work {
  return {
    id, city: 'kyiv', kind: 'planned', title: `W${id}`, description: '', work_type: 'water', status: 'planned', object: null, organisation: null,
    contractor: null, contractor_edrpou: null, cost: null, spent: null, prozorro: null, planned_start: null, planned_end: null, actual_start: null, actual_end: null,
    starts_at: null, ends_at: null, switched_off: [], active_now: false, photos: [], geometry: { type: 'Point', coordinates: [30.5, 50.4] }, synthetic: true, updated_at: '2026-12-01T00:00:00Z',
    ...patch,
  }
}

describe('kyivDay', () => {
  it('is the day in Kyiv, not in UTC', () => {
    expect(kyivDay(new Date('2026-12-08T22:30:00Z'))).toBe('2026-12-09')
  })
})

describe('workAgenda', () => {
  const works = [
    work(1, { starts_at: '2026-12-08T08:00:00Z', ends_at: '2026-12-08T16:00:00Z', active_now: true }),
    work(2, { kind: 'emergency', starts_at: '2026-12-08T09:00:00Z', ends_at: '2026-12-08T18:00:00Z', active_now: true }),
    work(3, { starts_at: '2026-12-08T14:00:00Z', ends_at: '2026-12-08T16:00:00Z' }),
    work(4, { starts_at: '2026-12-11T07:00:00Z', ends_at: '2026-12-11T15:00:00Z' }),
    work(5, { starts_at: '2026-12-14T07:00:00Z', ends_at: '2026-12-15T15:00:00Z' }),
    work(6, { kind: 'repair', planned_start: '2027-03-01', planned_end: '2027-04-01' }),
    work(7, { starts_at: '2026-12-01T07:00:00Z', ends_at: '2026-12-01T15:00:00Z' }),
    work(8, { kind: 'repair', status: 'in_progress' }),
  ]

  it('puts what is on now first, emergencies on top, then the days to come, then the past', () => {
    const agenda = workAgenda(works, NOW)
    expect(agenda.map((g) => [g.section, g.days.map((d) => [d.day, d.works.map((w) => w.id)])])).toEqual([
      ['now', [['2026-12-08', [2, 1]]]],
      ['today', [['2026-12-08', [3]]]],
      ['this-week', [['2026-12-11', [4]]]],
      ['next-weeks', [['2026-12-14', [5]]]],
      ['later', [['2027-03-01', [6]]]],
      ['past', [['2026-12-01', [7]]]],
      ['undated', [['', [8]]]],
    ])
  })

  it('counts a cancelled work as past, whatever its dates', () => {
    expect(agendaSection(work(9, { status: 'cancelled', starts_at: '2026-12-20T07:00:00Z', ends_at: '2026-12-20T09:00:00Z' }), NOW)).toBe('past')
  })
})
