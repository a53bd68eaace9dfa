import type { LocalizedJson } from '../../db/index.ts'
import type { Mail } from '../mail/index.ts'

const SIGNATURE = '— Громада на мапі / Hromada Map'

/** What the publisher who asked is told of the decision, in both languages. */
export function layerReviewMail(f: { to: string; title: LocalizedJson; decision: 'approve' | 'reject'; status: string; reason: string; pageUrl: string }): Mail {
  const approved = f.decision === 'approve'
  const reason = f.reason ? `\nПричина / Reason: ${f.reason}\n` : ''
  const body =
    (approved
      ? `Публікацію шару «${f.title.uk}» схвалено: він тепер публічний (статус ${f.status}).\n`
      : `Публікацію шару «${f.title.uk}» відхилено: він лишається непублічним.\n`) +
    (approved
      ? `The publication of the layer "${f.title.en || f.title.uk}" is approved: it is public now (status ${f.status}).\n`
      : `The publication of the layer "${f.title.en || f.title.uk}" is rejected: it stays unpublished.\n`) +
    `${reason}\n${f.pageUrl}\n\n${SIGNATURE}\n`
  return {
    kind: approved ? 'layer-review-approved' : 'layer-review-rejected',
    to: f.to,
    subject: approved ? `Шар «${f.title.uk}» опубліковано / Layer published` : `Публікацію шару «${f.title.uk}» відхилено / Publication rejected`,
    body,
  }
}
