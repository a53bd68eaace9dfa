import { describe, expect, it } from 'vitest'
import { choosePot, type PotChoice } from './pots.ts'

const pot = (district_id: number | null, size_class: PotChoice['size_class'] = null, max_cost: number | null = null): PotChoice => ({
  key: `${district_id === null ? 'city' : `d${district_id}`}${size_class ? `:${size_class}` : ''}`,
  district_id,
  size_class,
  max_cost,
})

describe('the pot a proposal is counted in', () => {
  it('is the city pot of an edition without districts, wherever the place is', () => {
    expect(choosePot([pot(null)], 7, 100)).toBe('city')
    expect(choosePot([pot(null)], null, 100)).toBe('city')
  })
  it("is its district's, and the city's for a district the edition does not fund", () => {
    const pots = [pot(1), pot(2), pot(null)]
    expect(choosePot(pots, 2, 100)).toBe('d2')
    expect(choosePot(pots, 9, 100)).toBe('city')
  })
  it('is none outside every funded district when there is no city-wide money', () => {
    expect(choosePot([pot(1), pot(2)], 9, 100)).toBeNull()
    expect(choosePot([pot(1)], null, 100)).toBeNull()
  })
  it('goes by cost between the small and the large class, the ceiling itself still small', () => {
    const pots = [pot(1, 'small', 300_000), pot(1, 'large')]
    expect(choosePot(pots, 1, 300_000)).toBe('d1:small')
    expect(choosePot(pots, 1, 300_001)).toBe('d1:large')
  })
  it('keeps an over-ceiling proposal in the only class there is, for the review to judge', () => {
    expect(choosePot([pot(null, 'small', 100)], null, 500)).toBe('city:small')
  })
})
