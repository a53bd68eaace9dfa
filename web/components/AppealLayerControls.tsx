import { useTranslation } from 'react-i18next'
import { AppealAlertsForm } from '../appeals/index.ts'
import { APPEAL_STATUSES, AppealCategoryListSchema, type AppealStatus } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import { APPEAL_VIEWS, isEmptyAppealFilter, type AppealFilter, type AppealView, type Language } from '../url-state/index.ts'

/** Props of {@link AppealLayerControls}. */
export interface AppealLayerControlsProps {
  cityId: string
  filter: AppealFilter | undefined
  view: AppealView
  language: Language
  /** The map's centre now, where the alerts form draws its circle; undefined before the map has one. */
  centre: { lat: number; lon: number } | undefined
  onFilterChange(filter: AppealFilter | undefined): void
  onViewChange(view: AppealView): void
}

/**
 * Under the appeals layer in the catalogue: how to draw it (points, heatmap, hexagons) and which
 * appeals to show, by status, category and filing date (every choice is written to the URL),
 * then the form that asks for e-mail about new appeals nearby.
 */
export function AppealLayerControls({ cityId, filter = {}, view, language, centre, onFilterChange, onViewChange }: AppealLayerControlsProps) {
  const { t } = useTranslation()
  const categories = useApiResource(`/api/appeal-categories?city=${encodeURIComponent(cityId)}`, AppealCategoryListSchema)
  const statuses = new Set(filter.statuses ?? [])
  const toggleStatus = (status: AppealStatus, on: boolean) => {
    const next = APPEAL_STATUSES.filter((candidate) => (candidate === status ? on : statuses.has(candidate)))
    onFilterChange({ ...filter, statuses: next })
  }
  const filtered = !isEmptyAppealFilter(filter)

  return (
    <div className="appeal-controls">
      <fieldset>
        <legend>{t('appealLayer.view')}</legend>
        <div className="choice-row">
          {APPEAL_VIEWS.map((option) => (
            <label key={option} className="choice">
              <input type="radio" name="appeal-view" value={option} checked={view === option} onChange={() => onViewChange(option)} />
              <span>{t(`appealLayer.views.${option}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('appealLayer.status')}</legend>
        <div className="appeal-controls__statuses">
          {APPEAL_STATUSES.map((status) => (
            <label key={status} className="choice">
              <input type="checkbox" data-status={status} checked={statuses.has(status)} onChange={(event) => toggleStatus(status, event.currentTarget.checked)} />
              <span>{t(`appealStatus.${status}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field-stack">
        <label htmlFor="appeal-filter-category">{t('appealLayer.category')}</label>
        <select
          id="appeal-filter-category"
          value={filter.categories?.[0] ?? ''}
          onChange={(event) => onFilterChange({ ...filter, categories: event.currentTarget.value ? [event.currentTarget.value] : [] })}
        >
          <option value="">{t('appealLayer.allCategories')}</option>
          {categories.status === 'ready' &&
            categories.data.map((category) => (
              <option key={category.id} value={category.id}>
                {pickText(category.name, language)}
              </option>
            ))}
        </select>
      </div>
      <div className="appeal-controls__dates">
        <div className="field-stack">
          <label htmlFor="appeal-filter-from">{t('appealLayer.from')}</label>
          <input id="appeal-filter-from" type="date" value={filter.from ?? ''} onChange={(event) => onFilterChange({ ...filter, from: event.currentTarget.value || undefined })} />
        </div>
        <div className="field-stack">
          <label htmlFor="appeal-filter-to">{t('appealLayer.to')}</label>
          <input id="appeal-filter-to" type="date" value={filter.to ?? ''} onChange={(event) => onFilterChange({ ...filter, to: event.currentTarget.value || undefined })} />
        </div>
      </div>
      {filtered && (
        <>
          {view === 'points' && <p className="field-hint">{t('appealLayer.clusterHint')}</p>}
          <button type="button" className="link-button" onClick={() => onFilterChange(undefined)}>
            {t('appealLayer.clear')}
          </button>
        </>
      )}
      <AppealAlertsForm cityId={cityId} centre={centre} language={language} />
    </div>
  )
}
