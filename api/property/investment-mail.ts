/** The mails of investors' saved searches: confirming one, and telling of a new offer that matches. */
import type { Mail } from '../mail/index.ts'

const SIGNATURE = { uk: '— Громада на мапі', en: '— Hromada Map' }

/** Asks to confirm a saved search (double opt-in). */
export function searchConfirmMail(f: { to: string; locale: 'uk' | 'en'; city: string; query: string; confirmUrl: string; unsubscribeUrl: string; mapUrl: string }): Mail {
  const body =
    f.locale === 'uk'
      ? `Щоб отримувати листи про нові інвестиційні пропозиції (${f.city}) за вашим пошуком, підтвердіть його:\n${f.confirmUrl}\n\nПошук на мапі: ${f.mapUrl}\n\nЯкщо ви нічого не зберігали, просто проігноруйте цей лист.\n\n${SIGNATURE.uk}\n`
      : `To get an e-mail when a new investment offer in ${f.city} matches your search, confirm it:\n${f.confirmUrl}\n\nThe search on the map: ${f.mapUrl}\n\nIf you saved nothing, ignore this e-mail.\n\n${SIGNATURE.en}\n`
  return {
    kind: 'investment-search-confirm',
    to: f.to,
    subject: f.locale === 'uk' ? 'Підтвердіть збережений пошук' : 'Confirm your saved search',
    body,
    headers: { 'List-Unsubscribe': `<${f.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

/** Tells an investor of a new offer that matches their saved search. */
export function offerAlertMail(f: { to: string; locale: 'uk' | 'en'; title: string; url: string; unsubscribeUrl: string }): Mail {
  const body =
    f.locale === 'uk'
      ? `Нова пропозиція за вашим пошуком: ${f.title}\n\n${f.url}\n\nСкасувати пошук: ${f.unsubscribeUrl}\n\n${SIGNATURE.uk}\n`
      : `A new offer matches your search: ${f.title}\n\n${f.url}\n\nStop this search: ${f.unsubscribeUrl}\n\n${SIGNATURE.en}\n`
  return {
    kind: 'investment-offer',
    to: f.to,
    subject: f.locale === 'uk' ? `Нова пропозиція: ${f.title}` : `New offer: ${f.title}`,
    body,
    headers: { 'List-Unsubscribe': `<${f.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}
