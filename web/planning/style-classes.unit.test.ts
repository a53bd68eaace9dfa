import { describe, expect, it } from 'vitest'
import { categoriesFor, classBreaks, graduatedStops, QUALITATIVE_PALETTE, SEQUENTIAL_PALETTE } from './style-classes.ts'

describe('categoriesFor', () => {
  it('gives each distinct value, in order of frequency, a colour of the qualitative palette and itself as label', () => {
    const categories = categoriesFor(['Ж-1', 'Г-2', 'Ж-1', null, 'П-3', 'Ж-1', 'Г-2'])
    expect(categories).toEqual([
      { value: 'Ж-1', color: QUALITATIVE_PALETTE[0], label: { uk: 'Ж-1', en: 'Ж-1' } },
      { value: 'Г-2', color: QUALITATIVE_PALETTE[1], label: { uk: 'Г-2', en: 'Г-2' } },
      { value: 'П-3', color: QUALITATIVE_PALETTE[2], label: { uk: 'П-3', en: 'П-3' } },
    ])
  })

  it('keeps colours already chosen for a value', () => {
    const categories = categoriesFor(['a', 'b'], [{ value: 'b', color: '#000000', label: { uk: 'Бе', en: 'Bee' } }])
    expect(categories[1]).toEqual({ value: 'b', color: '#000000', label: { uk: 'Бе', en: 'Bee' } })
  })

  it('stops at 100 values, as the server takes no more', () => {
    expect(categoriesFor(Array.from({ length: 150 }, (_, i) => `v${i}`))).toHaveLength(100)
  })
})

describe('classBreaks', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

  it('splits the range into equal intervals', () => {
    expect(classBreaks(values, 3, 'equal')).toEqual([1, 4, 7])
  })

  it('splits the values into classes of equal counts by quantiles', () => {
    expect(classBreaks([1, 1, 1, 2, 2, 3, 10, 20, 30, 40], 2, 'quantile')).toEqual([1, 3])
  })

  it('drops repeated breaks so the stops ascend', () => {
    expect(classBreaks([5, 5, 5, 5, 6], 4, 'quantile')).toEqual([5])
    expect(classBreaks([], 4, 'equal')).toEqual([])
  })
})

describe('graduatedStops', () => {
  it('colours the classes with the sequential palette, light to dark, and labels their ranges', () => {
    const stops = graduatedStops([0, 10, 20, 30], 2, 'equal')
    expect(stops).toEqual([
      { value: 0, color: SEQUENTIAL_PALETTE[2]![0], label: { uk: '0 – 15', en: '0 – 15' } },
      { value: 15, color: SEQUENTIAL_PALETTE[2]![1], label: { uk: '≥ 15', en: '≥ 15' } },
    ])
  })
})
