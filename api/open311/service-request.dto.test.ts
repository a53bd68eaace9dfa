import { describe, expect, it } from 'vitest'
import { APPEAL_STATUSES, type AppealReceipt } from '../appeals/index.ts'
import { toCreatedRequest, toServiceRequest, w3cDatetime } from './service-request.dto.ts'
import type { ServiceRequestRow } from './service-request.queries.ts'

const ROW: ServiceRequestRow = {
  number: 'KYIV-2026-000042',
  status: 'new',
  category_id: 'pothole',
  category_name: { uk: 'Яма на дорозі', en: 'Pothole' },
  description: 'Яма',
  organisation_name: null,
  address: null,
  lon: 30.5234,
  lat: 50.4501,
  created_at: new Date('2026-07-01T06:30:00Z'),
  updated_at: new Date('2026-07-02T06:30:00Z'),
  due_at: new Date('2026-07-31T06:30:00Z'),
  rejection_reason: null,
  response: null,
  photo_name: null,
  synthetic: false,
}

describe('toServiceRequest', () => {
  it('maps the five open statuses to open and the three others to closed', () => {
    const mapped = Object.fromEntries(APPEAL_STATUSES.map((status) => [status, toServiceRequest({ ...ROW, status }, 'http://x', 'uk').status]))
    expect(mapped).toEqual({ new: 'open', registered: 'open', assigned: 'open', in_progress: 'open', extended: 'open', resolved: 'closed', rejected: 'closed', duplicate: 'closed' })
  })

  it('notes a rejection with the response and the reason', () => {
    const request = toServiceRequest({ ...ROW, status: 'rejected', response: 'Розглянуто', rejection_reason: 'Приватна ділянка' }, 'http://x', 'uk')
    expect(request).toMatchObject({ status: 'closed', status_notes: 'rejected — Розглянуто — Приватна ділянка' })
  })

  it('notes only the status when there is no response', () => {
    expect(toServiceRequest({ ...ROW, status: 'in_progress' }, 'http://x', 'uk').status_notes).toBe('in_progress')
  })

  it('shows times in Kyiv time with the offset of the season', () => {
    expect(toServiceRequest(ROW, 'http://x', 'uk')).toMatchObject({ requested_datetime: '2026-07-01T09:30:00+03:00', expected_datetime: '2026-07-31T09:30:00+03:00' })
    expect(w3cDatetime(new Date('2026-01-15T22:05:09Z'))).toBe('2026-01-16T00:05:09+02:00')
  })
})

describe('toCreatedRequest', () => {
  it('gives the id and a notice, never the private tracking link', () => {
    const receipt: AppealReceipt = {
      number: 'KYIV-2026-000042',
      status: 'new',
      tracking_url: 'http://x/appeals/track/secret-token',
      url: 'http://x/appeals/KYIV-2026-000042',
      category: 'pothole',
      district: null,
      address: null,
      due_at: '2026-07-31T06:30:00.000Z',
      created_at: '2026-07-01T06:30:00.000Z',
      photos: 0,
    }
    const created = toCreatedRequest(receipt, 'en')
    expect(created).toEqual({
      service_request_id: 'KYIV-2026-000042',
      service_notice: 'Registered as KYIV-2026-000042; the city answers by 2026-07-31. http://x/appeals/KYIV-2026-000042',
      account_id: null,
    })
    expect(JSON.stringify(created)).not.toContain('secret-token')
  })
})
