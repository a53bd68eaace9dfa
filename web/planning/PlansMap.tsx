import type { Feature } from 'geojson'
import type { GeoJSONSource, LngLatBoundsLike, MapMouseEvent, StyleSpecification } from 'maplibre-gl'
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { LayerSummary } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import { applyLayerVisibility, useMapInstance } from '../map/index.ts'
import type { Language } from '../url-state/index.ts'
import { consultationHref, type Consultation } from './consultation-api.ts'
import { MapFrame, WithCityBasemap } from './FeatureMap.tsx'

const AREAS = 'planning-consultation-areas'

/** Props of {@link PlansMap}. */
export interface PlansMapProps {
  cityId: string
  plans: readonly LayerSummary[]
  consultations: readonly Consultation[]
  language: Language
}

/**
 * The city's plans on one map, drawn as the public map draws them, with the area of each open or
 * coming consultation outlined; a tap inside an outline opens that consultation. The lists
 * beside it say the same for those who do not use the map.
 */
export function PlansMap(props: PlansMapProps) {
  return <WithCityBasemap cityId={props.cityId}>{(basemap) => <PlansCanvas {...props} basemap={basemap} />}</WithCityBasemap>
}

function PlansCanvas({ plans, consultations, language, basemap }: PlansMapProps & { basemap: StyleSpecification }) {
  const { t } = useTranslation()
  const container = useRef<HTMLDivElement>(null)
  const center = (basemap.center as [number, number] | undefined) ?? [30.52, 50.45]
  const instance = useMapInstance(container, basemap, { lon: center[0], lat: center[1], zoom: basemap.zoom ?? 11 })
  const map = instance.status === 'ready' ? instance.map : undefined
  const live = useMemo(() => consultations.filter((c) => c.status !== 'closed'), [consultations])

  useEffect(() => {
    if (!map) return
    applyLayerVisibility(map, new Set(plans.map((p) => p.id)))
    const boxes = plans.flatMap((p) => (p.bbox ? [p.bbox] : []))
    if (boxes.length > 0) {
      const box = [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
      map.fitBounds(box as unknown as LngLatBoundsLike, { padding: 24, maxZoom: 15, animate: false })
    }
  }, [map, plans])

  useEffect(() => {
    if (!map) return
    const features: Feature[] = live.map((c) => {
      const [w, s, e, n] = c.extent_bbox
      return {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
        properties: { id: c.id, title: pickText(c.title, language) },
      }
    })
    const data = { type: 'FeatureCollection' as const, features }
    const source = map.getSource<GeoJSONSource>(AREAS)
    if (source) source.setData(data)
    else {
      map.addSource(AREAS, { type: 'geojson', data })
      map.addLayer({ id: `${AREAS}-fill`, source: AREAS, type: 'fill', paint: { 'fill-color': '#1b4f9c', 'fill-opacity': 0.06 } })
      map.addLayer({ id: `${AREAS}-line`, source: AREAS, type: 'line', paint: { 'line-color': '#1b4f9c', 'line-width': 2, 'line-dasharray': [3, 2] } })
    }
    const open = (event: MapMouseEvent) => {
      const hit = map.queryRenderedFeatures(event.point, { layers: [`${AREAS}-fill`] })[0]
      const id = hit?.properties?.['id']
      if (typeof id === 'number') window.location.assign(consultationHref(id, language))
    }
    map.on('click', open)
    return () => void map.off('click', open)
  }, [map, live, language])

  return (
    <MapFrame
      container={container}
      failed={instance.status === 'failed'}
      label={t('planning.public.mapLabel')}
      className="plans-map"
      data={{ 'data-plans': plans.length, 'data-consultation-areas': live.length }}
    />
  )
}
