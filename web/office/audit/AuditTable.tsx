import { useTranslation } from 'react-i18next'
import type { AppealAuditEntry } from '../../api-client/index.ts'
import { formatMoment } from '../../appeals/index.ts'
import type { Language } from '../../url-state/index.ts'
import { AuditChangeList } from './AuditChangeList.tsx'

/** An audit entry, with the object it concerns when the list spans several objects. */
export type AuditRow = AppealAuditEntry & { object_type?: string; object_id?: string }

/** Audit entries as a table: when, who, what, on which object, and each attribute's before → after. */
export function AuditTable({ entries, language }: { entries: readonly AuditRow[]; language: Language }) {
  const { t } = useTranslation()
  if (entries.length === 0) return <p>{t('office.audit.empty')}</p>
  const withObject = entries.some((entry) => entry.object_type !== undefined)
  const columns = ['at', 'actor', 'action', ...(withObject ? ['object'] : []), 'changes']
  return (
    <table className="office-table office-table--audit">
      <thead>
        <tr>
          {columns.map((key) => (
            <th key={key} scope="col">
              {t(`office.audit.column.${key}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td data-label={t('office.audit.column.at')}>
              <time dateTime={entry.at}>{formatMoment(entry.at, language)}</time>
            </td>
            <td data-label={t('office.audit.column.actor')}>{entry.actor_name ?? entry.actor ?? t('office.audit.system')}</td>
            <td data-label={t('office.audit.column.action')}>
              <code>{entry.action}</code>
            </td>
            {withObject && (
              <td data-label={t('office.audit.column.object')}>
                {entry.object_type} {entry.object_id}
              </td>
            )}
            <td data-label={t('office.audit.column.changes')}>
              <AuditChangeList changes={entry.changes} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
