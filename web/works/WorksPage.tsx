import '../css/planning.css'
import './works.css'
import type { FeatureCollection, Polygon } from 'geojson'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApiResource } from '../hooks/index.ts'
import { LoadFailure } from '../office/shared/index.ts'
import { FieldChoice, FieldChoices, listApiUrl, ObjectMap, SectionNav, useSectionBasics, type FilterValues, type LonLat } from '../property/index.ts'
import { FieldCity, PageHeader } from '../ui/index.ts'
import { RecordWorkForm } from './RecordWorkForm.tsx'
import { WorkAgenda } from './WorkAgenda.tsx'
import { WorkSubscriptionForm } from './WorkSubscriptionForm.tsx'
import type { MapPick } from './works-forms.ts'
import { SWITCHED_OFF, WORK_KIND_COLORS, WORK_KINDS, WorkPageSchema, WORKS_VIEW, type Work, type WorkFilter } from './works-api.ts'

/** The most works one view lists and draws. */
const SHOWN = 1000

/** The works as the map draws them: each its area, coloured by kind. */
function workFeatures(works: readonly Work[]): FeatureCollection {
  return { type: 'FeatureCollection', features: works.map((w) => ({ type: 'Feature', id: w.id, geometry: w.geometry as Polygon, properties: { status: w.kind } })) }
}

/**
 * `/works`: a city's repairs and its planned and emergency works as a calendar (on now, today,
 * this week, the next weeks; emergencies first) beside a map of the areas they reach, in step;
 * filtered by kind, what they switch off and when (all in the URL). Links a calendar feed and a
 * CSV of the same filters; takes subscriptions by address, district or drawn area; and lets the
 * staff who manage works record them.
 */
export function WorksPage() {
  const { t } = useTranslation()
  const { view, push, replace, language, cities: cityList, city, filters, districts, manages, followFrom, select } = useSectionBasics(WORKS_VIEW, 'works:manage')
  const [created, setCreated] = useState<Work[]>([])
  const listUrl = city && `${listApiUrl(WORKS_VIEW, filters, { format: 'json', limit: SHOWN })}${created.length ? `&v=${created.length}` : ''}`
  const list = useApiResource(listUrl, WorkPageSchema)
  const [pick, setPick] = useState<MapPick>()
  const [areas, setAreas] = useState<{ subscribe?: Polygon | undefined; record?: Polygon | undefined }>({})
  const works = list.status === 'ready' ? list.data.items : []
  const objects = useMemo(() => workFeatures(works), [works])
  const [now] = useState(() => new Date())

  const change = (patch: FilterValues<WorkFilter>) => push({ filters: { ...view.filters, ...patch }, selected: undefined })
  const tap = (at: LonLat) => pick && setPick({ ...pick, corners: pick.mode === 'point' ? [at] : [...pick.corners, at] })
  const langQuery = view.lang ? `?lang=${view.lang}` : ''
  const calendar = city && new URL(listApiUrl(WORKS_VIEW, { ...filters, when: undefined }, { format: 'ics' }), window.location.origin).href
  return (
    <>
      <PageHeader language={language} mapHref={city ? `/?city=${city.id}${language === 'uk' ? '' : `&lang=${language}`}` : '/'} onLanguageChange={(lang) => replace({ lang })} />
      <main id="content" className="page property-section works-section" data-language={language}>
        <SectionNav current="works" query={langQuery} />
        <h1>{t('works.title')}</h1>
        <p>{t('works.intro')}</p>
        <form className="property-filters" aria-label={t('property.filters.label')} onSubmit={(e) => e.preventDefault()}>
          <FieldCity cities={cityList} cityId={city?.id} language={language} onChange={(cityId) => push({ filters: { city: cityId }, selected: undefined })} />
          <FieldChoice
            label={t('works.filters.when')}
            name="when"
            options={(['now', 'upcoming', 'past'] as const).map((w) => ({ value: w, label: t(`works.when.${w}`) }))}
            value={view.filters.when === 'all' ? undefined : view.filters.when}
            onChange={(when) => change({ when })}
          />
          <FieldChoices legend={t('works.filters.kind')} name="kind" options={WORK_KINDS} value={view.filters.kind} labelOf={(k) => t(`works.kinds.${k}`)} onChange={(kind) => change({ kind })} />
          <FieldChoices legend={t('works.filters.switchedOff')} name="switched_off" options={SWITCHED_OFF} value={view.filters.switched_off} labelOf={(s) => t(`works.switchedOff.${s}`)} onChange={(switched_off) => change({ switched_off })} />
        </form>
        {list.status === 'failed' && <LoadFailure title={list.problem.detail ?? list.problem.title} />}
        <p className="property-count works-count" role="status" data-matched={list.status === 'ready' ? list.data.numberMatched : undefined}>
          {list.status !== 'ready' ? t('app.loading') : list.data.numberMatched === 0 ? t('works.none') : t('works.count', { count: list.data.numberMatched })}
        </p>
        {city && calendar && (
          <div className="property-tools">
            <a className="button button--small button--secondary" href={calendar} data-export="ics">
              {t('works.calendar')}
            </a>
            <a className="button button--small button--secondary" href={listApiUrl(WORKS_VIEW, filters, { format: 'csv' })} download data-export="csv">
              {t('property.export.csv')}
            </a>
            <span className="field-hint">{t('works.calendarHint')}</span>
          </div>
        )}
        <div className="property-split">
          {city && (
            <ObjectMap
              cityId={city.id}
              objects={objects}
              colours={WORK_KIND_COLORS}
              selected={view.selected}
              followSelection={followFrom !== 'map'}
              onSelect={select('map')}
              drawing={pick && { corners: pick.corners, onTap: tap }}
              area={areas.subscribe ?? areas.record}
              label={t('works.mapLabel')}
              className="works-map"
            />
          )}
          <WorkAgenda works={works} now={now} language={language} lang={view.lang} selected={view.selected} followSelection={followFrom === 'map'} onSelect={select('list')} />
        </div>
        <figure className="property-legend">
          <figcaption>{t('property.legend')}</figcaption>
          <ul>
            {WORK_KINDS.map((kind) => (
              <li key={kind} data-status={kind}>
                <span className="property-legend__swatch" style={{ background: WORK_KIND_COLORS[kind] }} aria-hidden="true" /> {t(`works.kinds.${kind}`)}
              </li>
            ))}
          </ul>
        </figure>
        {city && (
          <WorkSubscriptionForm
            cityId={city.id}
            districts={districts}
            language={language}
            pick={pick?.purpose === 'subscribe' ? pick : undefined}
            onPickChange={setPick}
            onAreaChange={(subscribe) => setAreas({ ...areas, subscribe })}
          />
        )}
        {city && manages && (
          <RecordWorkForm
            cityId={city.id}
            lang={view.lang}
            pick={pick?.purpose === 'record' ? pick : undefined}
            onPickChange={setPick}
            onAreaChange={(record) => setAreas({ ...areas, record })}
            onRecorded={(work) => setCreated([...created, work])}
          />
        )}
      </main>
    </>
  )
}
