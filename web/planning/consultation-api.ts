import { z } from 'zod'
import { CommentReceipt, Consultation, ConsultationComment, type AnswerOutcome, type CommentGeometry } from '../../api/contract/index.ts'
import { sendJson } from '../api-client/index.ts'

/*
 * Consultations as the Planning pages read and write them: the contract's schemas, and the writes.
 */

export type { AnswerOutcome, CommentGeometry, Consultation, ConsultationComment }
/** `GET /api/consultations/{id}` and `POST /api/consultations`. */
export const ConsultationSchema = Consultation
/** `GET /api/consultations?city=`. */
export const ConsultationListSchema = z.array(Consultation)
/** `GET /api/consultations/{id}/comments`. */
export const CommentListSchema = z.array(ConsultationComment)

/** The page of a consultation, where residents read and write comments. */
export const consultationHref = (id: number, language: string) => `/planning/consultations/${id}${language === 'uk' ? '' : `?lang=${language}`}`

/**
 * A consultation's first and last day as Kyiv dates in the page's language. The window ends at
 * the midnight after its last day, so the last day is the one just before `ends_at`.
 */
export function windowDays(c: Pick<Consultation, 'starts_at' | 'ends_at'>, locale: string): { from: string; to: string } {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Kyiv' })
  return { from: day.format(new Date(c.starts_at)), to: day.format(new Date(Date.parse(c.ends_at) - 1)) }
}

/** What a new consultation needs. */
export interface ConsultationInput {
  layer: string
  starts_at: string
  ends_at: string
  title: { uk: string; en: string }
  description: { uk: string; en: string }
}

/** `POST /api/consultations`: opens a consultation on a layer under discussion. */
export function openConsultation(body: ConsultationInput): Promise<Consultation> {
  return sendJson('/api/consultations', Consultation, { body })
}

/** `POST /api/consultations/{id}/comments`: a comment pinned to a place or to a feature of the plan. */
export function postComment(id: number, body: { text: string; geometry?: CommentGeometry; feature_id?: number }): Promise<z.infer<typeof CommentReceipt>> {
  return sendJson(`/api/consultations/${id}/comments`, CommentReceipt, { body })
}

/** `POST …/photo`: the author adds a photo to their comment, sent as multipart `photo`. */
export function addCommentPhoto(id: number, commentId: number, photo: File): Promise<ConsultationComment> {
  const form = new FormData()
  form.append('photo', photo)
  return sendJson(`/api/consultations/${id}/comments/${commentId}/photo`, ConsultationComment, { body: form })
}

/** `POST …/answer`: the council's answer to a comment. */
export function answerComment(id: number, commentId: number, body: { outcome: AnswerOutcome; text: string }): Promise<ConsultationComment> {
  return sendJson(`/api/consultations/${id}/comments/${commentId}/answer`, ConsultationComment, { body })
}

/** `POST …/hide`: moderation takes a comment off the public list, for a stated reason. */
export function hideComment(id: number, commentId: number, reason: string): Promise<undefined> {
  return sendJson(`/api/consultations/${id}/comments/${commentId}/hide`, z.undefined(), { body: { reason } })
}
