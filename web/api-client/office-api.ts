import { sendJson } from './fetch-json.ts'
import { OfficeAppealSchema, type OfficeAction, type OfficeAppeal } from './office-schemas.ts'
import { type UserId } from './session-schemas.ts'

/** A box to black out on a photo, in fractions (0..1) of the image's width and height. */
export interface RedactionRegion {
  x: number
  y: number
  width: number
  height: number
}

/** The body each appeal action of `POST /api/office/appeals/{number}/{action}` takes. */
export interface OfficeActionBodies {
  register: Record<string, never>
  route: { organisation: string }
  recategorise: { category: string }
  merge: { duplicate_of: string }
  reject: { reason: string; response?: string }
  redact: { description?: string; photos?: { id: number; regions: RedactionRegion[] }[]; reason: string }
  take: Record<string, never>
  status: { status: 'in_progress' | 'resolved'; response?: string }
  extend: { due_at: string; reason: string }
  notes: { body: string }
  /** Multipart: 1–5 images in the field `photos`. */
  'work-photos': FormData
  reassign: { organisation?: string; executor?: UserId | null }
}

/**
 * Does one back-office action to an appeal and resolves to the appeal as it is afterwards.
 * Throws `ApiProblemError` with the server's problem (and its field errors) on refusal.
 * @example actOnAppeal('KYIV-2026-000123', 'route', { organisation: 'kyiv-roads' })
 */
export function actOnAppeal<A extends OfficeAction>(number: string, action: A, body: OfficeActionBodies[A]): Promise<OfficeAppeal> {
  return sendJson(`/api/office/appeals/${encodeURIComponent(number)}/${action}`, OfficeAppealSchema, { body })
}
