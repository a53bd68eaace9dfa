import { useTranslation } from 'react-i18next'
import { type OfficeAppealSummary, OPEN_STATUSES } from '../../api-client/index.ts'
import { formatDay, StatusBadge } from '../../appeals/index.ts'
import { pickText } from '../../i18n/index.ts'
import type { Language } from '../../url-state/index.ts'
import { DueDate, officeHref } from '../shared/index.ts'

/**
 * One page of a queue as a table; on a phone each row becomes a card with its own labels.
 * Overdue rows are marked in words and with a stripe. Residents' text is rendered as text.
 */
export function QueueTable({ appeals, language, caption }: { appeals: readonly OfficeAppealSummary[]; language: Language; caption: string }) {
  const { t } = useTranslation()
  const column = (key: string) => t(`office.queue.column.${key}`)
  return (
    <table className="office-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {['number', 'status', 'appeal', 'place', 'executor', 'filed', 'due'].map((key) => (
            <th key={key} scope="col">
              {column(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {appeals.map((appeal) => (
          <tr key={appeal.number} data-overdue={appeal.overdue && OPEN_STATUSES.has(appeal.status)}>
            <th scope="row" data-label={column('number')}>
              <a href={officeHref(`/office/appeals/${appeal.number}`, language)}>{appeal.number}</a>
            </th>
            <td data-label={column('status')}>
              <StatusBadge status={appeal.status} />
              {appeal.escalated_at && <span className="badge badge--overdue">{t('office.queue.escalated')}</span>}
              {appeal.extended && <span className="badge">{t('office.queue.extended')}</span>}
            </td>
            <td data-label={column('appeal')}>
              <strong>{pickText(appeal.category.name, language)}</strong>
              <span className="office-table__excerpt">{appeal.description}</span>
              <span className="field-hint">{t('office.queue.meta', { supporters: appeal.supporter_count, photos: appeal.photo_count })}</span>
            </td>
            <td data-label={column('place')}>{[appeal.address, appeal.district?.name].filter(Boolean).join(', ') || t('appeal.noAddress')}</td>
            <td data-label={column('executor')}>
              {appeal.organisation ? pickText(appeal.organisation.name, language) : t('office.queue.unrouted')}
              {appeal.executor && <span className="field-hint">{appeal.executor.name}</span>}
            </td>
            <td data-label={column('filed')}>{formatDay(appeal.created_at, language)}</td>
            <td data-label={column('due')}>
              <DueDate dueAt={appeal.due_at} overdue={appeal.overdue} open={OPEN_STATUSES.has(appeal.status)} language={language} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
