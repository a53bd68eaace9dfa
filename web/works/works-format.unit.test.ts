import { describe, expect, it } from 'vitest'
import { formatWindow, isoToKyivTime, kyivTimeToIso } from './works-format.ts'

describe('formatWindow', () => {
  it('reads a window in Kyiv time, the end day named only when it differs', () => {
    expect(formatWindow('2026-12-08T07:00:00Z', '2026-12-08T15:00:00Z', 'en')).toBe('8 December 2026, 09:00 – 17:00')
    expect(formatWindow('2026-12-08T21:30:00Z', '2026-12-09T06:00:00Z', 'en')).toBe('8 December 2026, 23:30 – 9 December 2026, 08:00')
  })

  it('speaks Ukrainian', () => {
    expect(formatWindow('2026-07-01T06:00:00Z', '2026-07-01T14:00:00Z', 'uk')).toBe('1 липня 2026 р., 09:00 – 17:00')
  })
})

describe('kyivTimeToIso', () => {
  it('takes what staff type as Kyiv wall time, winter and summer', () => {
    expect(kyivTimeToIso('2026-12-08T09:00')).toBe('2026-12-08T07:00:00.000Z')
    expect(kyivTimeToIso('2026-07-01T09:00')).toBe('2026-07-01T06:00:00.000Z')
  })

  it('leaves a blank or malformed field out', () => {
    expect([kyivTimeToIso(''), kyivTimeToIso('8.12.2026 9:00')]).toEqual([undefined, undefined])
  })

  it('shows an instant back as the field had it', () => {
    expect(isoToKyivTime('2026-12-08T07:00:00.000Z')).toBe('2026-12-08T09:00')
  })
})
