import { describe, expect, it } from 'vitest'
import { newReceipt, normaliseReceipt } from './receipt.ts'

describe('receipt codes', () => {
  it('are three groups of four of Crockford’s letters and digits, all different over many draws', () => {
    const codes = Array.from({ length: 20_000 }, newReceipt)
    for (const code of codes.slice(0, 100)) expect(code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}(-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}){2}$/)
    expect(new Set(codes).size).toBe(codes.length)
    // Every character turns up in every place: no place is stuck.
    for (const place of [0, 5, 13]) expect(new Set(codes.map((c) => c[place])).size).toBe(32)
  })

  it('are read as a voter types them: any case, spaces, look-alike letters for digits', () => {
    expect(normaliseReceipt(' k7qm 2xpd 9rtv ')).toBe('K7QM-2XPD-9RTV')
    expect(normaliseReceipt('K7QM-2XPD-9RTV')).toBe('K7QM-2XPD-9RTV')
    expect(normaliseReceipt('k7qm-2xpd-9rtl')).toBe('K7QM-2XPD-9RT1')
    expect(normaliseReceipt('O0O0-AAAA-BBBB')).toBe('0000-AAAA-BBBB')
    expect(normaliseReceipt('short')).toBe('SHORT')
  })
})
