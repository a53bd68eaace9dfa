import { useTranslation } from 'react-i18next'
import type { Language } from '../url-state/index.ts'
import { HeaderSearch } from '../search/index.ts'
import { FieldLanguage } from './FieldLanguage.tsx'

/** The city a page is about: the one given, else the one its URL or its link to the map names. */
function pageCity(cityId: string | undefined, mapHref: string): string | undefined {
  return cityId ?? new URLSearchParams(window.location.search).get('city') ?? new URL(mapHref, window.location.origin).searchParams.get('city') ?? undefined
}

/** The banner of a page that is not the map: the platform's name linking to the map, the search of the page's city, and the language switch. */
export function PageHeader({ language, mapHref, onLanguageChange, cityId }: { language: Language; mapHref: string; onLanguageChange(language: Language): void; cityId?: string }) {
  const { t } = useTranslation()
  return (
    <header className="app-header">
      <a className="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <p className="app-header__title">
        <a href={mapHref} className="app-header__home">
          {t('app.title')}
        </a>
      </p>
      <HeaderSearch cityId={pageCity(cityId, mapHref)} language={language} />
      <div className="app-header__controls">
        <FieldLanguage language={language} onChange={onLanguageChange} />
      </div>
    </header>
  )
}
