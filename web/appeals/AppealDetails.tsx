import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { OPEN_STATUSES, type PublicAppeal } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { AppealAnswers } from './AppealAnswers.tsx'
import { AppealHeading } from './AppealHeading.tsx'
import { AppealMiniMap } from './AppealMiniMap.tsx'
import { AppealPhotos } from './AppealPhotos.tsx'
import { AppealTimeline } from './AppealTimeline.tsx'
import { formatDay } from './format-dates.ts'
import { MeTooForm } from './MeTooForm.tsx'
import { AppealFact } from './AppealFact.tsx'
import { AppealObjectFact } from './AppealObjectFact.tsx'

/** Props of {@link AppealDetails}. */
export interface AppealDetailsProps {
  appeal: PublicAppeal
  language: Language
  /** What the page adds after the facts: the author's privacy choices and feedback on the tracking page. */
  children?: ReactNode
}

/**
 * Everything public about an appeal: status (with the overdue and synthetic flags), category,
 * the description, photos, place, the object it is about, executor, supporters with "me too" while it is open, a map
 * and the timeline. Whatever residents or staff wrote is rendered as text, never as markup.
 */
export function AppealDetails({ appeal, language, children }: AppealDetailsProps) {
  const { t } = useTranslation()
  const [supporters, setSupporters] = useState(appeal.supporters)
  const open = OPEN_STATUSES.has(appeal.status)
  const place = [appeal.address, appeal.district?.name].filter(Boolean).join(', ')

  return (
    <article className="appeal" aria-labelledby="appeal-heading">
      <AppealHeading category={pickText(appeal.category.name, language)} number={appeal.number} status={appeal.status}>
        {appeal.overdue && <span className="badge badge--overdue">{t('appeal.overdue')}</span>}
        {appeal.synthetic && (
          <span className="badge badge--synthetic" title={t('catalogue.syntheticHint')}>
            {t('appeal.synthetic')}
          </span>
        )}
      </AppealHeading>
      <p className="appeal__description" data-testid="appeal-description">
        {appeal.description}
      </p>
      <dl className="appeal__facts">
        <AppealAnswers
          cityId={appeal.city}
          categoryId={appeal.category.id}
          answers={appeal.answers}
          language={language}
          yes={t('feature.yes')}
          no={t('feature.no')}
        />
        <AppealFact label={t('appeal.place')} value={place || t('appeal.noAddress')} />
        <AppealObjectFact object={appeal.object} language={language} />
        <AppealFact label={t('appeal.executor')} value={appeal.organisation ? pickText(appeal.organisation.name, language) : t('appeal.noExecutor')} />
        <AppealFact label={t('appeal.filed')} value={formatDay(appeal.created_at, language)} />
        <AppealFact label={t('appeal.due')} value={formatDay(appeal.due_at, language)} />
        {appeal.resolved_at && <AppealFact label={t('appeal.resolved')} value={formatDay(appeal.resolved_at, language)} />}
        {appeal.rejection_reason && <AppealFact label={t('appeal.rejectionReason')} value={appeal.rejection_reason} />}
        {appeal.duplicate_of && <AppealFact label={t('appeal.duplicateOf')} value={appeal.duplicate_of} />}
        {appeal.deputy && <AppealFact label={t('appeal.deputy')} value={`${appeal.deputy.name}, ${appeal.deputy.district.name}`} />}
        {appeal.author && <AppealFact label={t('appeal.author')} value={appeal.author} />}
        <AppealFact label={t('appeal.supporters')} value={String(supporters)} />
      </dl>
      {open && <MeTooForm number={appeal.number} onSupported={(result) => setSupporters(result.supporters)} />}
      {children}
      <AppealPhotos photos={appeal.photos} />
      <AppealMiniMap cityId={appeal.city} lon={appeal.location.lon} lat={appeal.location.lat} />
      <p>
        <a href={`/?city=${appeal.city}&map=17/${appeal.location.lat}/${appeal.location.lon}&layers=${appeal.city}-appeals${language === 'uk' ? '' : `&lang=${language}`}`}>
          {t('appeal.onMap')}
        </a>
      </p>
      <AppealTimeline timeline={appeal.timeline} language={language} />
    </article>
  )
}
