import { describe, expect, it } from 'vitest'
import type { LayerSummary } from '../api-client/index.ts'
import { categoryLabel } from './category-label.ts'

const style: LayerSummary['style'] = {
  color: '#000000',
  categoryField: 'status',
  categories: [
    { value: 'valid', color: '#1b9e77', label: { uk: 'Дозвіл чинний', en: 'Permit valid' } },
    { value: 2, color: '#d95f02', label: { uk: 'Другий клас', en: '' } },
  ],
}

describe('categoryLabel', () => {
  it("names the colouring attribute's value in the reader's language", () => {
    expect([categoryLabel(style, 'status', 'valid', 'uk'), categoryLabel(style, 'status', 'valid', 'en')]).toEqual(['Дозвіл чинний', 'Permit valid'])
  })

  it('matches a number the tiles carry as text, and falls back to Ukrainian for an empty translation', () => {
    expect(categoryLabel(style, 'status', '2', 'en')).toBe('Другий клас')
  })

  it('leaves other attributes, unnamed values and empty values as they are', () => {
    expect([categoryLabel(style, 'title', 'valid', 'uk'), categoryLabel(style, 'status', 'expired', 'uk'), categoryLabel(style, 'status', null, 'uk')]).toEqual([undefined, undefined, undefined])
  })
})
