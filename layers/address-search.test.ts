import { describe, expect, it } from 'vitest'
import { foldAddress, matchAddresses, type IndexedAddress } from './address-search.ts'

function entry(label: string): IndexedAddress {
  return { label, lon: 30.5, lat: 50.45, layer: 'kyiv-test', folded: foldAddress(label) }
}

describe('matchAddresses', () => {
  const index = [entry('вулиця Хрещатик, 22'), entry('вулиця Хрещатик, 2'), entry('вулиця Кирилівська, 1-А'), entry('бульвар Шевченка, 22')]

  it('finds addresses holding every word of the query, shortest first', () => {
    expect(matchAddresses(index, 'хрещатик 2').map((e) => e.label)).toEqual(['вулиця Хрещатик, 2', 'вулиця Хрещатик, 22'])
  })

  it('ignores case, punctuation and apostrophes', () => {
    expect(matchAddresses(index, 'КИРИЛІВСЬКА, 1-а').map((e) => e.label)).toEqual(['вулиця Кирилівська, 1-А'])
    expect(foldAddress('Об’єднання’s `A`')).toBe('обєднанняs a')
  })

  it('returns nothing for a query shorter than two characters, and at most the limit', () => {
    expect(matchAddresses(index, 'х')).toEqual([])
    expect(matchAddresses(index, 'вулиця', 2)).toHaveLength(2)
  })
})
