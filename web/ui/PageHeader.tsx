import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { AccountLink } from '../account/index.ts'
import type { Language } from '../url-state/index.ts'
import { HeaderSearch } from '../search/index.ts'
import { FieldLanguage } from './FieldLanguage.tsx'

/** The city a page is about: the one given, else the one its URL or its link to the map names. */
function pageCity(cityId: string | undefined, mapHref: string): string | undefined {
  return cityId ?? new URLSearchParams(window.location.search).get('city') ?? new URL(mapHref, window.location.origin).searchParams.get('city') ?? undefined
}

/**
 * Keeps the document's title on the page's main heading ("Бюджет участі — Громада Мапа"), so
 * every page has its own in tabs, history and screen readers; it follows the heading as the
 * page loads its data or changes language.
 */
function useTitleOfHeading(appTitle: string): void {
  useEffect(() => {
    const follow = () => {
      const heading = document.querySelector('main h1')?.textContent?.trim()
      const title = heading && heading !== appTitle ? `${heading} — ${appTitle}` : appTitle
      if (document.title !== title) document.title = title
    }
    follow()
    const observer = new MutationObserver(follow)
    observer.observe(document.body, { childList: true, subtree: true, characterData: true })
    return () => observer.disconnect()
  }, [appTitle])
}

/**
 * The banner of a page that is not the map: the platform's name linking to the map, the search
 * of the page's city, "report a problem" (the map's report, opened), the sign-in or account
 * link and the language switch. The page's title follows its main heading.
 */
export function PageHeader({ language, mapHref, onLanguageChange, cityId }: { language: Language; mapHref: string; onLanguageChange(language: Language): void; cityId?: string }) {
  const { t } = useTranslation()
  useTitleOfHeading(t('app.title'))
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
        <a className="app-header__report" href={`${mapHref}#report`}>
          {t('report.start')}
        </a>
        <AccountLink language={language} />
        <FieldLanguage language={language} onChange={onLanguageChange} />
      </div>
    </header>
  )
}
