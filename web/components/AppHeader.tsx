import { useTranslation } from 'react-i18next'
import { AccountLink } from '../account/index.ts'
import type { City } from '../api-client/index.ts'
import type { Language } from '../url-state/index.ts'
import { FieldCity, FieldLanguage } from '../ui/index.ts'
import { DashboardLink } from '../dashboard/index.ts'
import { HeaderSearch } from '../search/index.ts'

/** Props of {@link AppHeader}. */
export interface AppHeaderProps {
  cities: readonly City[]
  cityId: string | undefined
  language: Language
  onCityChange(cityId: string): void
  onLanguageChange(language: Language): void
}

/** The query of the Planning section for the city and language shown. */
function planningQuery(cityId: string | undefined, language: Language): string {
  const query = new URLSearchParams()
  if (cityId) query.set('city', cityId)
  if (language !== 'uk') query.set('lang', language)
  const search = query.toString()
  return search ? `?${search}` : ''
}

/** The page banner: the platform's name, the search, the city switcher, the links to the figures, Planning, the budget and Property, and the language switch. */
export function AppHeader({ cities, cityId, language, onCityChange, onLanguageChange }: AppHeaderProps) {
  const { t } = useTranslation()
  return (
    <header className="app-header">
      <a className="skip-link" href="#map">
        {t('app.skipToMap')}
      </a>
      <h1 className="app-header__title">{t('app.title')}</h1>
      <HeaderSearch cityId={cityId} language={language} />
      <div className="app-header__controls">
        <FieldCity cities={cities} cityId={cityId} language={language} onChange={onCityChange} />
        <DashboardLink cityId={cityId} language={language} />
        <a className="dashboard-link" href={`/planning${planningQuery(cityId, language)}`}>
          {t('planning.link')}
        </a>
        <a className="dashboard-link" href={`/budgets${planningQuery(cityId, language)}`}>
          {t('budgets.link')}
        </a>
        <a className="dashboard-link" href={`/property${planningQuery(cityId, language)}`}>
          {t('property.link')}
        </a>
        <FieldLanguage language={language} onChange={onLanguageChange} />
        <AccountLink language={language} />
      </div>
    </header>
  )
}
