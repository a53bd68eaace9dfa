import { useTranslation } from 'react-i18next'
import { useMapPage } from '../hooks/use-map-page.ts'
import { MapView } from '../map/MapView.tsx'
import { AppHeader } from './AppHeader.tsx'
import { CataloguePanel } from './CataloguePanel.tsx'
import { FeaturePanel } from './FeaturePanel.tsx'
import { ProblemAlert } from './ProblemAlert.tsx'

/** The public map page: header, layer catalogue, map and the selected feature's panel. */
export function App() {
  const { t } = useTranslation()
  const page = useMapPage()
  const { city, style, camera, selection, language } = page
  const selectionLayer = selection && page.layers.find((layer) => layer.id === selection.layerId)

  return (
    <>
      <AppHeader
        cities={page.cities.status === 'ready' ? page.cities.data : []}
        cityId={city?.id}
        language={language}
        onCityChange={page.selectCity}
        onLanguageChange={page.selectLanguage}
      />
      <main className="layout" data-feature-open={selection !== undefined}>
        <ProblemAlert problems={page.problems} onDismiss={page.dismissMapErrors} />
        <CataloguePanel
          layers={page.layers}
          visibleLayerIds={page.visibleLayerIds}
          language={language}
          zoom={camera?.zoom}
          onVisibleChange={page.setLayerVisible}
        />
        <div id="map" className="layout__map" tabIndex={-1}>
          {city && style && camera ? (
            <MapView
              key={city.id}
              style={style}
              camera={camera}
              cameraOrigin={page.cameraOrigin}
              visibleLayerIds={page.visibleLayerIds}
              selection={selection}
              selectionGeometry={selectionLayer?.geometry_type}
              selectionFound={page.selectedFeature !== undefined}
              onCameraChange={page.moveCamera}
              onFeatureClick={page.selectFeature}
              onSelectionFound={page.foundFeature}
              onMapError={page.reportMapError}
            />
          ) : (
            <p className="layout__loading">{t('app.loading')}</p>
          )}
        </div>
        {selection && (
          <FeaturePanel
            selection={selection}
            feature={page.selectedFeature}
            layer={selectionLayer}
            language={language}
            onClose={() => page.selectFeature(undefined)}
          />
        )}
      </main>
    </>
  )
}
