import { describe, expect, it } from 'vitest'
import { PropertyPatchBody, type PropertyObject } from '../../api/contract/index.ts'
import { propertyDraft, propertyPatch, statusFields } from './property-staff.ts'

const line: PropertyObject = {
  id: 7, city: 'kyiv', kind: 'land', register_id: '8000000000:75:123:0045', name: null, cadastral_number: '8000000000:75:123:0045', inventory_number: null,
  balance_holder: null, owner: null, user: null, nk018_class: null, purpose_code: '03.07', purpose: null, area_m2: 1200, normative_value: null, rights_registration: null,
  condition: null, utilities: [], status: 'free', lease: null, auction: null, address: 'вул. Хрещатик, 1', district: null, sensitive: false, geometry: null,
  photos: [], documents: [], source: 'import', synthetic: false, updated_at: '2026-12-01T00:00:00Z', url: 'http://localhost/property/7',
}

describe('statusFields', () => {
  it('asks a lease for a leased line and a lot for one at auction', () => {
    expect([statusFields('leased'), statusFields('at_auction'), statusFields('free')]).toEqual([['lease'], ['auction'], []])
  })
})

describe('propertyPatch', () => {
  it('sends nothing when nothing changed', () => {
    expect(propertyPatch(line, propertyDraft(line))).toEqual({})
  })

  it('sends the lease with the status, and a private lessee without a name', () => {
    const draft = { ...propertyDraft(line), status: 'leased' as const, leasedFrom: '2026-01-01', leasedUntil: '2031-01-01', lesseeKind: 'person' as const, lesseeName: 'Іван', areaM2: '1 250,5' }
    const patch = propertyPatch(line, draft)
    expect(patch).toEqual({ status: 'leased', leased_from: '2026-01-01', leased_until: '2031-01-01', lessee_kind: 'person', area_m2: 1250.5 })
    expect(PropertyPatchBody.safeParse(patch).success).toBe(true)
  })

  it('leaves the auction out of a line that is not at auction, and sends the sensitive flag', () => {
    const patch = propertyPatch(line, { ...propertyDraft(line), auctionLotId: 'LOT-1', sensitive: true })
    expect(patch).toEqual({ sensitive: true })
  })
})
