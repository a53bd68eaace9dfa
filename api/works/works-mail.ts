/** The mails of works: confirming a subscription, and telling subscribers of new works at their place. */
import type { Mail } from '../mail/index.ts'

const SIGNATURE = { uk: '— Громада на мапі', en: '— Hromada Map' }

const SWITCHED_OFF_NAMES: Record<string, { uk: string; en: string }> = {
  water: { uk: 'холодна вода', en: 'cold water' },
  hot_water: { uk: 'гаряча вода', en: 'hot water' },
  heating: { uk: 'опалення', en: 'heating' },
  power: { uk: 'електроенергія', en: 'power' },
  gas: { uk: 'газ', en: 'gas' },
  road: { uk: 'проїзд', en: 'the road' },
}

/** The names of what works switch off, in a language. */
export function switchedOffText(items: readonly string[], locale: 'uk' | 'en'): string {
  return items.map((i) => SWITCHED_OFF_NAMES[i]?.[locale] ?? i).join(', ')
}

/** Asks to confirm a subscription to works at a place (double opt-in). */
export function worksConfirmMail(to: string, locale: 'uk' | 'en', place: string, confirmUrl: string, unsubscribeUrl: string): Mail {
  const body =
    locale === 'uk'
      ? `Щоб отримувати листи про планові та аварійні роботи (${place}): вимкнення води, тепла, світла, газу й перекриття доріг, — підтвердіть підписку:\n${confirmUrl}\n\nЯкщо ви не підписувалися, просто проігноруйте цей лист.\n\n${SIGNATURE.uk}\n`
      : `To get e-mails about planned and emergency works (${place}): water, heating, power or gas switched off and roads closed, confirm the subscription:\n${confirmUrl}\n\nIf you did not subscribe, ignore this e-mail.\n\n${SIGNATURE.en}\n`
  return {
    kind: 'subscription-confirm',
    to,
    subject: locale === 'uk' ? 'Підтвердіть підписку на роботи' : 'Confirm your works alerts',
    body,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

/** What a subscriber is told about new works. */
export interface WorkAlertFacts {
  to: string
  locale: 'uk' | 'en'
  title: string
  kind: 'repair' | 'planned' | 'emergency'
  window: string | null
  switchedOff: readonly string[]
  url: string
  unsubscribeUrl: string
}

/** Tells a subscriber of new works that reach their place. */
export function workAlertMail(f: WorkAlertFacts): Mail {
  const l = f.locale
  const what = f.kind === 'emergency' ? (l === 'uk' ? 'Аварійні роботи' : 'Emergency works') : f.kind === 'planned' ? (l === 'uk' ? 'Планові роботи' : 'Planned works') : l === 'uk' ? 'Ремонт' : 'Repair'
  const lines = [`${what}: ${f.title}`]
  if (f.window) lines.push(l === 'uk' ? `Коли: ${f.window}` : `When: ${f.window}`)
  if (f.switchedOff.length) lines.push(l === 'uk' ? `Вимкнено: ${switchedOffText(f.switchedOff, 'uk')}` : `Switched off: ${switchedOffText(f.switchedOff, 'en')}`)
  lines.push('', f.url, '', l === 'uk' ? `Відписатися: ${f.unsubscribeUrl}` : `Unsubscribe: ${f.unsubscribeUrl}`, '', SIGNATURE[l], '')
  return {
    kind: 'work-alert',
    to: f.to,
    subject: `${what}: ${f.title}`,
    body: lines.join('\n'),
    headers: { 'List-Unsubscribe': `<${f.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}
