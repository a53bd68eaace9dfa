import { useTranslation } from 'react-i18next'
import type { Language } from '../url-state/index.ts'
import { FieldLanguage } from './FieldLanguage.tsx'

/** The banner of a page that is not the map: the platform's name linking to the map, and the language switch. */
export function PageHeader({ language, mapHref, onLanguageChange }: { language: Language; mapHref: string; onLanguageChange(language: Language): void }) {
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
      <div className="app-header__controls">
        <FieldLanguage language={language} onChange={onLanguageChange} />
      </div>
    </header>
  )
}
