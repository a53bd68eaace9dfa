import '../css/planning.css'
import './property.css'
import type { TFunction } from 'i18next'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApiResource } from '../hooks/index.ts'
import { LoadFailure, Pager } from '../office/shared/index.ts'
import { PageHeader } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { ListTools, SectionNav, StatusLegend } from './ListTools.tsx'
import { listApiUrl, objectHref, PROPERTY_VIEW } from './list-view.ts'
import { ObjectList, type ObjectRow } from './ObjectList.tsx'
import { ObjectMap } from './ObjectMap.tsx'
import { placedFeatures } from './object-geometry.ts'
import { ObjectFeaturesSchema, PROPERTY_STATUS_COLORS, PropertyPageSchema, type PropertyObject } from './property-api.ts'
import { formatArea, pageRange } from './property-format.ts'
import { PropertyFilters } from './PropertyFilters.tsx'
import { MANAGES_PROPERTY, PropertyAddForm, RegisterImportForm } from './PropertyStaffForms.tsx'
import { useSectionBasics } from './use-list-view.ts'

/** Lines per page of the register, in the list and on the map alike. */
const PAGE_SIZE = 100

/**
 * `/property`: a city's communal property register, filtered (every filter in the URL), a page
 * at a time on a map and in a list beside it in step; "1–100 of 12,650"; exports every match as
 * CSV or GeoJSON; the status colours explained.
 */
export function PropertyPage() {
  const { t } = useTranslation()
  const { view, push, replace, language, cities: cityList, city, filters, districts, manages, followFrom, select } = useSectionBasics(PROPERTY_VIEW, MANAGES_PROPERTY)
  const page = { limit: PAGE_SIZE, offset: view.offset }
  // Each write the manager makes asks the list again.
  const [writes, setWrites] = useState(0)
  const again = writes > 0 ? `&v=${writes}` : ''
  const list = useApiResource(city && `${listApiUrl(PROPERTY_VIEW, filters, { format: 'json', ...page })}${again}`, PropertyPageSchema)
  const geojson = useApiResource(city && `${listApiUrl(PROPERTY_VIEW, filters, { format: 'geojson', ...page })}${again}`, ObjectFeaturesSchema)
  const objects = useMemo(() => placedFeatures(geojson.status === 'ready' ? geojson.data : undefined), [geojson])

  const rows = (list.status === 'ready' ? list.data.items : []).map((o) => propertyRow(o, language, view.lang, t))
  const range = list.status === 'ready' ? pageRange(list.data.offset, list.data.numberReturned, list.data.numberMatched, language) : undefined
  const mapHref = city ? `/?city=${city.id}${language === 'uk' ? '' : `&lang=${language}`}` : '/'
  return (
    <>
      <PageHeader language={language} mapHref={mapHref} onLanguageChange={(lang) => replace({ lang })} />
      <main id="content" className="page property-section" data-language={language}>
        <SectionNav current="property" query={view.lang ? `?lang=${view.lang}` : ''} />
        <h1>{t('property.register.title')}</h1>
        <p>{t('property.register.intro')}</p>
        <PropertyFilters
          cities={cityList}
          cityId={city?.id}
          districts={districts}
          filters={view.filters}
          areaUnit={view.areaUnit}
          language={language}
          onCityChange={(cityId) => push({ filters: { city: cityId }, selected: undefined, offset: 0 })}
          onChange={(patch) => push({ filters: { ...view.filters, ...patch }, selected: undefined, offset: 0 })}
          onAreaUnitChange={(areaUnit) => replace({ areaUnit })}
        />
        {list.status === 'failed' && <LoadFailure title={list.problem.detail ?? list.problem.title} />}
        <p className="property-count" role="status" data-matched={list.status === 'ready' ? list.data.numberMatched : undefined}>
          {list.status !== 'ready' ? t('app.loading') : list.data.numberMatched === 0 ? t('property.list.none') : t('property.list.range', range)}
        </p>
        {city && <ListTools csv={listApiUrl(PROPERTY_VIEW, filters, { format: 'csv' })} geojson={listApiUrl(PROPERTY_VIEW, filters, { format: 'geojson' })} />}
        <div className="property-split">
          {city && (
            <ObjectMap
              cityId={city.id}
              objects={objects}
              colours={PROPERTY_STATUS_COLORS}
              selected={view.selected}
              followSelection={followFrom !== 'map'}
              onSelect={select('map')}
              label={t('property.register.mapLabel')}
            />
          )}
          <ObjectList rows={rows} selected={view.selected} followSelection={followFrom === 'map'} onSelect={select('list')} label={t('property.register.listLabel')} />
        </div>
        {list.status === 'ready' && (
          <Pager page={Math.floor(list.data.offset / PAGE_SIZE) + 1} total={list.data.numberMatched} pageSize={PAGE_SIZE} onPage={(n) => push({ offset: (n - 1) * PAGE_SIZE, selected: undefined })} />
        )}
        <StatusLegend colours={PROPERTY_STATUS_COLORS} labelOf={(s) => t(`property.statuses.${s}`)} />
        {city && manages && (
          <div className="property-staff-forms">
            <PropertyAddForm cityId={city.id} onAdded={() => setWrites(writes + 1)} />
            <RegisterImportForm cityId={city.id} onImported={() => setWrites(writes + 1)} />
          </div>
        )}
      </main>
    </>
  )
}

/** A register line as a line of the list. */
function propertyRow(o: PropertyObject, language: Language, lang: Language | undefined, t: TFunction): ObjectRow {
  const title = o.name ?? o.address ?? o.register_id
  return {
    id: o.id,
    title,
    // What the title already says is not repeated (a parcel is often named by its cadastral number).
    facts: [t(`property.kinds.${o.kind}`), o.area_m2 === null ? '' : formatArea(o.area_m2, o.kind, language), o.address ?? '', o.district?.name ?? '', o.cadastral_number ?? ''].filter((fact) => fact !== title),
    status: o.status,
    statusLabel: t(`property.statuses.${o.status}`),
    colour: PROPERTY_STATUS_COLORS[o.status],
    href: objectHref(PROPERTY_VIEW, o.id, lang),
    unmapped: o.sensitive ? t('property.object.withheldShort') : o.geometry === null ? t('property.object.unplaced') : undefined,
    synthetic: o.synthetic,
  }
}
