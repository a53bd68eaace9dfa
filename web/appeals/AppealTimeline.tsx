import { useTranslation } from 'react-i18next'
import type { TimelineEntry } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { formatDay, formatMoment } from './format-dates.ts'
import { StatusBadge } from './StatusBadge.tsx'

/**
 * The appeal's public history, oldest first: each change with its date, the status it led to,
 * the executor, and the public response or reason, all as text.
 */
export function AppealTimeline({ timeline, language }: { timeline: readonly TimelineEntry[]; language: Language }) {
  const { t } = useTranslation()
  if (timeline.length === 0) return null
  return (
    <section className="appeal-section" aria-labelledby="appeal-timeline-heading">
      <h2 id="appeal-timeline-heading">{t('appeal.timeline')}</h2>
      <ol className="appeal-timeline">
        {timeline.map((entry, index) => (
          <li key={`${entry.at}-${index}`}>
            <p className="appeal-timeline__head">
              <time dateTime={entry.at}>{formatMoment(entry.at, language)}</time> <StatusBadge status={entry.status} />
            </p>
            <p>
              {t(`appeal.event.${entry.kind}`)}
              {entry.kind === 'extended' && entry.due_at && ` ${t('appeal.newDue', { date: formatDay(entry.due_at, language) })}`}
            </p>
            {entry.organisation && <p className="field-hint">{t('appeal.by', { organisation: pickText(entry.organisation.name, language) })}</p>}
            {entry.response && <p className="appeal-timeline__response">{entry.response}</p>}
            {entry.reason && <p className="appeal-timeline__response">{t('appeal.reason', { reason: entry.reason })}</p>}
          </li>
        ))}
      </ol>
    </section>
  )
}
