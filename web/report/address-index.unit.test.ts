import { describe, expect, it } from 'vitest'
import { foldAddress, searchAddresses, type AddressEntry } from './address-index.ts'

function entry(label: string): AddressEntry {
  return { label, lon: 30.5, lat: 50.45, folded: foldAddress(label) }
}

describe('searchAddresses', () => {
  const index = [entry('вулиця Хрещатик, 22'), entry('вулиця Хрещатик, 2'), entry('вулиця Кирилівська, 1-А'), entry('бульвар Шевченка, 22')]

  it('finds addresses holding every word of the query, shortest first', () => {
    expect(searchAddresses(index, 'хрещатик 2').map((e) => e.label)).toEqual(['вулиця Хрещатик, 2', 'вулиця Хрещатик, 22'])
  })

  it('ignores case, punctuation and apostrophes', () => {
    expect(searchAddresses(index, 'кирилівська, 1-а').map((e) => e.label)).toEqual(['вулиця Кирилівська, 1-А'])
    expect(foldAddress('Об’єднання’s `A`')).toBe('обєднанняs a')
  })

  it('returns nothing for a query shorter than two characters', () => {
    expect(searchAddresses(index, 'х')).toEqual([])
  })
})
