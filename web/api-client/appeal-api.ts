import type { z } from 'zod'
import type { FeedbackBody, SubscriptionBody, SupportBody } from '../../api/contract/index.ts'
import { sendJson } from './fetch-json.ts'
import {
  AppealReceiptSchema,
  FeedbackResultSchema,
  SubscriptionReceiptSchema,
  SupportResultSchema,
  type AppealReceipt,
  type AppealStatus,
  type SupportResult,
} from './appeal-schemas.ts'

/** What a resident files: the fields of `POST /api/appeals`, and the photos to upload. */
export interface AppealSubmission {
  city: string
  category: string
  lat: number
  lon: number
  description: string
  /** Answers to the category's extra questions, by question id; empty answers are left out. */
  answers: Record<string, string>
  contact: { name: string; email: string; phone: string }
  showName: boolean
  isPublic: boolean
  /** Also address the deputy of the point's electoral district. */
  toDeputy: boolean
  locale: 'uk' | 'en'
  /** The honeypot field: people never see it, so it stays empty unless a bot fills it in. */
  website: string
  photos: readonly File[]
  /** The feature of a layer that takes appeals this one is about; the server snaps the point onto it. */
  object?: { layer: string; featureId: number | string } | undefined
}

/**
 * Files an appeal as multipart/form-data (the photos need it) with an `Idempotency-Key`, so a
 * retry with the same key gets the first receipt instead of a second appeal. Blank contact
 * fields and answers are not sent; an object goes as `object[layer]` and `object[feature_id]`. Throws `ApiProblemError` with the field errors on refusal.
 */
export function submitAppeal(submission: AppealSubmission, idempotencyKey: string): Promise<AppealReceipt> {
  const form = new FormData()
  form.set('city', submission.city)
  form.set('category', submission.category)
  form.set('lat', String(submission.lat))
  form.set('lon', String(submission.lon))
  form.set('description', submission.description)
  for (const [id, value] of Object.entries(submission.answers)) {
    if (value.trim() !== '') form.set(`answers[${id}]`, value)
  }
  for (const [key, value] of Object.entries(submission.contact)) {
    if (value.trim() !== '') form.set(`contact[${key}]`, value.trim())
  }
  form.set('show_name', String(submission.showName))
  form.set('public', String(submission.isPublic))
  if (submission.toDeputy) form.set('to_deputy', 'true')
  form.set('locale', submission.locale)
  form.set('website', submission.website)
  if (submission.object) {
    form.set('object[layer]', submission.object.layer)
    form.set('object[feature_id]', String(submission.object.featureId))
  }
  for (const photo of submission.photos) form.append('photos', photo)
  return sendJson('/api/appeals', AppealReceiptSchema, { body: form, headers: { 'Idempotency-Key': idempotencyKey } })
}

/** Adds the person with this e-mail to an open appeal's supporters ("me too"); once per person. */
export function supportAppeal(number: string, email: string): Promise<SupportResult> {
  const body: z.input<typeof SupportBody> = { email }
  return sendJson(`/api/appeals/${encodeURIComponent(number)}/support`, SupportResultSchema, { body })
}

/** What a resident asks for in `POST /api/appeal-subscriptions`: mail about new appeals within a circle. */
export interface AppealAlertRequest {
  email: string
  city: string
  /** A district by its id, or a circle (50–5000 m, as the API accepts). */
  area: { districtId: number } | { centre: { lat: number; lon: number }; radiusM: number }
  locale: 'uk' | 'en'
}

/**
 * Asks for e-mail alerts about new appeals around a point. Resolves once the API has queued
 * the confirmation mail; nothing is sent until the resident follows its link. Throws
 * `ApiProblemError` with the field errors on refusal, and with status 429 when rate limited.
 */
export async function subscribeToAppealAlerts(request: AppealAlertRequest): Promise<void> {
  const { email, city, area, locale } = request
  const where = 'districtId' in area ? { district: area.districtId } : { lat: area.centre.lat, lon: area.centre.lon, radius_m: area.radiusM }
  const body: z.input<typeof SubscriptionBody> = { email, city, ...where, locale }
  await sendJson('/api/appeal-subscriptions', SubscriptionReceiptSchema, { body })
}

/** The author's answer to a resolution, through their tracking link: confirmed, or reopened with a reason. */
export type AppealFeedback = { kind: 'confirm' } | { kind: 'reopen'; reason: string }

/** Sends the author's feedback on a resolved appeal; resolves to the appeal's new status. */
export async function sendAppealFeedback(token: string, feedback: AppealFeedback): Promise<AppealStatus> {
  const body: z.input<typeof FeedbackBody> = feedback.kind === 'reopen' ? { reason: feedback.reason } : {}
  const url = `/api/appeals/track/${encodeURIComponent(token)}/${feedback.kind}`
  return (await sendJson(url, FeedbackResultSchema, { body })).status
}

/**
 * A fresh key for one attempt of the report form. `crypto.randomUUID` exists only in secure
 * contexts, so a plain-HTTP deployment gets a version 4 UUID built from `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
