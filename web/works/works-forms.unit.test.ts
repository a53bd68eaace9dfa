import { describe, expect, it } from 'vitest'
import { WorkBody, WorkSubscriptionBody } from '../../api/contract/index.ts'
import { subscriptionBody, workBody, type WorkDraft } from './works-forms.ts'

const draft: WorkDraft = {
  kind: 'planned',
  title: 'Перекриття проїзду',
  description: '',
  workType: 'road',
  startsAt: '2026-12-08T09:00',
  endsAt: '2026-12-08T17:00',
  plannedStart: '',
  plannedEnd: '',
  switchedOff: ['road'],
  place: { point: [30.52, 50.45], radiusM: '150' },
  organisation: '',
  contractor: ' ТОВ «Шлях» ',
  cost: '1 200 000',
  prozorro: '',
}

describe('subscriptionBody', () => {
  it('makes a body the API takes for each kind of place', () => {
    const bodies = [
      subscriptionBody(' a@example.org ', 'kyiv', { by: 'district', district: 3 }, 'uk'),
      subscriptionBody('a@example.org', 'kyiv', { by: 'address', lon: 30.5, lat: 50.4, radiusM: 300 }, 'en'),
      subscriptionBody('a@example.org', 'kyiv', { by: 'area', area: { type: 'Polygon', coordinates: [[[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.4]]] } }, 'uk'),
    ]
    expect(bodies[0]).toEqual({ email: 'a@example.org', city: 'kyiv', locale: 'uk', district: 3 })
    for (const body of bodies) expect(WorkSubscriptionBody.safeParse(body).success).toBe(true)
  })
})

describe('workBody', () => {
  it('sends the window as instants, money as hryvnias, and leaves blanks out', () => {
    const body = workBody('kyiv', draft)
    expect(body).toMatchObject({ starts_at: '2026-12-08T07:00:00.000Z', ends_at: '2026-12-08T15:00:00.000Z', cost: 1_200_000, radius_m: 150, contractor: 'ТОВ «Шлях»', geometry: { type: 'Point', coordinates: [30.52, 50.45] } })
    expect(Object.keys(body)).not.toContain('planned_start')
    expect(Object.keys(body)).not.toContain('prozorro_tender_id')
    expect(Object.keys(body)).not.toContain('organisation')
    expect(WorkBody.safeParse(body).success).toBe(true)
  })

  it('sends a drawn area without a radius', () => {
    const body = workBody('kyiv', { ...draft, place: { area: { type: 'Polygon', coordinates: [[[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.4]]] } } })
    expect(body.geometry.type).toBe('Polygon')
    expect(body.radius_m).toBeUndefined()
  })
})
