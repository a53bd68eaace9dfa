import type { FeatureCollection } from 'geojson'
import type { GeoJSONSource, LayerSpecification, LngLatBoundsLike, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl'
import { Fragment, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MapStyleSchema } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { useMapInstance } from '../map/index.ts'

/** The id of the GeoJSON source (and the prefix of the style layers) a {@link FeatureMap} draws. */
export const FEATURE_SOURCE = 'planning-features'

/** Props of {@link FeatureMap}. */
export interface FeatureMapProps {
  /** The city whose basemap is drawn under the features. */
  cityId: string
  /** The features, lon/lat. */
  data: FeatureCollection | undefined
  /** The style layers that draw {@link FEATURE_SOURCE}; compared by value, so a new array each render is fine. */
  styleLayers: LayerSpecification[]
  /** Where to look: west, south, east, north. */
  bbox: readonly number[] | null | undefined
  /** What the map shows, for screen readers. */
  label: string
}

/**
 * A map of features held in the page on the city's basemap (`/styles/{city}.json`, its data
 * layers hidden), fitted to their extent: the upload preview, the style editor's live preview and
 * the "what changed" view. The number of features drawn is kept in `data-rendered-features`, so
 * a test (or a curious planner's inspector) can tell an empty preview from a full one.
 */
export function FeatureMap(props: FeatureMapProps) {
  return <WithCityBasemap cityId={props.cityId}>{(basemap) => <FeatureMapCanvas {...props} basemap={basemap} />}</WithCityBasemap>
}

/**
 * Reads a city's basemap style (`/styles/{city}.json`) and draws a map with it once read; says
 * so while loading and when it fails. A new city is a new map: the children are keyed by it.
 */
export function WithCityBasemap({ cityId, children }: { cityId: string; children(basemap: StyleSpecification): ReactNode }) {
  const { t } = useTranslation()
  const style = useApiResource(`/styles/${encodeURIComponent(cityId)}.json`, MapStyleSchema)
  if (style.status === 'failed') return <p role="alert">{style.problem.detail ?? style.problem.title}</p>
  if (style.status === 'loading') return <div className="feature-map feature-map--loading" role="status">{t('app.loading')}</div>
  return <Fragment key={cityId}>{children(style.data)}</Fragment>
}

function FeatureMapCanvas({ data, styleLayers, bbox, label, basemap }: FeatureMapProps & { basemap: StyleSpecification }) {
  const container = useRef<HTMLDivElement>(null)
  const center = (basemap.center as [number, number] | undefined) ?? [30.52, 50.45]
  const instance = useMapInstance(container, basemap, { lon: center[0], lat: center[1], zoom: basemap.zoom ?? 11 })
  const map = instance.status === 'ready' ? instance.map : undefined
  const [rendered, setRendered] = useState<number>()

  useEffect(() => {
    if (!map) return
    const source = map.getSource<GeoJSONSource>(FEATURE_SOURCE)
    const features: FeatureCollection = data ?? { type: 'FeatureCollection', features: [] }
    if (source) source.setData(features)
    // Generated ids let the count tell features apart, whether or not the data has ids.
    else map.addSource(FEATURE_SOURCE, { type: 'geojson', data: features, generateId: true })
  }, [map, data])

  const layersKey = JSON.stringify(styleLayers)
  useEffect(() => {
    if (!map || !map.getSource(FEATURE_SOURCE)) return
    const layers = JSON.parse(layersKey) as LayerSpecification[]
    drawnLayerIds(map).forEach((id) => map.removeLayer(id))
    layers.forEach((layer) => map.addLayer(layer))
  }, [map, layersKey, data])

  const bboxKey = JSON.stringify(bbox ?? null)
  useEffect(() => {
    const box = JSON.parse(bboxKey) as number[] | null
    if (!map || !box || box.length < 4) return
    map.fitBounds(box as unknown as LngLatBoundsLike, { padding: 32, maxZoom: 17, animate: false })
  }, [map, bboxKey])

  useEffect(() => {
    if (!map) return
    const count = () => {
      const layers = drawnLayerIds(map)
      const features = layers.length === 0 ? [] : map.queryRenderedFeatures({ layers })
      // A polygon is drawn by its fill and its outline, and a feature cut by tiles more than once: count ids.
      setRendered(new Set(features.map((f) => f.id)).size)
    }
    map.on('idle', count)
    map.triggerRepaint()
    return () => void map.off('idle', count)
  }, [map])

  return <MapFrame container={container} failed={instance.status === 'failed'} label={label} data={{ 'data-rendered-features': rendered }} />
}

/**
 * The frame of a page's map: a named region holding the canvas MapLibre draws in, and the reason
 * when it cannot (no WebGL). `data-*` attributes tell tests and inspectors what it draws.
 */
export function MapFrame({ container, failed, label, className, data }: { container: RefObject<HTMLDivElement | null>; failed: boolean; label: string; className?: string; data?: Record<`data-${string}`, string | number | undefined> }) {
  const { t } = useTranslation()
  return (
    <div className={`feature-map${className ? ` ${className}` : ''}`} role="region" aria-label={label} {...data}>
      <div ref={container} className="feature-map__canvas" />
      {failed && (
        <p className="map-view__failure" role="alert">
          {t('map.noWebGl')}
        </p>
      )}
    </div>
  )
}

/** The style layers drawing the features, as added by this component. */
function drawnLayerIds(map: MapLibreMap): string[] {
  return map.getLayersOrder().filter((id) => map.getLayer(id)?.source === FEATURE_SOURCE)
}
