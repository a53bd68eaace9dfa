import type { Feature, FeatureCollection } from 'geojson'
import type { ExpressionSpecification, GeoJSONSource, LngLatBoundsLike, MapMouseEvent, StyleSpecification } from 'maplibre-gl'
import { useEffect, useMemo, useRef } from 'react'
import { applyLayerVisibility, useMapInstance } from '../map/index.ts'
import { MapFrame, WithCityBasemap } from '../planning/index.ts'
import type { BudgetProposal } from './budget-api.ts'
import type { DrawnPlace, LonLat } from './place-drawing.ts'
import { proposalShade, SHADE_COLOURS } from './proposal-list.ts'

/** The source of the proposals; its style layers start with this id. */
const PROPOSALS = 'budget-proposals'
/** The source of the place being marked in the wizard. */
const DRAFT = 'budget-draft'
/** The marked place's colour: apart from every status colour. */
const DRAFT_COLOUR = '#d81b60'

/** Props of {@link BudgetMap}. */
export interface BudgetMapProps {
  cityId: string
  proposals: readonly BudgetProposal[]
  /** The place being marked for a new proposal. */
  draft?: DrawnPlace
  /** A tap on the map where no proposal is; without it a tap on a proposal selects it. */
  onPick?(at: LonLat): void
  /** A tap on a proposal. */
  onSelect?(id: string): void
  label: string
  className?: string
}

/**
 * Proposals on the city's basemap, points and areas, each coloured by its status or, after the
 * count, by its outcome, winners outlined heavier; and the place being marked in the wizard. The
 * map is fitted to what it draws. `data-ready` is set once it takes taps; the counts drawn are kept
 * in `data-proposals`, `data-winners` and `data-draft` for tests and inspectors; the list beside it says the same for those who do not use the map.
 */
export function BudgetMap(props: BudgetMapProps) {
  return <WithCityBasemap cityId={props.cityId}>{(basemap) => <BudgetCanvas {...props} basemap={basemap} />}</WithCityBasemap>
}

function BudgetCanvas({ proposals, draft, onPick, onSelect, label, className, basemap }: BudgetMapProps & { basemap: StyleSpecification }) {
  const container = useRef<HTMLDivElement>(null)
  const center = (basemap.center as [number, number] | undefined) ?? [30.52, 50.45]
  const instance = useMapInstance(container, basemap, { lon: center[0], lat: center[1], zoom: basemap.zoom ?? 11 })
  const map = instance.status === 'ready' ? instance.map : undefined
  // Handlers change every render; the map's listener reads the latest through refs.
  const pick = useRef(onPick)
  const select = useRef(onSelect)
  pick.current = onPick
  select.current = onSelect
  const data = useMemo(() => proposalFeatures(proposals), [proposals])

  useEffect(() => {
    if (!map) return
    map.resize()
    applyLayerVisibility(map, new Set())
    map.addSource(PROPOSALS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    const colour: ExpressionSpecification = ['get', 'colour']
    const won: ExpressionSpecification = ['==', ['get', 'shade'], 'won']
    map.addLayer({ id: `${PROPOSALS}-fill`, source: PROPOSALS, type: 'fill', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': colour, 'fill-opacity': ['case', won, 0.45, 0.25] } })
    map.addLayer({ id: `${PROPOSALS}-line`, source: PROPOSALS, type: 'line', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'line-color': colour, 'line-width': ['case', won, 4, 2] } })
    map.addLayer({
      id: `${PROPOSALS}-point`,
      source: PROPOSALS,
      type: 'circle',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': ['case', won, 10, 7], 'circle-color': colour, 'circle-stroke-color': ['case', won, '#052e16', '#ffffff'], 'circle-stroke-width': ['case', won, 3, 2] },
    })
    map.addSource(DRAFT, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
    map.addLayer({ id: `${DRAFT}-fill`, source: DRAFT, type: 'fill', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': DRAFT_COLOUR, 'fill-opacity': 0.2 } })
    map.addLayer({ id: `${DRAFT}-line`, source: DRAFT, type: 'line', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': DRAFT_COLOUR, 'line-width': 3 } })
    map.addLayer({ id: `${DRAFT}-point`, source: DRAFT, type: 'circle', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 6, 'circle-color': DRAFT_COLOUR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } })
    const click = (event: MapMouseEvent) => {
      if (pick.current) return pick.current([event.lngLat.lng, event.lngLat.lat])
      const hit = map.queryRenderedFeatures(event.point, { layers: [`${PROPOSALS}-fill`, `${PROPOSALS}-point`] })[0]
      const id = hit?.properties?.['id']
      if (typeof id === 'string') select.current?.(id)
    }
    map.on('click', click)
    return () => void map.off('click', click)
  }, [map])

  useEffect(() => {
    if (!map) return
    map.getSource<GeoJSONSource>(PROPOSALS)?.setData(data)
    const box = boundsOf(data.features)
    if (box) map.fitBounds(box as unknown as LngLatBoundsLike, { padding: 32, maxZoom: 16, animate: false })
  }, [map, data])

  useEffect(() => {
    if (!map) return
    const features = draftFeatures(draft ?? { kind: 'none' })
    map.getSource<GeoJSONSource>(DRAFT)?.setData({ type: 'FeatureCollection', features })
    // A place typed as coordinates may lie outside the view: bring it in. A tapped one is in view already.
    const box = boundsOf(features)
    const view = map.getBounds()
    if (box && !(view.contains([box[0], box[1]]) && view.contains([box[2], box[3]]))) {
      map.fitBounds(box as unknown as LngLatBoundsLike, { padding: 48, maxZoom: 17, animate: false })
    }
  }, [map, draft])

  return (
    <MapFrame
      container={container}
      failed={instance.status === 'failed'}
      label={label}
      className={`budget-map${className ? ` ${className}` : ''}`}
      data={{ 'data-ready': map ? 'true' : undefined, 'data-proposals': proposals.length, 'data-winners': proposals.filter((p) => p.outcome === 'won').length, 'data-draft': draftState(draft) }}
    />
  )
}

/** The proposals as GeoJSON features with their id, shade and colour. */
function proposalFeatures(proposals: readonly BudgetProposal[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: proposals.map((p) => {
      const shade = proposalShade(p)
      const geometry = p.geometry.type === 'Point' ? { type: 'Point' as const, coordinates: p.geometry.coordinates as number[] } : { type: 'Polygon' as const, coordinates: p.geometry.coordinates as number[][][] }
      return { type: 'Feature', geometry, properties: { id: p.id, shade, colour: SHADE_COLOURS[shade] } }
    }),
  }
}

/** The marked place: its corners and its outline (closed once the area is), or its point. */
function draftFeatures(place: DrawnPlace): Feature[] {
  if (place.kind === 'point') return [{ type: 'Feature', geometry: { type: 'Point', coordinates: place.at }, properties: {} }]
  if (place.kind === 'none') return []
  const corners: Feature[] = place.corners.map((c) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: {} }))
  if (place.closed && place.corners.length >= 3) return [...corners, { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...place.corners, place.corners[0]!]] }, properties: {} }]
  if (place.corners.length >= 2) return [...corners, { type: 'Feature', geometry: { type: 'LineString', coordinates: place.corners }, properties: {} }]
  return corners
}

/** What the marked place is, for `data-draft`: `none`, `point`, `area:<corners>` or `area:<corners>:closed`. */
function draftState(place: DrawnPlace | undefined): string | undefined {
  if (!place) return undefined
  if (place.kind === 'area') return `area:${place.corners.length}${place.closed ? ':closed' : ''}`
  return place.kind
}

/** West, south, east, north of every position of the features; undefined when there are none. */
function boundsOf(features: readonly Feature[]): [number, number, number, number] | undefined {
  const xs: number[] = []
  const ys: number[] = []
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      xs.push(value[0] as number)
      ys.push(value[1] as number)
    } else if (Array.isArray(value)) value.forEach(walk)
  }
  for (const f of features) if ('coordinates' in f.geometry) walk(f.geometry.coordinates)
  return xs.length === 0 ? undefined : [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}
