import { useTranslation } from 'react-i18next'
import { NearbyAppealsSchema, type NearbyAppeal } from '../api-client/index.ts'
import { MeTooForm, StatusBadge } from '../appeals/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import type { ReportLocation } from './report-draft.ts'

/**
 * The open appeals of a category within its duplicate radius of the chosen point, nearest
 * first; undefined while they load, or when there is no point or category yet. A failed look-up
 * counts as none: it must not keep the resident from filing.
 */
export function useNearbyAppeals(location: ReportLocation | undefined, categoryId: string | undefined): NearbyAppeal[] | undefined {
  const query = location && categoryId && new URLSearchParams({ lat: String(location.lat), lon: String(location.lon), category: categoryId })
  const nearby = useApiResource(query ? `/api/appeals/nearby?${query}` : undefined, NearbyAppealsSchema)
  if (nearby.status === 'loading') return undefined
  return nearby.status === 'ready' ? nearby.data.appeals : []
}

/**
 * Open appeals like the one being reported, close to it: if the problem is already reported,
 * the resident supports that appeal ("me too") instead of filing a duplicate.
 */
export function NearbyAppeals({ appeals, language }: { appeals: readonly NearbyAppeal[]; language: Language }) {
  const { t } = useTranslation()
  const distance = new Intl.NumberFormat(LOCALE_OF[language], { style: 'unit', unit: 'meter', maximumFractionDigits: 0 })
  return (
    <section className="nearby-appeals" aria-labelledby="nearby-appeals-heading">
      <h3 id="nearby-appeals-heading">{t('report.nearby.heading', { count: appeals.length })}</h3>
      <p className="field-hint">{t('report.nearby.hint')}</p>
      <ul>
        {appeals.map((appeal) => (
          <li key={appeal.number} className="nearby-appeals__item">
            <p className="nearby-appeals__title">
              <a href={`/appeals/${appeal.number}`}>{appeal.number}</a> <StatusBadge status={appeal.status} />
            </p>
            <p className="nearby-appeals__meta">
              {t('report.nearby.distance', { distance: distance.format(appeal.distance_m) })}
              {appeal.address && ` · ${appeal.address}`}
            </p>
            {/* Shown as text: a description is whatever a resident typed. */}
            <p className="nearby-appeals__description">{appeal.description}</p>
            <MeTooForm number={appeal.number} />
          </li>
        ))}
      </ul>
    </section>
  )
}
