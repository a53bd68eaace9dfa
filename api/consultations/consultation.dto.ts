import type { Consultation, ConsultationComment, ProtocolCounts } from '../contract/index.ts'
import type { CommentRow, ConsultationRow } from './consultation.queries.ts'

const isoOf = (d: Date | string) => new Date(d).toISOString()

/** A consultation as everyone sees it, with the links of its protocol. */
export function toConsultation(row: ConsultationRow, baseUrl: string): Consultation {
  const protocol = `${baseUrl}/api/consultations/${row.id}/protocol`
  return {
    id: row.id,
    layer: row.layer_id,
    city: row.city_id,
    title: row.title,
    description: row.description,
    starts_at: isoOf(row.starts_at),
    ends_at: isoOf(row.ends_at),
    status: row.status,
    layer_revision: row.layer_revision,
    extent_bbox: row.bbox,
    comments: row.comments,
    answered: row.answered,
    protocol: { csv: `${protocol}.csv`, geojson: `${protocol}.geojson`, pdf: `${protocol}.pdf` },
    created_at: isoOf(row.created_at),
  }
}

/**
 * A comment as the public sees it: the resident's text and place, and the council's answer in
 * a field of its own. The one place where the author is left out.
 */
export function toPublicComment(row: CommentRow, baseUrl: string): ConsultationComment {
  const photo = `${baseUrl}/api/consultations/${row.consultation_id}/comments/${row.id}/photo`
  return {
    id: row.id,
    receipt: row.receipt,
    text: row.text,
    geometry: row.geometry,
    feature_id: row.feature_id,
    layer_revision: row.layer_revision,
    created_at: isoOf(row.created_at),
    answer: row.answer_outcome && row.answered_at ? { outcome: row.answer_outcome, text: row.answer_text ?? '', answered_at: isoOf(row.answered_at) } : null,
    photo: row.photo_key ? { url: photo, thumb: `${photo}?size=thumb` } : null,
  }
}

/** The protocol's counts: published comments by outcome, and the hidden ones apart. */
export function protocolCounts(rows: readonly CommentRow[]): ProtocolCounts {
  const published = rows.filter((r) => r.hidden_at === null)
  const by = (outcome: CommentRow['answer_outcome']) => published.filter((r) => r.answer_outcome === outcome).length
  return {
    comments: published.length,
    accepted: by('accepted'),
    partly: by('partly'),
    rejected: by('rejected'),
    unanswered: by(null),
    hidden: rows.length - published.length,
  }
}
