import type { Feature, FeatureCollection } from 'geojson'
import type { GeoJSONSource, LngLatBoundsLike, MapMouseEvent, StyleSpecification } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import type { GeometryKind, LayerStyle } from '../../api/contract/index.ts'
import { useMapInstance } from '../map/index.ts'
import type { ConsultationComment } from './consultation-api.ts'
import { MapFrame, WithCityBasemap } from './FeatureMap.tsx'
import { previewStyleLayers } from './layer-paint.ts'

/** The source of the plan's features; its style layers start with this id. */
const PLAN_SOURCE = 'consultation-plan'
/** The source of the published comments and of the pin being placed. */
const COMMENT_SOURCE = 'consultation-comments'

/** Where a resident points: a place, and the plan's feature there, if any. */
export interface PickedPlace {
  lon: number
  lat: number
  featureId: number | null
}

/** Props of {@link ConsultationMap}. */
export interface ConsultationMapProps {
  cityId: string
  /** The plan's features, lon/lat, each with its feature id as `id`. */
  plan: FeatureCollection | undefined
  geometry: GeometryKind
  style: LayerStyle
  bbox: readonly number[]
  comments: readonly ConsultationComment[]
  /** The place of the comment being written; drawn as a pin. */
  pin: PickedPlace | null
  /** The corners of an area being marked for the comment, lon/lat; null when none is. */
  area: readonly [number, number][] | null
  /** The comment whose place is shown as selected. */
  selectedComment: number | null
  /** A tap or click on the map: the place and the plan's feature under it. Without it the map only shows. */
  onPick?(place: PickedPlace): void
  /** A tap on a comment's marker. */
  onSelectComment?(id: number): void
  label: string
}

/**
 * The plan under consultation on the city's basemap, its comments as markers (answered ones in
 * the council's colour), and the pin or the marked area of a new comment. A tap on a feature of the plan pins the
 * comment to that feature; anywhere else, to the place. The numbers drawn are kept in
 * `data-plan-features` and `data-comments` for tests and inspectors.
 */
export function ConsultationMap(props: ConsultationMapProps) {
  return <WithCityBasemap cityId={props.cityId}>{(basemap) => <ConsultationCanvas {...props} basemap={basemap} />}</WithCityBasemap>
}

function ConsultationCanvas(props: ConsultationMapProps & { basemap: StyleSpecification }) {
  const container = useRef<HTMLDivElement>(null)
  const [w, s, e, n] = props.bbox
  const instance = useMapInstance(container, props.basemap, { lon: (w! + e!) / 2, lat: (s! + n!) / 2, zoom: 13 })
  const map = instance.status === 'ready' ? instance.map : undefined
  // Handlers change every render; the map's listeners read the latest through refs.
  const onPick = useRef(props.onPick)
  const onSelectComment = useRef(props.onSelectComment)
  onPick.current = props.onPick
  onSelectComment.current = props.onSelectComment

  useEffect(() => {
    if (!map) return
    // The page may have laid the map out again since it was made (a phone's stacked layout).
    map.resize()
    map.fitBounds(props.bbox as unknown as LngLatBoundsLike, { padding: 24, maxZoom: 17, animate: false })
    map.addSource(PLAN_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    for (const layer of previewStyleLayers(PLAN_SOURCE, props.geometry, props.style)) map.addLayer(layer)
    map.addSource(COMMENT_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    map.addLayer({
      id: `${COMMENT_SOURCE}-area`,
      source: COMMENT_SOURCE,
      type: 'line',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': '#1b4f9c', 'line-width': 2, 'line-dasharray': [2, 1] },
    })
    map.addLayer({
      id: `${COMMENT_SOURCE}-marker`,
      source: COMMENT_SOURCE,
      type: 'circle',
      filter: ['==', ['get', 'kind'], 'comment'],
      paint: {
        'circle-radius': ['case', ['get', 'selected'], 10, 7],
        'circle-color': ['case', ['get', 'answered'], '#1b4f9c', '#ffffff'],
        'circle-stroke-color': '#1b4f9c',
        'circle-stroke-width': ['case', ['get', 'selected'], 4, 2],
      },
    })
    map.addLayer({
      id: `${COMMENT_SOURCE}-draft-area`,
      source: COMMENT_SOURCE,
      type: 'line',
      filter: ['==', ['get', 'kind'], 'draft-area'],
      paint: { 'line-color': '#d81b60', 'line-width': 3 },
    })
    map.addLayer({
      id: `${COMMENT_SOURCE}-draft-corner`,
      source: COMMENT_SOURCE,
      type: 'circle',
      filter: ['==', ['get', 'kind'], 'draft-corner'],
      paint: { 'circle-radius': 6, 'circle-color': '#d81b60', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    })
    map.addLayer({
      id: `${COMMENT_SOURCE}-pin`,
      source: COMMENT_SOURCE,
      type: 'circle',
      filter: ['==', ['get', 'kind'], 'pin'],
      paint: { 'circle-radius': 9, 'circle-color': '#d81b60', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    })
    const planLayers = () => map.getLayersOrder().filter((id) => map.getLayer(id)?.source === PLAN_SOURCE)
    const click = (event: MapMouseEvent) => {
      const marker = map.queryRenderedFeatures(event.point, { layers: [`${COMMENT_SOURCE}-marker`] })[0]
      const commentId = marker?.properties?.['id']
      if (typeof commentId === 'number' && onSelectComment.current) return onSelectComment.current(commentId)
      if (!onPick.current) return
      const feature = map.queryRenderedFeatures(event.point, { layers: planLayers() })[0]
      onPick.current({ lon: event.lngLat.lng, lat: event.lngLat.lat, featureId: typeof feature?.id === 'number' ? feature.id : null })
    }
    map.on('click', click)
    return () => void map.off('click', click)
    // The plan's paint and extent are set once: the page shows one consultation.
  }, [map])

  useEffect(() => {
    map?.getSource<GeoJSONSource>(PLAN_SOURCE)?.setData(props.plan ?? { type: 'FeatureCollection', features: [] })
  }, [map, props.plan])

  const { comments, pin, area, selectedComment } = props
  useEffect(() => {
    if (!map) return
    const markers: Feature[] = comments.map((c) => ({
      type: 'Feature',
      geometry: c.geometry.type === 'Point' ? { type: 'Point', coordinates: c.geometry.coordinates as number[] } : { type: 'Polygon', coordinates: c.geometry.coordinates as number[][][] },
      properties: { id: c.id, kind: 'comment', answered: c.answer !== null, selected: c.id === selectedComment },
    }))
    // An area's marker sits at its first corner, so every comment can be tapped.
    const corners: Feature[] = comments
      .filter((c) => c.geometry.type === 'Polygon')
      .map((c) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: (c.geometry.coordinates as number[][][])[0]![0]! }, properties: { id: c.id, kind: 'comment', answered: c.answer !== null, selected: c.id === selectedComment } }))
    const pinFeature: Feature[] = pin ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [pin.lon, pin.lat] }, properties: { kind: 'pin' } }] : []
    // The area being marked: its corners, and its outline closed back to the first corner.
    const draft: Feature[] = (area ?? []).map((c) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [...c] }, properties: { kind: 'draft-corner' } }))
    if (area && area.length >= 2) {
      const ring = [...area, ...(area.length >= 3 ? [area[0]!] : [])].map((c) => [...c])
      draft.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: ring }, properties: { kind: 'draft-area' } })
    }
    map.getSource<GeoJSONSource>(COMMENT_SOURCE)?.setData({ type: 'FeatureCollection', features: [...markers, ...corners, ...draft, ...pinFeature] })
  }, [map, comments, pin, area, selectedComment])

  useEffect(() => {
    if (!map || selectedComment === null) return
    const comment = comments.find((c) => c.id === selectedComment)
    if (comment?.geometry.type === 'Point') map.easeTo({ center: comment.geometry.coordinates as [number, number], duration: 300 })
  }, [map, comments, selectedComment])

  return (
    <MapFrame
      container={container}
      failed={instance.status === 'failed'}
      label={props.label}
      className="consultation-map"
      data={{
        'data-plan-features': props.plan?.features.length,
        'data-comments': comments.length,
        'data-pin': pin ? `${pin.lon.toFixed(6)},${pin.lat.toFixed(6)}` : undefined,
        'data-area-corners': area?.length,
      }}
    />
  )
}
