import type { SizeClass } from '../contract/index.ts'

/** A pot as the choice of one needs it. */
export interface PotChoice {
  key: string
  district_id: number | null
  size_class: SizeClass | null
  max_cost: number | null
}

/**
 * The pot a proposal is counted in, from its district (assigned by its place) and its cost: the
 * district's pots when the edition has any for it, else the city's; among classes, the small one
 * while the cost is within its ceiling, else the large one. Null when no pot takes it: the place is
 * outside every district the edition funds and there is no city-wide money.
 */
export function choosePot(pots: readonly PotChoice[], districtId: number | null, cost: number): string | null {
  const ofDistrict = districtId === null ? [] : pots.filter((p) => p.district_id === districtId)
  const candidates = ofDistrict.length > 0 ? ofDistrict : pots.filter((p) => p.district_id === null)
  if (candidates.length === 0) return null
  const whole = candidates.find((p) => p.size_class === null)
  if (whole) return whole.key
  const small = candidates.find((p) => p.size_class === 'small')
  const large = candidates.find((p) => p.size_class === 'large')
  if (small && (small.max_cost === null || cost <= small.max_cost)) return small.key
  return (large ?? small)!.key
}
