import type { LocalizedJson } from '../../db/index.ts'
import type { Mail } from '../mail/index.ts'
import type { AppealStatus } from './appeal-lifecycle.ts'

type Locale = 'uk' | 'en'

export const STATUS_LABELS: Record<AppealStatus, LocalizedJson> = {
  new: { uk: 'Нове', en: 'New' },
  registered: { uk: 'Зареєстроване', en: 'Registered' },
  assigned: { uk: 'Передане виконавцю', en: 'Assigned' },
  in_progress: { uk: 'У роботі', en: 'In progress' },
  extended: { uk: 'Термін продовжено', en: 'Term extended' },
  resolved: { uk: 'Вирішене', en: 'Resolved' },
  rejected: { uk: 'Відхилене', en: 'Rejected' },
  duplicate: { uk: 'Дублікат', en: 'Duplicate' },
}

function kyivDate(date: Date, locale: Locale): string {
  return date.toLocaleDateString(locale === 'uk' ? 'uk-UA' : 'en-GB', { timeZone: 'Europe/Kyiv', day: 'numeric', month: 'long', year: 'numeric' })
}

const SIGNATURE = { uk: '— Громада на мапі', en: '— Hromada Map' }

export interface ReceiptFacts {
  to: string
  locale: Locale
  number: string
  category: LocalizedJson
  dueAt: Date
  publicUrl: string
  trackingUrl: string
}

/** The receipt: the number, the legal term, and the private tracking link. */
export function receiptMail(f: ReceiptFacts): Mail {
  const l = f.locale
  const body =
    l === 'uk'
      ? `Ваше звернення зареєстровано під номером ${f.number} (${f.category.uk}).\n\n` +
        `Відповідь має надійти до ${kyivDate(f.dueAt, l)} (Закон України «Про звернення громадян», ст. 20).\n\n` +
        `Сторінка звернення: ${f.publicUrl}\n` +
        `Ваше особисте посилання для відстеження (не пересилайте його): ${f.trackingUrl}\n\n${SIGNATURE.uk}\n`
      : `Your appeal is registered as ${f.number} (${f.category.en}).\n\n` +
        `The answer is due by ${kyivDate(f.dueAt, l)} (Law of Ukraine "On citizens' appeals", art. 20).\n\n` +
        `Appeal page: ${f.publicUrl}\n` +
        `Your private tracking link (do not forward it): ${f.trackingUrl}\n\n${SIGNATURE.en}\n`
  return { kind: 'appeal-receipt', to: f.to, subject: l === 'uk' ? `Звернення ${f.number} прийнято` : `Appeal ${f.number} received`, body }
}

export interface StatusFacts {
  to: string
  locale: Locale
  number: string
  status: AppealStatus
  response?: string | null
  reason?: string | null
  dueAt?: Date | null
  publicUrl: string
}

/** The author hears of every status change, with the city's response. */
export function statusMail(f: StatusFacts): Mail {
  const l = f.locale
  const label = STATUS_LABELS[f.status][l]
  const lines = [
    l === 'uk' ? `Звернення ${f.number}: новий статус «${label}».` : `Appeal ${f.number}: the status is now "${label}".`,
  ]
  if (f.response) lines.push('', l === 'uk' ? `Відповідь: ${f.response}` : `Response: ${f.response}`)
  if (f.reason) lines.push('', l === 'uk' ? `Причина: ${f.reason}` : `Reason: ${f.reason}`)
  if (f.status === 'extended' && f.dueAt) {
    lines.push('', l === 'uk' ? `Новий термін розгляду: до ${kyivDate(f.dueAt, l)}.` : `The new due date is ${kyivDate(f.dueAt, l)}.`)
  }
  if (f.status === 'resolved') {
    lines.push('', l === 'uk'
      ? 'Протягом 30 днів ви можете підтвердити вирішення або повернути звернення в роботу за особистим посиланням з першого листа.'
      : 'Within 30 days you can confirm the resolution or reopen the appeal with the private link from the first e-mail.')
  }
  lines.push('', f.publicUrl, '', SIGNATURE[l], '')
  return {
    kind: `appeal-${f.status}`,
    to: f.to,
    subject: l === 'uk' ? `Звернення ${f.number}: ${label}` : `Appeal ${f.number}: ${label}`,
    body: lines.join('\n'),
  }
}

/** The link that confirms an alert subscription. */
export function subscriptionConfirmMail(to: string, locale: Locale, area: string, confirmUrl: string, unsubscribeUrl: string): Mail {
  const body =
    locale === 'uk'
      ? `Щоб отримувати листи про нові звернення та громадські обговорення планів (${area}), підтвердіть підписку:\n${confirmUrl}\n\nЯкщо ви не підписувалися, просто проігноруйте цей лист.\n\n${SIGNATURE.uk}\n`
      : `To get e-mails about new appeals and public consultations on plans (${area}), confirm the subscription:\n${confirmUrl}\n\nIf you did not subscribe, ignore this e-mail.\n\n${SIGNATURE.en}\n`
  return {
    kind: 'subscription-confirm',
    to,
    subject: locale === 'uk' ? 'Підтвердіть підписку на звернення' : 'Confirm your appeal alerts',
    body,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

export interface AlertFacts {
  to: string
  locale: Locale
  number: string
  category: LocalizedJson
  address: string | null
  description: string
  publicUrl: string
  unsubscribeUrl: string
}

/** A subscriber hears of a new public appeal in their area; one click unsubscribes. */
export function alertMail(f: AlertFacts): Mail {
  const l = f.locale
  const excerpt = f.description.length > 300 ? `${f.description.slice(0, 300)}…` : f.description
  const where = f.address ? ` — ${f.address}` : ''
  const body =
    (l === 'uk' ? `Нове звернення ${f.number}: ${f.category.uk}${where}\n\n` : `New appeal ${f.number}: ${f.category.en}${where}\n\n`) +
    `${excerpt}\n\n${f.publicUrl}\n\n` +
    (l === 'uk' ? `Відписатися: ${f.unsubscribeUrl}\n` : `Unsubscribe: ${f.unsubscribeUrl}\n`) +
    `\n${SIGNATURE[l]}\n`
  return {
    kind: 'appeal-alert',
    to: f.to,
    subject: l === 'uk' ? `Нове звернення поруч: ${f.category.uk}` : `New appeal nearby: ${f.category.en}`,
    body,
    headers: { 'List-Unsubscribe': `<${f.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

/**
 * The deputy of the electoral district hears of an appeal addressed to them. A public appeal's
 * text comes with it; a private one's does not. The resident's contact never does: the city
 * answers, and the deputy follows the appeal's page.
 */
export function deputyMail(f: { to: string; number: string; category: LocalizedJson; address: string | null; description: string | null; publicUrl: string | null }): Mail {
  const lines = [`Мешканець адресував вам звернення ${f.number} (${f.category.uk})${f.address ? ` — ${f.address}` : ''}.`]
  if (f.description) lines.push('', f.description.length > 1000 ? `${f.description.slice(0, 1000)}…` : f.description)
  lines.push('', f.publicUrl ? `Хід розгляду: ${f.publicUrl}` : 'Звернення непублічне: його розглядає міська рада, ви отримуватимете лише номер.', '', SIGNATURE.uk, '')
  return { kind: 'appeal-deputy', to: f.to, subject: `Звернення ${f.number} адресовано вам`, body: lines.join('\n') }
}
