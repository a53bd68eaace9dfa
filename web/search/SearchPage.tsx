import '../css/planning.css'
import '../css/search.css'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CityListSchema } from '../api-client/index.ts'
import { useApiResource, useMapUrlState, usePageLanguage } from '../hooks/index.ts'
import { PageHeader } from '../ui/index.ts'
import { InputSearchCombobox } from './InputSearchCombobox.tsx'
import { mapViewport, openHref } from './navigate.ts'
import { resultHref, type ResultContext } from './result-target.ts'
import { HEADER_LIMIT, PAGE_LIMIT } from './search-request.ts'
import { SearchResultList } from './SearchResultList.tsx'
import { SearchResultsMap } from './SearchResultsMap.tsx'
import { useSearch } from './use-search.ts'

/**
 * `/search?city=…&q=…`: every result of a search (up to the most the API gives), best first,
 * beside a map of their places; pointing at a result in either highlights it in both. A search box
 * on the page searches again (a new history entry, so Back returns to the last search).
 */
export function SearchPage() {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const { state, push } = useMapUrlState()
  const query = state.query?.trim() ?? ''
  const cities = useApiResource('/api/cities', CityListSchema)
  const cityList = cities.status === 'ready' ? cities.data : []
  const city = cityList.find((candidate) => candidate.id === state.city) ?? cityList[0]
  const search = useSearch(city?.id, query, PAGE_LIMIT, language, 0)
  const [highlighted, setHighlighted] = useState<number>()
  useEffect(() => setHighlighted(undefined), [search.results])

  const title = query ? t('search.page.titleFor', { query }) : t('search.page.title')
  useEffect(() => {
    document.title = `${title} — ${t('app.title')}`
  }, [title, t])

  const context: ResultContext | undefined = city && { cityId: city.id, language, viewport: { width: window.innerWidth, height: window.innerHeight } }
  const count = search.status === 'ready' ? (search.results.length === 0 ? t('search.none') : t('search.results', { count: search.results.length })) : search.status === 'failed' ? t('search.failed', { reason: search.problem.detail ?? search.problem.title }) : search.status === 'loading' ? t('search.loading') : ''
  return (
    <>
      <PageHeader language={language} mapHref={city ? `/?city=${city.id}${language === 'uk' ? '' : `&lang=${language}`}` : '/'} onLanguageChange={setLanguage} cityId={city?.id} />
      <main id="content" className="page search-page">
        <h1>{title}</h1>
        <p>{t('search.page.intro')}</p>
        <div className="search-page__form">
          <InputSearchCombobox
            cityId={city?.id}
            language={language}
            limit={HEADER_LIMIT}
            initialText={query}
            onChoose={(result) => city && openHref(resultHref(result, { cityId: city.id, language, viewport: mapViewport() }))}
            onSubmit={(text) => push({ query: text })}
          />
        </div>
        <p className="search-page__count" role="status" data-count={search.status === 'ready' ? search.results.length : undefined}>
          {count}
        </p>
        {city && context && search.results.length > 0 && (
          <div className="search-page__body">
            <SearchResultList results={search.results} context={context} highlighted={highlighted} onHighlight={setHighlighted} />
            <SearchResultsMap cityId={city.id} results={search.results} highlighted={highlighted} onHighlight={setHighlighted} label={t('search.page.map')} />
          </div>
        )}
      </main>
    </>
  )
}
