import '../css/data.css'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { DataCatalogue } from '../../api/contract/index.ts'
import { useApiResource, useMapUrlState, usePageLanguage } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import { PageHeader } from '../ui/index.ts'
import { filterPassports, themesOf } from './catalogue-filter.ts'
import { PassportCard } from './PassportCard.tsx'

/**
 * `/data?city=…&theme=…`: the open-data catalogue. Every public layer of every city with its
 * data passport, narrowed by city and theme (both kept in the URL), with links to its files,
 * its services and the map; and the catalogue's machine-readable forms for harvesters.
 */
export function DataPage() {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const { state, replace } = useMapUrlState()
  const catalogue = useApiResource('/api/catalogue', DataCatalogue)
  useEffect(() => {
    document.title = `${t('data.title')} — ${t('app.title')}`
  }, [t])

  const all = catalogue.status === 'ready' ? catalogue.data.datasets : []
  const cities = [...new Map(all.map((p) => [p.city, p.city_name])).entries()]
  const themes = themesOf(all, state.city)
  const theme = state.theme && themes.includes(state.theme) ? state.theme : undefined
  const shown = filterPassports(all, { city: state.city, theme })
  const langQuery = language === 'uk' ? '' : `?lang=${language}`
  const ready = catalogue.status === 'ready'
  // A link to one dataset's passport (`/data?city=…#kyiv-land-parcels`) names it by its id;
  // the cards come after the page, so the browser's own jump to it has nothing to find yet.
  useEffect(() => {
    if (ready && window.location.hash.length > 1) document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView()
  }, [ready])
  return (
    <>
      <PageHeader language={language} mapHref={`/${state.city ? `?city=${state.city}` : ''}`} onLanguageChange={setLanguage} cityId={state.city} />
      <main id="content" className="page data-page">
        <h1>{t('data.title')}</h1>
        <p>{t('data.intro')}</p>
        <nav className="data-page__machine" aria-label={t('data.machine')}>
          <a href={`/data/use${langQuery}`}>{t('data.use.link')}</a>
          <a href="/data/catalog.jsonld" type="application/ld+json">
            DCAT-AP (JSON-LD)
          </a>
          <a href="/api/3/action/package_list">CKAN API</a>
          <a href="/ogc">OGC API – Features</a>
        </nav>
        <form className="data-page__filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('data.filter.city')}
            <select value={state.city ?? ''} onChange={(e) => replace({ city: e.target.value || undefined, theme: undefined })}>
              <option value="">{t('data.filter.allCities')}</option>
              {cities.map(([id, name]) => (
                <option key={id} value={id}>
                  {pickText(name, language)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('data.filter.theme')}
            <select value={theme ?? ''} onChange={(e) => replace({ theme: e.target.value || undefined })}>
              <option value="">{t('data.filter.allThemes')}</option>
              {themes.map((id) => (
                <option key={id} value={id}>
                  {t(`theme.${id}`, { defaultValue: id })}
                </option>
              ))}
            </select>
          </label>
        </form>
        <p role="status" className="data-page__count" data-count={catalogue.status === 'ready' ? shown.length : undefined}>
          {catalogue.status === 'loading' ? t('data.loading') : catalogue.status === 'failed' ? t('data.failed', { reason: catalogue.problem.detail ?? catalogue.problem.title }) : t('data.count', { count: shown.length })}
        </p>
        <div className="data-page__list">
          {shown.map((p) => (
            <PassportCard key={p.id} passport={p} language={language} />
          ))}
        </div>
      </main>
    </>
  )
}
