import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import PDFDocument from 'pdfkit'
import type { Consultation } from '../contract/index.ts'
import { protocolCounts } from './consultation.dto.ts'
import type { CommentRow } from './consultation.queries.ts'

// DejaVu has the Cyrillic glyphs the PDF standard fonts lack.
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf')
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf')

const OUTCOME_LABELS = {
  accepted: 'Враховано / Accepted',
  partly: 'Враховано частково / Partly accepted',
  rejected: 'Відхилено / Rejected',
} as const

const kyivTime = (d: Date | string) =>
  new Date(d).toLocaleString('uk-UA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })

/**
 * The protocol as a printable A4 document: the consultation, its layer and window, the counts
 * by outcome, the hidden comments with the moderator's reasons, then each published comment with
 * its number, place and text, and the council's answer set apart under a heading of its own.
 * The counts are also in the document's keywords, for machines.
 */
export async function protocolPdf(consultation: Consultation, rows: readonly CommentRow[]): Promise<Buffer> {
  const counts = protocolCounts(rows)
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `Протокол: ${consultation.title.uk}`,
      Subject: `Consultation ${consultation.id} on layer ${consultation.layer}`,
      Keywords: Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    },
  })
  doc.registerFont('regular', REGULAR)
  doc.registerFont('bold', BOLD)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve)
    doc.on('error', reject)
  })

  doc.font('bold').fontSize(16).text('Протокол громадського обговорення / Consultation protocol')
  doc.moveDown(0.5).fontSize(13).text(consultation.title.uk)
  if (consultation.title.en) doc.font('regular').fontSize(11).text(consultation.title.en)
  doc.moveDown(0.5).font('regular').fontSize(10)
  doc.text(`Шар / Layer: ${consultation.layer}, редакція / revision ${consultation.layer_revision}`)
  doc.text(`Строк / Window: ${kyivTime(consultation.starts_at)} — ${kyivTime(consultation.ends_at)} (Київ / Kyiv)`)
  doc.moveDown(0.5).font('bold').text(`Коментарів / Comments: ${counts.comments}`)
  doc.font('regular').text(
    `Враховано / accepted: ${counts.accepted};  частково / partly: ${counts.partly};  відхилено / rejected: ${counts.rejected};  без відповіді / unanswered: ${counts.unanswered};  приховано модератором / hidden by moderation: ${counts.hidden}`,
  )
  const hidden = rows.filter((r) => r.hidden_at !== null)
  if (hidden.length > 0) {
    doc.moveDown(0.5).font('bold').text('Приховані модератором / Hidden by moderation')
    doc.font('regular')
    for (const r of hidden) doc.text(`${r.receipt}: ${r.hidden_reason ?? ''}`)
  }

  for (const r of rows.filter((row) => row.hidden_at === null)) {
    doc.moveDown(1).font('bold').fontSize(11).text(r.receipt, { continued: true }).font('regular').fontSize(9).text(`   ${kyivTime(r.created_at)}`)
    doc.fontSize(9).text(`${r.lon.toFixed(6)}, ${r.lat.toFixed(6)}${r.feature_id === null ? '' : ` — об'єкт / feature ${r.feature_id}`} — редакція / revision ${r.layer_revision}`)
    doc.moveDown(0.3).fontSize(10).text(r.text)
    doc.moveDown(0.3)
    const x = doc.x
    const top = doc.y
    doc.x = x + 12
    doc.font('bold').text('Відповідь міської ради / Council\'s answer', { width: doc.page.width - 124 })
    if (r.answer_outcome) {
      doc.text(OUTCOME_LABELS[r.answer_outcome], { width: doc.page.width - 124 })
      if (r.answer_text) doc.font('regular').text(r.answer_text, { width: doc.page.width - 124 })
    } else {
      doc.font('regular').text('Відповіді ще немає / Not answered yet', { width: doc.page.width - 124 })
    }
    // A bar down the answer's left edge sets it apart from the resident's text (on its own page when it broke).
    if (doc.y > top) doc.save().rect(x, top, 3, doc.y - top).fill('#1e88e5').restore()
    doc.x = x
    doc.fillColor('black')
  }
  doc.end()
  await ended
  return Buffer.concat(chunks)
}
