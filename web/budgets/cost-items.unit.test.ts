import { describe, expect, it } from 'vitest'
import { costItemsBody, costTotal } from './cost-items.ts'

describe('costTotal', () => {
  it('adds the whole hryvnias of the rows, skipping empty and unreadable amounts', () => {
    expect(costTotal([{ name: 'Лавки', amount: '120000' }, { name: 'Урни', amount: '15 500' }, { name: '', amount: '' }, { name: 'x', amount: 'багато' }])).toBe(135_500)
    expect(costTotal([])).toBe(0)
  })
})

describe('costItemsBody', () => {
  it('sends the rows that say something, amounts as numbers, so the server names what is wrong', () => {
    expect(costItemsBody([{ name: ' Лавки ', amount: '120 000' }, { name: '', amount: '' }, { name: 'Урни', amount: '' }])).toEqual([
      { name: 'Лавки', amount: 120_000 },
      { name: 'Урни', amount: Number.NaN },
    ])
  })
})
