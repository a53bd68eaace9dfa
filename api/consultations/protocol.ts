import { csvCell } from '../../layers/index.ts'
import type { Consultation, ProtocolCounts } from '../contract/index.ts'
import { protocolCounts } from './consultation.dto.ts'
import type { CommentRow } from './consultation.queries.ts'

const BOM = '\uFEFF'
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

const COLUMNS = ['receipt', 'status', 'created_at', 'lon', 'lat', 'geometry', 'feature_id', 'layer_revision', 'text', 'outcome', 'answer', 'answered_at', 'hidden_reason'] as const

/** The facts every protocol opens with, as `name, value` pairs. */
function heading(c: Consultation, counts: ProtocolCounts): Array<[string, unknown]> {
  return [
    ['consultation', c.title.uk],
    ['consultation_en', c.title.en],
    ['layer', c.layer],
    ['layer_revision', c.layer_revision],
    ['starts_at', c.starts_at],
    ['ends_at', c.ends_at],
    ['status', c.status],
    ...Object.entries(counts),
  ]
}

/**
 * The protocol as CSV (UTF-8 with BOM, comma-separated, formula-safe cells): the heading with the
 * counts, a blank line, then one row per comment. A hidden comment's row has its number, the
 * moderator's reason and no text or place.
 */
export function protocolCsv(consultation: Consultation, rows: readonly CommentRow[]): string {
  const line = (cells: readonly unknown[]) => cells.map(csvCell).join(',') + '\r\n'
  let out = BOM + heading(consultation, protocolCounts(rows)).map(line).join('') + '\r\n' + line(COLUMNS)
  for (const r of rows) {
    const hidden = r.hidden_at !== null
    out += line(
      hidden
        ? [r.receipt, 'hidden', iso(r.created_at), null, null, null, null, r.layer_revision, null, null, null, null, r.hidden_reason]
        : [
            r.receipt,
            'published',
            iso(r.created_at),
            r.lon,
            r.lat,
            r.geometry.type === 'Point' ? null : JSON.stringify(r.geometry),
            r.feature_id,
            r.layer_revision,
            r.text,
            r.answer_outcome ?? 'unanswered',
            r.answer_text,
            iso(r.answered_at),
            null,
          ],
    )
  }
  return out
}

/** The protocol as GeoJSON: one feature per published comment; the counts and hidden comments in `metadata`. */
export function protocolGeoJson(consultation: Consultation, rows: readonly CommentRow[]) {
  return {
    type: 'FeatureCollection' as const,
    metadata: {
      consultation,
      counts: protocolCounts(rows),
      hidden: rows.filter((r) => r.hidden_at !== null).map((r) => ({ receipt: r.receipt, reason: r.hidden_reason ?? '', hidden_at: iso(r.hidden_at)! })),
    },
    features: rows
      .filter((r) => r.hidden_at === null)
      .map((r) => ({
        type: 'Feature' as const,
        id: r.id,
        geometry: r.geometry,
        properties: {
          receipt: r.receipt,
          text: r.text,
          feature_id: r.feature_id,
          layer_revision: r.layer_revision,
          created_at: iso(r.created_at)!,
          outcome: r.answer_outcome,
          answer: r.answer_text,
          answered_at: iso(r.answered_at),
        },
      })),
  }
}
