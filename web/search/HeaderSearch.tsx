import '../css/search.css'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CityListSchema } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import type { Language } from '../url-state/index.ts'
import { InputSearchCombobox } from './InputSearchCombobox.tsx'
import { mapViewport, openHref } from './navigate.ts'
import { resultHref, searchPageHref } from './result-target.ts'
import { HEADER_LIMIT } from './search-request.ts'

/** Props of {@link HeaderSearch}. */
export interface HeaderSearchProps {
  /** The city the page shows; with none, the first city (the one the map opens on). */
  cityId: string | undefined
  language: Language
}

/**
 * The search box of the page header, on every page: suggestions as one types, a chosen one
 * opened (its page, or the map at its place), Enter on the text the search page. On a phone it
 * folds into a button that opens it across the header's whole width.
 */
export function HeaderSearch({ cityId, language }: HeaderSearchProps) {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  const box = useRef<HTMLDivElement>(null)
  // A page that names no city searches the first city, as the map does; the list is asked for
  // only then, and only once someone comes to the box.
  const [engaged, setEngaged] = useState(false)
  const cities = useApiResource(cityId || !engaged ? undefined : '/api/cities', CityListSchema)
  const city = cityId ?? (cities.status === 'ready' ? cities.data[0]?.id : undefined)
  return (
    <div role="search" className="header-search" data-opened={opened} aria-label={t('search.label')} onFocusCapture={() => setEngaged(true)}>
      <button
        type="button"
        className="header-search__toggle"
        aria-expanded={opened}
        aria-label={opened ? t('search.close') : t('search.open')}
        onClick={() => {
          setOpened(!opened)
          // The box shows on the next frame: focus it then, so one can type at once.
          if (!opened) requestAnimationFrame(() => box.current?.querySelector('input')?.focus())
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          {opened ? <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.2" fill="none" /> : <><circle cx="10.5" cy="10.5" r="6.5" stroke="currentColor" strokeWidth="2.2" fill="none" /><path d="M15.5 15.5L21 21" stroke="currentColor" strokeWidth="2.2" /></>}
        </svg>
      </button>
      <div ref={box} className="header-search__box">
        <InputSearchCombobox
          cityId={city}
          language={language}
          limit={HEADER_LIMIT}
          onChoose={(result) => {
            if (city) openHref(resultHref(result, { cityId: city, language, viewport: mapViewport() }))
          }}
          onSubmit={(text) => {
            if (city) openHref(searchPageHref(city, text, language))
          }}
        />
      </div>
    </div>
  )
}
