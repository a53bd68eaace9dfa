import type { LocalizedJson } from '../../db/index.ts'
import type { Mail } from '../mail/index.ts'

const SIGNATURE = '— Громада на мапі / Hromada Map'

/** What the author of a comment is told. */
export interface CommentMailFacts {
  to: string
  receipt: string
  consultation: LocalizedJson
  pageUrl: string
}

/** The receipt of a comment, in both languages: its number and where the answer will appear. */
export function commentReceiptMail(f: CommentMailFacts): Mail {
  const body =
    `Ваш коментар до обговорення «${f.consultation.uk}» отримано під номером ${f.receipt}.\n` +
    `Відповідь міської ради буде опублікована на сторінці обговорення та в його протоколі: ${f.pageUrl}\n\n` +
    `Your comment on the consultation "${f.consultation.en || f.consultation.uk}" is received as ${f.receipt}.\n` +
    `The council's answer will be published on the consultation's page and in its protocol: ${f.pageUrl}\n\n${SIGNATURE}\n`
  return { kind: 'consultation-receipt', to: f.to, subject: `Коментар ${f.receipt} отримано / Comment ${f.receipt} received`, body }
}

/** The moderator's decision to hide a comment, with the reason, in both languages. */
export function commentHiddenMail(f: CommentMailFacts & { reason: string }): Mail {
  const body =
    `Ваш коментар ${f.receipt} до обговорення «${f.consultation.uk}» приховано модератором.\n` +
    `Причина: ${f.reason}\n` +
    `У протоколі обговорення він значиться як прихований, без тексту.\n\n` +
    `Your comment ${f.receipt} on the consultation "${f.consultation.en || f.consultation.uk}" was hidden by a moderator.\n` +
    `Reason: ${f.reason}\n` +
    `The consultation's protocol lists it as hidden, without its text.\n\n` +
    `${f.pageUrl}\n\n${SIGNATURE}\n`
  return { kind: 'consultation-comment-hidden', to: f.to, subject: `Коментар ${f.receipt} приховано / Comment ${f.receipt} hidden`, body }
}

/** The notice to a resident who follows an area that a consultation on a plan there is open. */
export function consultationOpenMail(f: { to: string; locale: 'uk' | 'en'; title: LocalizedJson; endsAt: Date; pageUrl: string; unsubscribeUrl: string }): Mail {
  const until = new Intl.DateTimeFormat(f.locale === 'uk' ? 'uk-UA' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Kyiv' }).format(new Date(f.endsAt.getTime() - 1))
  const title = f.locale === 'uk' ? f.title.uk : f.title.en || f.title.uk
  const body =
    f.locale === 'uk'
      ? `Відкрито громадське обговорення «${title}» — плану, що стосується району, за яким ви стежите.\n` +
        `Коментарі на мапі приймаються до ${until} включно: ${f.pageUrl}\n\n` +
        `Відписатися від листів про цей район: ${f.unsubscribeUrl}\n\n${SIGNATURE}\n`
      : `A public consultation "${title}" is open, on a plan for the area you follow.\n` +
        `Comments on the map are taken until ${until} inclusive: ${f.pageUrl}\n\n` +
        `Stop e-mails about this area: ${f.unsubscribeUrl}\n\n${SIGNATURE}\n`
  return {
    kind: 'consultation-open',
    to: f.to,
    subject: f.locale === 'uk' ? `Громадське обговорення: ${title}` : `Public consultation: ${title}`,
    body,
    headers: { 'List-Unsubscribe': `<${f.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}
