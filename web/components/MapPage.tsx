import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LayerSummary } from '../api-client/index.ts'
import { isWorksLayer } from '../catalogue/index.ts'
import { useMapPage } from './use-map-page.ts'
import { activeAtExpression, MapView, useAppealPoints } from '../map/index.ts'
import { ReportSheet, useReport } from '../report/index.ts'
import { AppealLayerControls } from './AppealLayerControls.tsx'
import { AppHeader } from './AppHeader.tsx'
import { CataloguePanel } from './CataloguePanel.tsx'
import { FeaturePanel, objectName } from './FeaturePanel.tsx'
import { ProblemAlert } from './ProblemAlert.tsx'
import { pickText } from '../i18n/index.ts'
import { OfflineNotice } from '../offline/index.ts'
import { ReportButton } from './ReportButton.tsx'

/** The zoom the map shows a reported point at: a single building. */
const REPORT_ZOOM = 17

/**
 * The public map page: header, layer catalogue, map, the selected feature's panel, and the
 * "report a problem" flow, which takes the place of the panels while it is open.
 */
export function MapPage() {
  const { t } = useTranslation()
  const page = useMapPage()
  const { city, style, camera, selection, language, appealsLayer } = page
  const selectionLayer = selection && page.layers.find((layer) => layer.id === selection.layerId)
  const [reporting, setReporting] = useState(false)
  const report = useReport(city?.id, language, reporting)
  const { draft, submission } = report.flow

  const appealsShown = appealsLayer !== undefined && page.visibleLayerIds.includes(appealsLayer.id)
  const appealView = appealsShown ? page.appealView : 'points'
  const appealPoints = useAppealPoints(city?.id, page.appealFilter, appealView !== 'points')
  const drawnKey = page.visibleLayerIds.filter((id) => appealView === 'points' || id !== appealsLayer?.id).join(',')
  const drawnLayerIds = useMemo(() => (drawnKey === '' ? [] : drawnKey.split(',')), [drawnKey])
  // The works layer shows, unless asked otherwise, the works on at the moment the map was opened.
  const [openedAt] = useState(() => Math.floor(Date.now() / 1000))
  const [worksNowOnly, setWorksNowOnly] = useState(true)
  const worksFilter = worksNowOnly ? activeAtExpression(openedAt) : null
  const layerFilters = Object.fromEntries(page.layers.filter(isWorksLayer).map((layer) => [layer.id, worksFilter]))

  // A point from the device or the address search may be anywhere: bring the map to it.
  const { location } = draft
  useEffect(() => {
    if (location && location.source !== 'map') page.showPlace({ zoom: REPORT_ZOOM, lat: location.lat, lon: location.lon })
    // Only a new point moves the map; the camera it sets must not move it again.
  }, [location])

  // A filed appeal changed the appeals layer's version: the map should load its new tiles.
  const filedNumber = submission.status === 'filed' ? submission.receipt.number : undefined
  const { refreshCatalogue } = page
  useEffect(() => {
    if (filedNumber) refreshCatalogue()
  }, [filedNumber, refreshCatalogue])

  // The new appeal selected on the map, its panel open, not one dot among many.
  const showFiledAppeal = () => {
    setReporting(false)
    const feature = submission.status === 'filed' ? submission.receipt.map_feature : undefined
    if (location && feature) page.showFeature({ zoom: REPORT_ZOOM, lat: location.lat, lon: location.lon }, { layerId: feature.layer, featureId: feature.feature_id })
    else if (location) page.showPlace({ zoom: REPORT_ZOOM, lat: location.lat, lon: location.lon }, appealsLayer?.id)
    report.flow.restart()
  }
  // A report about the selected feature: its point chosen, the object named.
  const { selectedFeature, selectedPoint } = page
  const reportAbout =
    selection && selectedPoint
      ? (name: string) => {
          report.flow.startAbout({ layer: selection.layerId, featureId: selection.featureId, name }, selectedPoint)
          setReporting(true)
        }
      : undefined
  // An object's page links here with `#report`: open the report about it once the feature is known.
  const objectLayer = selectionLayer?.accepts_appeals ? selectionLayer : undefined
  useEffect(() => {
    if (window.location.hash !== '#report' || !objectLayer || !selectedFeature || !reportAbout) return
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`)
    reportAbout(objectName(objectLayer, selectedFeature, language, t))
  }, [objectLayer, selectedFeature, reportAbout, language, t])

  // Other pages' "report a problem" links here with `#report` and no object: open the report.
  const hasCity = city !== undefined
  useEffect(() => {
    if (window.location.hash !== '#report' || !hasCity || selection) return
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`)
    setReporting(true)
  }, [hasCity, selection])

  const closeReport = () => {
    setReporting(false)
    if (submission.status === 'filed') report.flow.restart()
  }

  const worksControls = (layer: LayerSummary) =>
    isWorksLayer(layer) ? (
      <label className="field-layer__option">
        <input type="checkbox" data-works-now={layer.id} checked={worksNowOnly} onChange={(event) => setWorksNowOnly(event.currentTarget.checked)} /> {t('works.map.nowOnly')}
      </label>
    ) : null

  const appealControls = (layer: LayerSummary) =>
    city && layer.id === appealsLayer?.id ? (
      <AppealLayerControls
        cityId={city.id}
        filter={page.appealFilter}
        view={page.appealView}
        language={language}
        centre={camera}
        onFilterChange={page.setAppealFilter}
        onViewChange={page.setAppealView}
      />
    ) : null

  return (
    <>
      <AppHeader
        cities={page.cities.status === 'ready' ? page.cities.data : []}
        cityId={city?.id}
        language={language}
        onCityChange={page.selectCity}
        onLanguageChange={page.selectLanguage}
      />
      <main className="layout" data-feature-open={selection !== undefined && !reporting} data-reporting={reporting}>
        <OfflineNotice />
        <ProblemAlert problems={page.problems} onDismiss={page.dismissMapErrors} />
        <CataloguePanel
          layers={page.layers}
          visibleLayerIds={page.visibleLayerIds}
          language={language}
          zoom={camera?.zoom}
          onVisibleChange={page.setLayerVisible}
          layerControls={(layer) => appealControls(layer) ?? worksControls(layer)}
        />
        <div id="map" className="layout__map" tabIndex={-1}>
          {city && style && camera ? (
            <MapView
              key={city.id}
              style={style}
              camera={camera}
              cameraOrigin={page.cameraOrigin}
              visibleLayerIds={drawnLayerIds}
              layers={page.layers}
              appeals={appealsLayer && { layerId: appealsLayer.id, filter: page.appealFilter, view: appealView, points: appealPoints }}
              layerFilters={layerFilters}
              locationPicker={
                reporting && draft.step === 'location' && submission.status !== 'filed'
                  ? {
                      location: draft.location,
                      markerLabel: t('report.location.marker'),
                      onPick: (lon, lat) => report.flow.update({ location: { lon, lat, source: 'map' } }),
                    }
                  : undefined
              }
              selection={selection}
              selectionGeometry={selectionLayer?.geometry_type}
              selectionFound={page.selectedFeature !== undefined}
              pin={page.pin}
              describeFeature={(feature) => {
                const layer = page.layers.find((candidate) => candidate.id === feature.layerId)
                return layer ? { name: objectName(layer, feature, language, t), layer: pickText(layer.title, language) } : { name: String(feature.featureId), layer: feature.layerId }
              }}
              onCameraChange={page.moveCamera}
              onFeatureClick={page.selectFeature}
              onSelectionFound={page.foundFeature}
              onMapError={page.reportMapError}
            />
          ) : (
            <p className="layout__loading">{t('app.loading')}</p>
          )}
          {city && !reporting && (
            <ReportButton
              onClick={() => {
                // The general button reports a place: a draft about an object is not carried into it.
                if (draft.object) report.flow.restart()
                setReporting(true)
              }}
            />
          )}
        </div>
        {reporting ? (
          <ReportSheet
            report={report}
            language={language}
            cityId={city?.id ?? ''}
            camera={camera}
            onClose={closeReport}
            onShowOnMap={showFiledAppeal}
          />
        ) : (
          selection && (
            <FeaturePanel
              selection={selection}
              feature={page.selectedFeature}
              layer={selectionLayer}
              language={language}
              onClose={() => page.selectFeature(undefined)}
              onReport={reportAbout}
            />
          )
        )}
      </main>
    </>
  )
}
