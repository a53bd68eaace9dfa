import '../css/planning.css'
import './property.css'
import type { TFunction } from 'i18next'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApiResource } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import { LoadFailure } from '../office/shared/index.ts'
import { PageHeader } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { AreaSearch } from './AreaSearch.tsx'
import { parsePolygonText, polygonText, type LonLat } from './drawn-area.ts'
import { InvestmentFilters } from './InvestmentFilters.tsx'
import { ListTools, SectionNav, StatusLegend } from './ListTools.tsx'
import { INVESTMENT_VIEW, listApiUrl, objectHref, searchQuery, type FilterValues, type InvestmentFilter } from './list-view.ts'
import { OfferObjectForm } from './InvestmentStaffForms.tsx'
import { MANAGES_PROPERTY } from './PropertyStaffForms.tsx'
import { SaveSearchForm } from './SaveSearchForm.tsx'
import { ObjectList, type ObjectRow } from './ObjectList.tsx'
import { ObjectMap } from './ObjectMap.tsx'
import { placedFeatures, type Box } from './object-geometry.ts'
import { INVESTMENT_STATUS_COLORS, InvestmentPageSchema, ObjectFeaturesSchema, type InvestmentObject } from './property-api.ts'
import { formatArea, formatHryvnias, pageRange } from './property-format.ts'
import { useSectionBasics } from './use-list-view.ts'

/** The most offers one view lists and draws; more are counted and exported, not shown. */
const SHOWN = 1000

/**
 * `/investment`: the objects a city offers investors, on a map and in a list beside it, both
 * answering the same filters (every one in the URL, so a link restores the view); selecting in
 * one highlights in the other. Exports the matches as CSV or GeoJSON. Speaks English to a browser
 * that prefers it, unless the URL names a language.
 */
export function InvestmentPage() {
  const { t } = useTranslation()
  const { view, push, replace, language, cities: cityList, city, filters, districts, manages, followFrom, select } = useSectionBasics(INVESTMENT_VIEW, MANAGES_PROPERTY)
  // Each offer the manager adds asks the list again.
  const [writes, setWrites] = useState(0)
  const again = writes > 0 ? `&v=${writes}` : ''
  const list = useApiResource(city && `${listApiUrl(INVESTMENT_VIEW, filters, { format: 'json', limit: SHOWN })}${again}`, InvestmentPageSchema)
  const geojson = useApiResource(city && `${listApiUrl(INVESTMENT_VIEW, filters, { format: 'geojson', limit: SHOWN })}${again}`, ObjectFeaturesSchema)
  const [corners, setCorners] = useState<LonLat[]>()
  const [mapView, setMapView] = useState<Box>()
  const objects = useMemo(() => placedFeatures(geojson.status === 'ready' ? geojson.data : undefined), [geojson])
  const area = view.filters.within ? parsePolygonText(view.filters.within) : undefined

  const change = (patch: FilterValues<InvestmentFilter>) => push({ filters: { ...view.filters, ...patch }, selected: undefined, offset: 0 })
  const items = list.status === 'ready' ? list.data.items : []
  const rows = items.map((o) => investmentRow(o, language, view.lang, t))
  const range = list.status === 'ready' ? pageRange(0, list.data.numberReturned, list.data.numberMatched, language) : undefined
  const mapHref = city ? `/?city=${city.id}${language === 'uk' ? '' : `&lang=${language}`}` : '/'
  const langQuery = view.lang ? `?lang=${view.lang}` : ''
  return (
    <>
      <PageHeader language={language} mapHref={mapHref} onLanguageChange={(lang) => replace({ lang })} />
      <main id="content" className="page property-section" data-language={language}>
        <SectionNav current="investment" query={langQuery} />
        <h1>{t('property.investment.title')}</h1>
        <p>{t('property.investment.intro')}</p>
        <InvestmentFilters
          cities={cityList}
          cityId={city?.id}
          districts={districts}
          filters={view.filters}
          areaUnit={view.areaUnit}
          language={language}
          onCityChange={(cityId) => push({ filters: { city: cityId }, selected: undefined, offset: 0 })}
          onChange={change}
          onAreaUnitChange={(areaUnit) => replace({ areaUnit })}
        >
          <AreaSearch area={area} corners={corners} view={mapView} onCornersChange={setCorners} onAreaChange={(polygon) => change({ within: polygon && polygonText(polygon) })} />
        </InvestmentFilters>
        {list.status === 'failed' && <LoadFailure title={list.problem.detail ?? list.problem.title} />}
        <p className="property-count" role="status" data-matched={list.status === 'ready' ? list.data.numberMatched : undefined}>
          {list.status !== 'ready' ? t('app.loading') : list.data.numberMatched === 0 ? t('property.list.none') : t('property.list.range', range)}
        </p>
        {city && <ListTools csv={listApiUrl(INVESTMENT_VIEW, filters, { format: 'csv' })} geojson={listApiUrl(INVESTMENT_VIEW, filters, { format: 'geojson' })} />}
        {city && <SaveSearchForm key={searchQuery(INVESTMENT_VIEW, filters)} query={searchQuery(INVESTMENT_VIEW, filters)} language={language} />}
        <div className="property-split">
          {city && (
            <ObjectMap
              cityId={city.id}
              objects={objects}
              colours={INVESTMENT_STATUS_COLORS}
              selected={view.selected}
              followSelection={followFrom !== 'map'}
              onSelect={select('map')}
              drawing={corners && { corners, onTap: (at) => setCorners([...corners, at]) }}
              area={area}
              onViewChange={setMapView}
              label={t('property.investment.mapLabel')}
            />
          )}
          <ObjectList rows={rows} selected={view.selected} followSelection={followFrom === 'map'} onSelect={select('list')} label={t('property.investment.listLabel')} />
        </div>
        <StatusLegend colours={INVESTMENT_STATUS_COLORS} labelOf={(s) => t(`property.investmentStatuses.${s}`)} />
        {city && manages && <OfferObjectForm cityId={city.id} drawn={area} onOffered={() => setWrites(writes + 1)} />}
      </main>
    </>
  )
}

/** An offer as a line of the list. */
function investmentRow(o: InvestmentObject, language: Language, lang: Language | undefined, t: TFunction): ObjectRow {
  const price = o.start_price === null ? '' : t(`property.investment.price.${o.deal}`, { money: formatHryvnias(o.start_price, language) })
  return {
    id: o.id,
    title: pickText(o.title, language),
    facts: [t(`property.investmentKinds.${o.kind}`), formatArea(o.area_m2, o.kind, language), o.district?.name ?? '', price],
    status: o.status,
    statusLabel: t(`property.investmentStatuses.${o.status}`),
    colour: INVESTMENT_STATUS_COLORS[o.status],
    href: objectHref(INVESTMENT_VIEW, o.id, lang),
    synthetic: o.synthetic,
  }
}
