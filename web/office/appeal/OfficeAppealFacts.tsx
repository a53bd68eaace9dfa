import { useTranslation } from 'react-i18next'
import { type OfficeAppeal, OPEN_STATUSES } from '../../api-client/index.ts'
import { AppealAnswers, AppealFact, AppealHeading, AppealObjectFact, formatDay } from '../../appeals/index.ts'
import { pickText } from '../../i18n/index.ts'
import type { Language } from '../../url-state/index.ts'
import { DueDate } from '../shared/index.ts'

/**
 * The appeal as staff see it: status and flags, the full description, the answers, place, the
 * object it is about, organisation and executor, dates, and the author's contact (never public). All as text.
 */
export function OfficeAppealFacts({ appeal, language }: { appeal: OfficeAppeal; language: Language }) {
  const { t } = useTranslation()
  const { contact } = appeal
  const open = OPEN_STATUSES.has(appeal.status)
  return (
    <>
      <AppealHeading category={pickText(appeal.category.name, language)} number={appeal.number} status={appeal.status}>
        {appeal.overdue && open && <span className="badge badge--overdue">{t('appeal.overdue')}</span>}
        {appeal.escalated_at && <span className="badge badge--overdue">{t('office.queue.escalated')}</span>}
        {appeal.extended && <span className="badge">{t('office.queue.extended')}</span>}
        {!appeal.is_public && <span className="badge">{t('office.appeal.private')}</span>}
      </AppealHeading>
      <p className="appeal__description">{appeal.description}</p>
      <dl className="appeal__facts">
        <AppealAnswers cityId={appeal.city} categoryId={appeal.category.id} answers={appeal.answers} language={language} yes={t('feature.yes')} no={t('feature.no')} />
        <AppealFact label={t('appeal.place')} value={[appeal.address, appeal.district?.name].filter(Boolean).join(', ') || t('appeal.noAddress')} />
        <AppealObjectFact object={appeal.object} language={language} />
        <AppealFact label={t('appeal.executor')} value={appeal.organisation ? pickText(appeal.organisation.name, language) : t('office.queue.unrouted')} />
        <AppealFact label={t('office.appeal.person')} value={appeal.executor?.name ?? t('office.appeal.nobody')} />
        <AppealFact label={t('appeal.filed')} value={formatDay(appeal.created_at, language)} />
        <div className="appeal__fact">
          <dt>{t('appeal.due')}</dt>
          <dd>
            <DueDate dueAt={appeal.due_at} overdue={appeal.overdue} open={open} language={language} />
          </dd>
        </div>
        <AppealFact label={t('appeal.supporters')} value={String(appeal.supporter_count)} />
        <AppealFact label={t('office.appeal.contactName')} value={contact.name ?? '—'} />
        <AppealFact label={t('office.appeal.contactEmail')} value={contact.email ?? '—'} />
        <AppealFact label={t('office.appeal.contactPhone')} value={contact.phone ?? '—'} />
      </dl>
    </>
  )
}
