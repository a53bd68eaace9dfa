import '../css/planning.css'
import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { CityListSchema, LayerListSchema, type LayerSummary } from '../api-client/index.ts'
import { useApiResource, useMapUrlState, usePageLanguage } from '../hooks/index.ts'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import { FieldCity, PageHeader } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { LoadFailure } from '../office/shared/index.ts'
import { cabinetHref } from './cabinet-links.ts'
import { ConsultationListSchema, consultationHref, windowDays } from './consultation-api.ts'
import { ConsultationStatusBadge } from './ConsultationStatusBadge.tsx'
import { PlansMap } from './PlansMap.tsx'

/** The theme of urban-planning layers: what the Planning section lists. */
const PLANNING_THEME = 'urban-planning'

/** Props of {@link PlanningPage}. */
export interface PlanningPageProps {
  /** Draws a layer's legend (the map page's own, so the two always agree). */
  Legend: ComponentType<{ layer: LayerSummary; language: Language }>
}

/** The map showing the given layers of a city, in the page's language. */
function mapHref(cityId: string, layerIds: readonly string[], language: Language): string {
  const query = new URLSearchParams({ city: cityId, layers: layerIds.join(',') })
  if (language !== 'uk') query.set('lang', language)
  return `/?${query.toString().replace(/%2C/g, ',')}`
}

/**
 * `/planning`: the public Planning section of a city: its published urban-planning layers (under
 * consultation or approved) with their legends and links to open them on the map, and the
 * consultations, open ones first.
 */
export function PlanningPage({ Legend }: PlanningPageProps) {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const { state, push } = useMapUrlState()
  const cities = useApiResource('/api/cities', CityListSchema)
  const cityList = cities.status === 'ready' ? cities.data : []
  const city = cityList.find((c) => c.id === state.city) ?? cityList[0]
  const layers = useApiResource(city && `/api/layers?city=${encodeURIComponent(city.id)}`, LayerListSchema)
  const plans = layers.status === 'ready' ? layers.data.filter((layer) => layer.theme === PLANNING_THEME) : []
  const consultations = useApiResource(city && `/api/consultations?city=${encodeURIComponent(city.id)}`, ConsultationListSchema)
  const date = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'medium' })

  return (
    <>
      <PageHeader language={language} mapHref={city ? mapHref(city.id, plans.map((p) => p.id), language) : '/'} onLanguageChange={setLanguage} />
      <main id="content" className="page planning-public">
        <h1>{t('planning.public.title')}</h1>
        <p>{t('planning.public.intro')}</p>
        <div className="planning-public__bar">
          <FieldCity cities={cityList} cityId={city?.id} language={language} onChange={(cityId) => push({ city: cityId })} />
          {city && plans.length > 0 && (
            <a className="button button--small" href={mapHref(city.id, plans.map((p) => p.id), language)}>
              {t('planning.public.openAll')}
            </a>
          )}
        </div>

        {city && layers.status === 'ready' && plans.length > 0 && (
          <PlansMap cityId={city.id} plans={plans} consultations={consultations.status === 'ready' ? consultations.data : []} language={language} />
        )}

        <section aria-labelledby="plans-heading">
          <h2 id="plans-heading">{t('planning.public.plans')}</h2>
          {layers.status === 'loading' && <p role="status">{t('app.loading')}</p>}
          {layers.status === 'failed' && (
            <div role="alert" className="problem-alert">
              <strong>{layers.problem.title}</strong>
              {layers.problem.detail && <p>{layers.problem.detail}</p>}
            </div>
          )}
          {layers.status === 'ready' && plans.length === 0 && <p>{t('planning.public.noPlans')}</p>}
          <ul className="planning-public__plans">
            {city &&
              plans.map((plan) => (
                <li key={plan.id} className="planning-card" data-layer-id={plan.id}>
                  <h3>{pickText(plan.title, language)}</h3>
                  {pickText(plan.description, language) && <p>{pickText(plan.description, language)}</p>}
                  <Legend layer={plan} language={language} />
                  <p className="field-hint">
                    {t('planning.public.meta', { count: plan.feature_count, updated: date.format(new Date(plan.updated_at)) })}
                  </p>
                  <a href={mapHref(city.id, [plan.id], language)}>{t('planning.public.openOnMap', { title: pickText(plan.title, language) })}</a>
                </li>
              ))}
          </ul>
        </section>

        <section aria-labelledby="consultations-heading" className="planning-public__consultations">
          <h2 id="consultations-heading">{t('planning.public.consultations')}</h2>
          {consultations.status === 'failed' && <LoadFailure title={consultations.problem.detail ?? consultations.problem.title} />}
          {consultations.status === 'ready' && consultations.data.length === 0 && <p>{t('planning.public.noConsultations')}</p>}
          <ul className="planning-public__plans">
            {consultations.status === 'ready' &&
              consultations.data.map((c) => (
                <li key={c.id} className="planning-card" data-consultation-id={c.id}>
                  <h3>
                    <a href={consultationHref(c.id, language)}>{pickText(c.title, language)}</a> <ConsultationStatusBadge status={c.status} />
                  </h3>
                  <p className="field-hint">
                    {t('planning.consultation.window', windowDays(c, LOCALE_OF[language]))} ·{' '}
                    {t('planning.consultation.answered', { answered: c.answered, count: c.comments })}
                  </p>
                </li>
              ))}
          </ul>
        </section>

        <p className="planning__links">
          <a href={cabinetHref('/planning/cabinet', language, city?.id)}>{t('planning.public.cabinet')}</a>
        </p>
      </main>
    </>
  )
}
