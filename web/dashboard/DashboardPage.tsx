import './dashboard.css'
import { useTranslation } from 'react-i18next'
import { CityListSchema } from '../api-client/index.ts'
import { PageHeader } from '../ui/index.ts'
import { useApiResource, useMapUrlState, usePageLanguage } from '../hooks/index.ts'
import { DashboardFilters } from './DashboardFilters.tsx'
import { DashboardFigures } from './DashboardFigures.tsx'
import { PublicStatsSchema, statsQuery } from './stats-schemas.ts'

/**
 * `/dashboard`: the public figures of a city's appeals. The city and the period live in the URL
 * as on the map (`city`, `appeal-from`, `appeal-to`), so a view of the figures can be shared and
 * opens the same appeals on the map; without them, the first city and the last twelve months.
 */
export function DashboardPage() {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const { state, replace, push } = useMapUrlState()
  const cities = useApiResource('/api/cities', CityListSchema)
  const cityList = cities.status === 'ready' ? cities.data : []
  const city = cityList.find((candidate) => candidate.id === state.city) ?? cityList[0]
  const period = { from: state.appealFilter?.from, to: state.appealFilter?.to }
  const stats = useApiResource(city && `/api/stats/appeals?${statsQuery(city.id, period)}`, PublicStatsSchema)
  const figures = stats.status === 'ready' ? stats.data : undefined
  const mapHref = `/?${city ? `city=${city.id}&layers=${city.id}-appeals&appeal-view=hexagons` : ''}${language === 'uk' ? '' : `&lang=${language}`}`

  return (
    <>
      <PageHeader language={language} mapHref={mapHref} onLanguageChange={setLanguage} />
      <main id="content" className="page dashboard">
        <h1>{t('dashboard.title')}</h1>
        <p className="dashboard__intro">{t('dashboard.intro')}</p>
        <DashboardFilters
          cities={cityList}
          cityId={city?.id}
          from={period.from ?? figures?.from ?? ''}
          to={period.to ?? figures?.to ?? ''}
          language={language}
          csvHref={city && figures ? `/api/stats/appeals?${statsQuery(city.id, period, 'csv')}` : undefined}
          onCityChange={(cityId) => push({ city: cityId })}
          onWindowChange={(next) => replace({ appealFilter: { ...state.appealFilter, ...next } })}
        />
        {stats.status === 'loading' && <p role="status">{t('dashboard.loading')}</p>}
        {stats.status === 'failed' && (
          <div role="alert" className="problem-alert">
            <strong>{stats.problem.title}</strong>
            {stats.problem.detail && <p>{stats.problem.detail}</p>}
          </div>
        )}
        {figures && city && <DashboardFigures stats={figures} city={city} language={language} />}
      </main>
    </>
  )
}
