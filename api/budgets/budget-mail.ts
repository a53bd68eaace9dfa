import type { Mail } from '../mail/index.ts'

const SIGNATURE = '— Громада на мапі / Hromada Map'
const money = (n: number) => new Intl.NumberFormat('uk-UA').format(n)

/** The review of a proposal, told to its author with the reason, in both languages. */
export function reviewMail(f: { to: string; title: string; feasible: boolean; reason: string; cost: number; originalCost: number; costNote: string; pageUrl: string }): Mail {
  const verdictUk = f.feasible ? 'допущено до голосування' : 'не допущено до голосування'
  const verdictEn = f.feasible ? 'is on the ballot' : 'is not on the ballot'
  const costUk = f.cost !== f.originalCost ? `Вартість після розгляду: ${money(f.cost)} грн (було ${money(f.originalCost)} грн). ${f.costNote}\n` : ''
  const costEn = f.cost !== f.originalCost ? `Cost after review: UAH ${money(f.cost)} (was UAH ${money(f.originalCost)}). ${f.costNote}\n` : ''
  const body =
    `Вашу пропозицію «${f.title}» ${verdictUk}.\n` +
    (f.reason ? `Висновок: ${f.reason}\n` : '') +
    costUk +
    `\nYour proposal "${f.title}" ${verdictEn}.\n` +
    (f.reason ? `Review: ${f.reason}\n` : '') +
    costEn +
    `\n${f.pageUrl}\n\n${SIGNATURE}\n`
  return { kind: 'budget-review', to: f.to, subject: `Розгляд пропозиції / Your proposal was reviewed: ${f.title}`, body }
}

/** A change in a project's construction, told to those who follow it. */
export function implementationMail(f: { to: string; title: string; change: string; pageUrl: string }): Mail {
  const body =
    `Новини реалізації проєкту «${f.title}»:\n${f.change}\n\n` +
    `News of the project "${f.title}":\n${f.change}\n\n` +
    `${f.pageUrl}\n\nВи отримали цей лист, бо стежите за проєктом; відписатися можна на його сторінці.\n` +
    `You get this because you follow the project; stop following it on its page.\n\n${SIGNATURE}\n`
  return { kind: 'budget-implementation', to: f.to, subject: `Реалізація проєкту / Project update: ${f.title}`, body }
}
