import { useTranslation } from 'react-i18next'
import { AppealPage, OPEN_STATUSES } from '../../api/contract/index.ts'
import { StatusBadge } from '../appeals/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/**
 * The open public appeals about a selected object, newest first, each linking to its page, so
 * that a resident sees the problem is already reported before reporting it again. Nothing is
 * shown when there are none.
 */
export function ObjectAppeals({ layerId, featureId, language }: { layerId: string; featureId: string | number; language: Language }) {
  const { t } = useTranslation()
  const query = new URLSearchParams({ object_layer: layerId, object_feature: String(featureId), status: OPEN_STATUSES.join(','), limit: '20' })
  const appeals = useApiResource(`/api/appeals?${query}`, AppealPage)
  if (appeals.status !== 'ready' || appeals.data.total === 0) return null
  return (
    <div className="feature-panel__appeals">
      <h3>{t('objectReport.open', { count: appeals.data.total })}</h3>
      <ul>
        {appeals.data.appeals.map((a) => (
          <li key={a.number}>
            <a href={`/appeals/${encodeURIComponent(a.number)}${language === 'en' ? '?lang=en' : ''}`}>{a.number}</a> {pickText(a.category.name, language)} <StatusBadge status={a.status} />
          </li>
        ))}
      </ul>
    </div>
  )
}
