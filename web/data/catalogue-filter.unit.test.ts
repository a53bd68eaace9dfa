import { describe, expect, it } from 'vitest'
import type { DataPassport } from '../../api/contract/index.ts'
import { filterPassports, formatBytes, themesOf } from './catalogue-filter.ts'

const passport = (id: string, city: string, theme: string) => ({ id, city, theme }) as DataPassport
const ALL = [passport('kyiv-districts', 'kyiv', 'districts'), passport('kyiv-metro-stations', 'kyiv', 'transport'), passport('zhytomyr-transit-stops', 'zhytomyr', 'transport')]

describe('filterPassports', () => {
  it('keeps every passport without a filter, and narrows by city and theme together', () => {
    expect(filterPassports(ALL, {}).map((p) => p.id)).toEqual(ALL.map((p) => p.id))
    expect(filterPassports(ALL, { theme: 'transport' }).map((p) => p.id)).toEqual(['kyiv-metro-stations', 'zhytomyr-transit-stops'])
    expect(filterPassports(ALL, { city: 'kyiv', theme: 'transport' }).map((p) => p.id)).toEqual(['kyiv-metro-stations'])
    expect(filterPassports(ALL, { city: 'lviv' })).toEqual([])
  })
})

describe('themesOf', () => {
  it("lists a city's themes once each, in order", () => {
    expect(themesOf(ALL, undefined)).toEqual(['districts', 'transport'])
    expect(themesOf(ALL, 'zhytomyr')).toEqual(['transport'])
  })
})

describe('formatBytes', () => {
  it('shows sizes in decimal units', () => {
    expect(formatBytes(95, 'en-GB')).toBe('95 B')
    expect(formatBytes(840_000, 'en-GB')).toBe('840 kB')
    expect(formatBytes(12_345_678, 'en-GB')).toBe('12.3 MB')
  })
})
