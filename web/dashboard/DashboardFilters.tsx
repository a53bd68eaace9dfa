import { useTranslation } from 'react-i18next'
import type { City } from '../api-client/index.ts'
import { FieldCity } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'

/** Props of {@link DashboardFilters}. */
export interface DashboardFiltersProps {
  cities: readonly City[]
  cityId: string | undefined
  /** The window's days, `YYYY-MM-DD`; empty while unknown. */
  from: string
  to: string
  language: Language
  /** The CSV of the figures shown; absent until there are figures. */
  csvHref: string | undefined
  onCityChange(cityId: string): void
  onWindowChange(window: { from?: string | undefined; to?: string | undefined }): void
}

/** What the dashboard counts: the city, the period, and the CSV download of the result. */
export function DashboardFilters({ cities, cityId, from, to, language, csvHref, onCityChange, onWindowChange }: DashboardFiltersProps) {
  const { t } = useTranslation()
  return (
    <div className="dashboard-filters">
      <FieldCity cities={cities} cityId={cityId} language={language} onChange={onCityChange} />
      <div className="field">
        <label htmlFor="dashboard-from">{t('dashboard.from')}</label>
        <input id="dashboard-from" type="date" value={from} max={to || undefined} onChange={(event) => onWindowChange({ from: event.currentTarget.value || undefined, to: to || undefined })} />
      </div>
      <div className="field">
        <label htmlFor="dashboard-to">{t('dashboard.to')}</label>
        <input id="dashboard-to" type="date" value={to} min={from || undefined} onChange={(event) => onWindowChange({ from: from || undefined, to: event.currentTarget.value || undefined })} />
      </div>
      {csvHref && (
        <a className="button button--secondary button--small" href={csvHref} download>
          {t('dashboard.download')}
        </a>
      )}
    </div>
  )
}
