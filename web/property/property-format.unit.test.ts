import { describe, expect, it } from 'vitest'
import { formatArea, formatDate, formatDistance, formatHryvnias, pageRange, parseAreaInput, showAreaInput } from './property-format.ts'

// Ukrainian groups thousands with a no-break space (U+00A0), so a number never breaks across lines.
describe('formatting the register’s values', () => {
  it('shows land of a hectare or more in hectares, and everything smaller or indoors in square metres', () => {
    expect(formatArea(25_000, 'land', 'en')).toBe('2.5 ha')
    expect(formatArea(25_000, 'land', 'uk')).toBe('2,5 га')
    expect(formatArea(10_000, 'brownfield', 'en')).toBe('1 ha')
    expect(formatArea(9_999, 'land', 'en')).toBe('9,999 m²')
    expect(formatArea(12_345.6, 'premises', 'en')).toBe('12,345.6 m²')
    expect(formatArea(1_250, 'building', 'uk')).toBe('1\u00a0250 м²')
  })

  it('shows money in whole hryvnias with thousands separators', () => {
    expect(formatHryvnias(1_234_567, 'en')).toBe('₴1,234,567')
    expect(formatHryvnias(1_234_567, 'uk')).toBe('1\u00a0234\u00a0567\u00a0₴')
  })

  it('shows a calendar day as the day it is, whatever the time zone', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('1 March 2026')
    expect(formatDate('2026-03-01', 'uk')).toBe('1 березня 2026 р.')
  })

  it('shows distances in metres up to a kilometre and in kilometres after', () => {
    expect(formatDistance(640, 'en')).toBe('640 m')
    expect(formatDistance(2_345, 'en')).toBe('2.3 km')
    expect(formatDistance(2_345, 'uk')).toBe('2,3 км')
  })

  it('says which lines of how many a page shows', () => {
    expect(pageRange(0, 100, 12_650, 'en')).toEqual({ from: '1', to: '100', total: '12,650' })
    expect(pageRange(12_600, 50, 12_650, 'uk')).toEqual({ from: '12\u00a0601', to: '12\u00a0650', total: '12\u00a0650' })
    expect(pageRange(0, 0, 0, 'en')).toEqual({ from: '0', to: '0', total: '0' })
  })

  it('reads an area typed in hectares or square metres as square metres, with a comma or a point', () => {
    expect(parseAreaInput('2,5', 'ha')).toBe(25_000)
    expect(parseAreaInput(' 1.25 ', 'ha')).toBe(12_500)
    expect(parseAreaInput('800', 'm2')).toBe(800)
    expect(parseAreaInput('1 200', 'm2')).toBe(1_200)
    expect(parseAreaInput('', 'ha')).toBeUndefined()
    expect(Number.isNaN(parseAreaInput('many', 'm2'))).toBe(true)
    expect(Number.isNaN(parseAreaInput('-3', 'm2'))).toBe(true)
  })

  it('shows square metres back in the unit the investor types in', () => {
    expect(showAreaInput('25000', 'ha')).toBe('2.5')
    expect(showAreaInput('800', 'm2')).toBe('800')
    expect(showAreaInput(undefined, 'ha')).toBe('')
  })
})
