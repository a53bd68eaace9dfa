import type { FeatureCollection } from 'geojson'
import { type ExpressionSpecification, type GeoJSONSource, type LngLatBoundsLike, Marker } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { useMapInstance } from '../map/index.ts'
import { MapFrame, WithCityBasemap } from '../planning/index.ts'
import { PLACE_ZOOM } from './result-target.ts'
import type { SearchResult } from './search-request.ts'

/** Props of {@link SearchResultsMap}. */
export interface SearchResultsMapProps {
  cityId: string
  results: readonly SearchResult[]
  highlighted: number | undefined
  onHighlight(index: number | undefined): void
  /** What the map shows, for screen readers. */
  label: string
}

/** The GeoJSON source of the results' boxes, and the prefix of its style layers. */
const BOX_SOURCE = 'search-result-boxes'
const BOX_COLOUR = '#1d4ed8'
const HIGHLIGHT_COLOUR = '#b91c1c'

/** The results that are boxes, as outlines: each feature carries its index in the results. */
function boxFeatures(results: readonly SearchResult[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: results.flatMap((result, index) => {
      if (!result.bbox || result.point) return []
      const [w, s, e, n] = result.bbox
      return [{ type: 'Feature' as const, properties: { index }, geometry: { type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } }]
    }),
  }
}

/** The box around every result's place, or undefined when none has one. */
function resultsExtent(results: readonly SearchResult[]): [number, number, number, number] | undefined {
  const boxes = results.flatMap((r) => (r.point ? [[r.point[0], r.point[1], r.point[0], r.point[1]]] : r.bbox ? [[...r.bbox]] : []))
  if (boxes.length === 0) return undefined
  return [Math.min(...boxes.map((b) => b[0]!)), Math.min(...boxes.map((b) => b[1]!)), Math.max(...boxes.map((b) => b[2]!)), Math.max(...boxes.map((b) => b[3]!))]
}

/**
 * The results on the city's basemap, fitted to them all: points as numbered markers, boxes as
 * outlines. The highlighted result's marker and outline stand out; pointing at or clicking a marker
 * highlights its result (and the list follows). How many markers and outlines are drawn is kept in
 * `data-markers` and `data-boxes`, the highlighted result in `data-highlighted`.
 */
export function SearchResultsMap(props: SearchResultsMapProps) {
  return <WithCityBasemap cityId={props.cityId}>{(basemap) => <ResultsCanvas {...props} basemap={basemap} />}</WithCityBasemap>
}

function ResultsCanvas({ results, highlighted, onHighlight, label, basemap }: SearchResultsMapProps & { basemap: Parameters<typeof useMapInstance>[1] }) {
  const container = useRef<HTMLDivElement>(null)
  const center = (basemap.center as [number, number] | undefined) ?? [30.52, 50.45]
  const instance = useMapInstance(container, basemap, { lon: center[0], lat: center[1], zoom: basemap.zoom ?? 11 })
  const map = instance.status === 'ready' ? instance.map : undefined
  const markers = useRef<Marker[]>([])
  const latest = useRef(onHighlight)
  latest.current = onHighlight

  // Points: one marker each, a button named by the result, numbered as in the list.
  useEffect(() => {
    if (!map) return
    markers.current = results.flatMap((result, index) => {
      if (!result.point) return []
      const element = document.createElement('button')
      element.type = 'button'
      element.className = 'search-marker'
      element.textContent = String(index + 1)
      // The name starts with the number it shows, as the list does (WCAG 2.5.3, label in name).
      element.setAttribute('aria-label', `${index + 1}. ${result.title}`)
      element.dataset.index = String(index)
      element.addEventListener('mouseenter', () => latest.current(index))
      element.addEventListener('focus', () => latest.current(index))
      element.addEventListener('click', () => latest.current(index))
      return [new Marker({ element }).setLngLat(result.point).addTo(map)]
    })
    return () => {
      markers.current.forEach((marker) => marker.remove())
      markers.current = []
    }
  }, [map, results])

  // Boxes: outlines, the highlighted one in red and wider.
  useEffect(() => {
    if (!map) return
    const data = boxFeatures(results)
    const source = map.getSource<GeoJSONSource>(BOX_SOURCE)
    if (source) source.setData(data)
    else {
      map.addSource(BOX_SOURCE, { type: 'geojson', data })
      map.addLayer({ id: `${BOX_SOURCE}-outline`, type: 'line', source: BOX_SOURCE, paint: { 'line-color': BOX_COLOUR, 'line-width': 2 } })
    }
    const extent = resultsExtent(results)
    if (extent) map.fitBounds(extent as LngLatBoundsLike, { padding: 40, maxZoom: PLACE_ZOOM - 1, animate: false })
  }, [map, results])

  useEffect(() => {
    if (!map || !map.getLayer(`${BOX_SOURCE}-outline`)) return
    const isHighlighted: ExpressionSpecification = ['==', ['get', 'index'], highlighted ?? -1]
    map.setPaintProperty(`${BOX_SOURCE}-outline`, 'line-color', ['case', isHighlighted, HIGHLIGHT_COLOUR, BOX_COLOUR])
    map.setPaintProperty(`${BOX_SOURCE}-outline`, 'line-width', ['case', isHighlighted, 4, 2])
    for (const marker of markers.current) {
      const element = marker.getElement()
      const on = element.dataset.index === String(highlighted)
      element.classList.toggle('search-marker--highlighted', on)
      // The highlighted marker is drawn over its neighbours.
      element.style.zIndex = on ? '2' : ''
    }
  }, [map, results, highlighted])

  return (
    <MapFrame
      container={container}
      failed={instance.status === 'failed'}
      label={label}
      className="search-results-map"
      data={{ 'data-markers': map ? results.filter((r) => r.point).length : undefined, 'data-boxes': results.filter((r) => r.bbox && !r.point).length, 'data-highlighted': highlighted }}
    />
  )
}
