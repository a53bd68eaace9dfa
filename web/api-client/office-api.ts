import { z } from 'zod'
import {
  OfficeAppealMovedOut,
  type EmptyBody,
  type ExtendBody,
  type MergeBody,
  type NoteBody,
  type ReassignBody,
  type RecategoriseBody,
  type RedactBody,
  type Region,
  type RejectBody,
  type RouteBody,
  type StatusBody,
} from '../../api/contract/index.ts'
import { sendJson } from './fetch-json.ts'
import { OfficeAppealSchema, type OfficeAction, type OfficeAppeal } from './office-schemas.ts'

/** A box to black out on a photo, in fractions (0..1) of the image's width and height. */
export type RedactionRegion = z.input<typeof Region>

/** The body each appeal action of `POST /api/office/appeals/{number}/{action}` takes, as the contract has it. */
export interface OfficeActionBodies {
  register: z.input<typeof EmptyBody>
  route: z.input<typeof RouteBody>
  recategorise: z.input<typeof RecategoriseBody>
  merge: z.input<typeof MergeBody>
  reject: z.input<typeof RejectBody>
  redact: z.input<typeof RedactBody>
  take: z.input<typeof EmptyBody>
  status: z.input<typeof StatusBody>
  extend: z.input<typeof ExtendBody>
  notes: z.input<typeof NoteBody>
  /** Multipart: 1–5 images in the field `photos`. */
  'work-photos': FormData
  reassign: z.input<typeof ReassignBody>
}

/**
 * Does one back-office action to an appeal and resolves to the appeal as it is afterwards.
 * Throws `ApiProblemError` with the server's problem (and its field errors) on refusal.
 * @example actOnAppeal('KYIV-2026-000123', 'route', { organisation: 'kyiv-roads' })
 */
export function actOnAppeal<A extends OfficeAction>(number: string, action: A, body: OfficeActionBodies[A]): Promise<OfficeAppeal> {
  return sendJson(`/api/office/appeals/${encodeURIComponent(number)}/${action}`, OfficeAppealSchema, { body })
}

/** What a reassignment answers: the appeal as it is afterwards, or, moved to another organisation, only where it went. */
export type Reassigned = OfficeAppeal | z.infer<typeof OfficeAppealMovedOut>

/**
 * Gives an appeal to another organisation or executor. Moved out of the head's organisation, the
 * appeal leaves the head's view, and the answer says only where it went (`moved_out`).
 */
export function reassignAppeal(number: string, body: OfficeActionBodies['reassign']): Promise<Reassigned> {
  return sendJson(`/api/office/appeals/${encodeURIComponent(number)}/reassign`, z.union([OfficeAppealSchema, OfficeAppealMovedOut]), { body })
}
