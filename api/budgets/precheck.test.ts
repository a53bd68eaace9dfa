import { describe, expect, it } from 'vitest'
import { classifyOwnership, precheckHints } from './precheck.ts'

const empty = { district: { id: 1, name: 'Печерський район' }, pot: 'd1', land: [], plans: [], nearby: [], districtsTouched: 1, cost: null, rules: { min_cost: 0, max_cost: null } }
const codes = (p: Parameters<typeof precheckHints>[0]) => precheckHints(p).map((h) => `${h.level}:${h.code}`)

describe('the pre-check', () => {
  it('reads ownership in the words of the Ukrainian cadastre and of English sources', () => {
    expect(classifyOwnership('Комунальна власність')).toBe('communal')
    expect(classifyOwnership('Державна власність')).toBe('state')
    expect(classifyOwnership('приватна')).toBe('private')
    expect(classifyOwnership('Municipal')).toBe('communal')
    expect(classifyOwnership('Колективна')).toBe('unknown')
    expect(classifyOwnership(null)).toBe('unknown')
  })

  it('warns of land the hromada does not own, and only hints otherwise', () => {
    const parcel = (ownership: 'communal' | 'state' | 'private') => ({ layer: 'kyiv-land-parcels', feature_id: 1, cadnum: null, ownership, ownership_text: null, purpose: null, share: 1 })
    expect(codes({ ...empty, land: [parcel('communal')] })).toEqual(['info:land-communal'])
    expect(codes({ ...empty, land: [parcel('communal'), parcel('private')] })).toEqual(['warning:land-not-communal'])
    expect(codes(empty)).toEqual(['info:land-unknown'])
  })

  it('says when a place is outside every district, reaches into several, or costs outside the limits', () => {
    expect(codes({ ...empty, district: null, pot: null })).toEqual(expect.arrayContaining(['warning:outside-districts', 'warning:no-pot']))
    expect(codes({ ...empty, districtsTouched: 2 })).toContain('info:crosses-districts')
    expect(codes({ ...empty, cost: 5, rules: { min_cost: 10, max_cost: 100 } })).toContain('warning:cost-below-minimum')
    expect(codes({ ...empty, cost: 500, rules: { min_cost: 10, max_cost: 100 } })).toContain('warning:cost-above-maximum')
  })

  it('counts what is near in its hints, and warns of a planned repair', () => {
    const near = (kind: 'appeal' | 'proposal' | 'repair') => ({ kind, id: '1', title: 'x', status: '', distance_m: 50, url: null })
    const hints = precheckHints({ ...empty, nearby: [near('appeal'), near('appeal'), near('proposal'), near('repair')] })
    expect(hints.find((h) => h.code === 'appeals-nearby')!.message.en).toMatch(/: 2\.$/)
    expect(hints.map((h) => `${h.level}:${h.code}`)).toEqual(expect.arrayContaining(['info:proposals-nearby', 'warning:repair-planned']))
  })
})
