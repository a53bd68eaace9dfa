import { useTranslation } from 'react-i18next'
import { formatDay } from '../../appeals/index.ts'
import type { Language } from '../../url-state/index.ts'
import { daysLeft } from './due-dates.ts'

/** An appeal's due date with the days left, or how long it is overdue, in words as well as colour. */
export function DueDate({ dueAt, overdue, open, language }: { dueAt: string; overdue: boolean; open: boolean; language: Language }) {
  const { t } = useTranslation()
  const days = daysLeft(dueAt)
  return (
    <span className="due-date">
      <time dateTime={dueAt}>{formatDay(dueAt, language)}</time>
      {open && overdue && <span className="badge badge--overdue">{t('office.due.overdue', { count: Math.max(-days, 0) })}</span>}
      {open && !overdue && <span className={days <= 3 ? 'due-date__left due-date__left--soon' : 'due-date__left'}>{t('office.due.left', { count: Math.max(days, 0) })}</span>}
    </span>
  )
}
