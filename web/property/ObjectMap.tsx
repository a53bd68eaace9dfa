import type { Feature, FeatureCollection, Polygon } from 'geojson'
import type { ExpressionSpecification, FilterSpecification, GeoJSONSource, LngLatBoundsLike, MapMouseEvent, StyleSpecification } from 'maplibre-gl'
import { useEffect, useMemo, useRef } from 'react'
import { applyLayerVisibility, useMapInstance } from '../map/index.ts'
import { MapFrame, WithCityBasemap } from '../planning/index.ts'
import type { LonLat } from './drawn-area.ts'
import { boundsOf, type Box } from './object-geometry.ts'

/** The source of the objects; its style layers start with this id. */
const OBJECTS = 'property-objects'
/** The source of the search area (drawn, or being drawn). */
const AREA = 'property-area'
/** The search area's colour: apart from every status colour. */
const AREA_COLOUR = '#d81b60'
/** The outline of the selected object. */
const SELECTED_COLOUR = '#111827'

/** Props of {@link ObjectMap}. */
export interface ObjectMapProps {
  cityId: string
  /** The objects with a place (`placedFeatures`), each with its `status`. */
  objects: FeatureCollection
  /** The colour of each status. */
  colours: Readonly<Record<string, string>>
  /** The object highlighted, by id. */
  selected: number | undefined
  /** Bring the selected object into view (it was chosen in the list, not on the map). */
  followSelection: boolean
  /** A tap on an object; not called while an area is being drawn. */
  onSelect(id: number): void
  /** While drawing a search area: its corners so far, and what a tap adds. */
  drawing?: { corners: readonly LonLat[]; onTap(at: LonLat): void } | undefined
  /** The search area in force. */
  area?: Polygon | undefined
  /** The view after each move, west/south/east/north: the "search this view" button's area. */
  onViewChange?(box: Box): void
  label: string
  className?: string
}

/**
 * Objects on the city's basemap, coloured by status, the selected one outlined; and the search
 * area. Fitted to the objects whenever they change, and to the selected one when it was picked
 * in the list. `data-ready` is set once it takes taps; `data-objects` counts the objects drawn,
 * `data-selected` names the highlighted one and `data-drawing` the corners tapped, for tests and
 * inspectors; the list beside it says the same for those who do not use the map.
 */
export function ObjectMap(props: ObjectMapProps) {
  return <WithCityBasemap cityId={props.cityId}>{(basemap) => <ObjectCanvas {...props} basemap={basemap} />}</WithCityBasemap>
}

function ObjectCanvas({ objects, colours, selected, followSelection, onSelect, drawing, area, onViewChange, label, className, basemap }: ObjectMapProps & { basemap: StyleSpecification }) {
  const container = useRef<HTMLDivElement>(null)
  const center = (basemap.center as [number, number] | undefined) ?? [30.52, 50.45]
  const instance = useMapInstance(container, basemap, { lon: center[0], lat: center[1], zoom: basemap.zoom ?? 11 })
  const map = instance.status === 'ready' ? instance.map : undefined
  // Handlers change every render; the map's listeners read the latest through refs.
  const handlers = useRef({ onSelect, drawing, onViewChange })
  handlers.current = { onSelect, drawing, onViewChange }
  const colourKey = JSON.stringify(colours)

  useEffect(() => {
    if (!map) return
    map.resize()
    applyLayerVisibility(map, new Set())
    const palette = JSON.parse(colourKey) as Record<string, string>
    const colour: ExpressionSpecification = ['match', ['get', 'status'], ...Object.entries(palette).flat(), '#6b7280'] as unknown as ExpressionSpecification
    map.addSource(OBJECTS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    const polygons: FilterSpecification = ['==', ['geometry-type'], 'Polygon']
    const points: FilterSpecification = ['==', ['geometry-type'], 'Point']
    map.addLayer({ id: `${OBJECTS}-fill`, source: OBJECTS, type: 'fill', filter: polygons, paint: { 'fill-color': colour, 'fill-opacity': 0.35 } })
    map.addLayer({ id: `${OBJECTS}-line`, source: OBJECTS, type: 'line', filter: polygons, paint: { 'line-color': colour, 'line-width': 1.5 } })
    map.addLayer({ id: `${OBJECTS}-point`, source: OBJECTS, type: 'circle', filter: points, paint: { 'circle-radius': 6, 'circle-color': colour, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } })
    map.addLayer({ id: `${OBJECTS}-selected-line`, source: OBJECTS, type: 'line', filter: ['==', ['id'], -1], paint: { 'line-color': SELECTED_COLOUR, 'line-width': 4 } })
    map.addLayer({ id: `${OBJECTS}-selected-point`, source: OBJECTS, type: 'circle', filter: ['==', ['id'], -1], paint: { 'circle-radius': 10, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': SELECTED_COLOUR, 'circle-stroke-width': 3 } })
    map.addSource(AREA, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    map.addLayer({ id: `${AREA}-fill`, source: AREA, type: 'fill', filter: polygons, paint: { 'fill-color': AREA_COLOUR, 'fill-opacity': 0.08 } })
    map.addLayer({ id: `${AREA}-line`, source: AREA, type: 'line', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': AREA_COLOUR, 'line-width': 2, 'line-dasharray': [2, 1] } })
    map.addLayer({ id: `${AREA}-point`, source: AREA, type: 'circle', filter: points, paint: { 'circle-radius': 5, 'circle-color': AREA_COLOUR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } })
    const click = (event: MapMouseEvent) => {
      const { drawing: draw, onSelect: select } = handlers.current
      if (draw) return draw.onTap([event.lngLat.lng, event.lngLat.lat])
      const hit = map.queryRenderedFeatures(event.point, { layers: [`${OBJECTS}-point`, `${OBJECTS}-fill`] })[0]
      if (typeof hit?.id === 'number') select(hit.id)
    }
    const moved = () => {
      const b = map.getBounds()
      handlers.current.onViewChange?.([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()])
    }
    map.on('click', click)
    map.on('moveend', moved)
    moved()
    return () => {
      map.off('click', click)
      map.off('moveend', moved)
    }
  }, [map, colourKey])

  useEffect(() => {
    if (!map) return
    map.getSource<GeoJSONSource>(OBJECTS)?.setData(objects)
    const box = boundsOf(objects.features.map((f) => f.geometry))
    if (box) map.fitBounds(box as LngLatBoundsLike, { padding: 32, maxZoom: 16, animate: false })
  }, [map, objects])

  useEffect(() => {
    if (!map) return
    const only: FilterSpecification = ['==', ['id'], selected ?? -1]
    map.setFilter(`${OBJECTS}-selected-line`, ['all', ['==', ['geometry-type'], 'Polygon'], only])
    map.setFilter(`${OBJECTS}-selected-point`, ['all', ['==', ['geometry-type'], 'Point'], only])
    if (!followSelection || selected === undefined) return
    const box = boundsOf(objects.features.filter((f) => f.id === selected).map((f) => f.geometry))
    if (box) map.fitBounds(box as LngLatBoundsLike, { padding: 64, maxZoom: 16, duration: 600 })
  }, [map, selected, followSelection, objects])

  const corners = drawing?.corners
  const areaFeatures = useMemo(() => searchAreaFeatures(corners, area), [corners, area])
  useEffect(() => {
    map?.getSource<GeoJSONSource>(AREA)?.setData({ type: 'FeatureCollection', features: areaFeatures })
  }, [map, areaFeatures])

  useEffect(() => {
    if (map) map.getCanvas().style.cursor = drawing ? 'crosshair' : ''
  }, [map, drawing])

  return (
    <MapFrame
      container={container}
      failed={instance.status === 'failed'}
      label={label}
      className={`property-map${className ? ` ${className}` : ''}`}
      data={{ 'data-ready': map ? 'true' : undefined, 'data-objects': objects.features.length, 'data-selected': selected, 'data-drawing': drawing ? drawing.corners.length : undefined }}
    />
  )
}

/** The corners being tapped and their outline, or the search area in force. */
function searchAreaFeatures(corners: readonly LonLat[] | undefined, area: Polygon | undefined): Feature[] {
  if (corners) {
    const points: Feature[] = corners.map((c) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: {} }))
    if (corners.length >= 2) points.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [...corners] }, properties: {} })
    return points
  }
  return area ? [{ type: 'Feature', geometry: area, properties: {} }] : []
}
