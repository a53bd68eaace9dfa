import 'maplibre-gl/dist/maplibre-gl.css'
import type { ExpressionSpecification, MapMouseEvent, StyleSpecification } from 'maplibre-gl'
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { GeometryKind } from '../../api/contract/index.ts'
import type { ViewOrigin } from '../hooks/index.ts'
import type { AppealFilter, AppealView, Camera, FeatureRef, Pin } from '../url-state/index.ts'
import { applyAppealFilter } from './appeal-filter.ts'
import { pickFeatureAt, watchForFeature, type SelectedFeature } from './feature-picking.ts'
import { FeaturesHere } from './FeaturesHere.tsx'
import { applyLayerFilter } from './layer-filter.ts'
import { applyLayerVisibility } from './layer-visibility.ts'
import { installMapTestHook } from './map-test-hook.ts'
import { showSelectionHighlight } from './selection-highlight.ts'
import { syncSourceVersions } from './source-versions.ts'
import { useAppealDensity } from './use-appeal-density.ts'
import type { AppealPoint } from './use-appeal-points.ts'
import { useLocationPicker, type LocationPicker } from './use-location-picker.ts'
import { useMapInstance } from './use-map-instance.ts'
import { usePlacePin } from './use-place-pin.ts'

/** The appeals layer of the city and how to draw it. */
export interface AppealsDrawing {
  layerId: string
  filter: AppealFilter | undefined
  /** Points are drawn by MapLibre from the tiles; the density views by deck.gl from `points`. */
  view: AppealView
  points: readonly AppealPoint[]
}

/** Props of {@link MapView}. */
export interface MapViewProps {
  /** The city's style from the server; read once (key the component by city). */
  style: StyleSpecification
  /** Where the map should look; it only jumps there when `cameraOrigin` is `'app'`. */
  camera: Camera
  cameraOrigin: ViewOrigin
  /** Catalogue ids of the data layers to draw. */
  visibleLayerIds: readonly string[]
  /** The catalogue's layers with their current TileJSON URLs; sources follow their versions. */
  layers: ReadonlyArray<{ id: string; tilejson: string }>
  /** The city's appeals layer, when it has one. */
  appeals: AppealsDrawing | undefined
  /** Extra filters of catalogue layers by id (the works on now); null or left out, a layer draws as its style says. */
  layerFilters?: Readonly<Record<string, ExpressionSpecification | null>>
  /** While set, clicks place the reported problem instead of selecting features. */
  locationPicker: LocationPicker | undefined
  /** The selected feature, highlighted on the map; its geometry kind picks the highlight. */
  selection: FeatureRef | undefined
  selectionGeometry: GeometryKind | undefined
  /** Whether the app already has the selection's attributes; if not, the map looks it up. */
  selectionFound: boolean
  /** A place the search found, marked with a pin and its name. */
  pin?: Pin | undefined
  /** The map came to rest somewhere new (after a pan, zoom or jump). */
  onCameraChange(camera: Camera): void
  /** A click picked a feature, or nothing (undefined). */
  onFeatureClick(feature: SelectedFeature | undefined): void
  /** The selection from the URL was found in the loaded tiles, with its attributes. */
  onSelectionFound(feature: SelectedFeature): void
  /** MapLibre reported an error (a tile or source that failed, an invalid style). */
  onMapError(message: string): void
  /** What to call a feature in the "features here" list; the list is offered when given. */
  describeFeature?(feature: SelectedFeature): { name: string; layer: string }
}

const NO_POINTS: readonly AppealPoint[] = []

/** Camera positions closer than this are the same view: the URL rounds them. */
const CAMERA_EPSILON = 1e-4

/**
 * The map: the one component that owns the MapLibre instance. It draws the server's style, turns
 * catalogue toggles into `setLayoutProperty` calls, reports clicks and camera moves, and jumps only
 * when the app (history, city switch) moved the camera.
 */
export function MapView(props: MapViewProps) {
  const { t } = useTranslation()
  const container = useRef<HTMLDivElement>(null)
  const instance = useMapInstance(container, props.style, props.camera)
  const map = instance.status === 'ready' ? instance.map : undefined
  // Event listeners are attached once; they read the latest callbacks through this ref.
  const callbacks = useRef(props)
  callbacks.current = props

  const visibleSet = useMemo(() => new Set(props.visibleLayerIds), [props.visibleLayerIds])
  useEffect(() => {
    if (map) applyLayerVisibility(map, visibleSet)
  }, [map, visibleSet])

  useEffect(() => {
    if (map) syncSourceVersions(map, props.layers)
  }, [map, props.layers])

  const appealsLayerId = props.appeals?.layerId
  // The URL state is parsed afresh on every camera move: compare the filter by value.
  const appealFilterKey = JSON.stringify(props.appeals?.filter ?? null)
  useEffect(() => {
    if (map && appealsLayerId) applyAppealFilter(map, appealsLayerId, callbacks.current.appeals?.filter)
  }, [map, appealsLayerId, appealFilterKey])
  const layerFilterKey = JSON.stringify(props.layerFilters ?? {})
  useEffect(() => {
    if (!map) return
    const filters = JSON.parse(layerFilterKey) as Record<string, ExpressionSpecification | null>
    for (const [layerId, filter] of Object.entries(filters)) applyLayerFilter(map, layerId, filter ?? undefined)
  }, [map, layerFilterKey])
  useAppealDensity(map, props.appeals?.view ?? 'points', props.appeals?.points ?? NO_POINTS)
  useLocationPicker(map, props.locationPicker)
  usePlacePin(map, props.pin)

  // Declared after the visibility effect so that, when the map becomes ready, tests see it only
  // once the visible layers are switched on: waiting for idle then includes their tiles.
  useEffect(() => (map ? installMapTestHook(map) : undefined), [map])

  // Primitive dependencies: the URL state is parsed afresh on every camera move.
  const selectedLayerId = props.selection?.layerId
  const selectedFeatureId = props.selection?.featureId
  const { selectionGeometry, selectionFound } = props
  useEffect(() => {
    if (!map) return
    const selection =
      selectedLayerId === undefined || selectedFeatureId === undefined
        ? undefined
        : { layerId: selectedLayerId, featureId: selectedFeatureId }
    showSelectionHighlight(map, selection, selectionGeometry)
    if (selection && !selectionFound) return watchForFeature(map, selection, (found) => callbacks.current.onSelectionFound(found))
  }, [map, selectedLayerId, selectedFeatureId, selectionGeometry, selectionFound])

  useEffect(() => {
    if (!map) return
    const onMoveEnd = () => {
      const { lng, lat } = map.getCenter()
      callbacks.current.onCameraChange({ zoom: map.getZoom(), lat, lon: lng })
    }
    const onClick = (event: MapMouseEvent) => {
      if (callbacks.current.locationPicker) return // the click places the reported problem
      const picked = pickFeatureAt(map, event.point)
      if (picked?.kind === 'cluster') {
        map.easeTo({ center: picked.center, zoom: Math.min(map.getZoom() + 2, map.getMaxZoom()) })
        return
      }
      callbacks.current.onFeatureClick(picked?.feature)
    }
    const onMouseMove = (event: MapMouseEvent) => {
      if (callbacks.current.locationPicker) return
      map.getCanvas().style.cursor = pickFeatureAt(map, event.point) ? 'pointer' : ''
    }
    const onError = (event: { error: { message: string } }) => {
      console.error('Map error:', event.error)
      callbacks.current.onMapError(event.error.message)
    }
    map.on('moveend', onMoveEnd)
    map.on('click', onClick)
    map.on('mousemove', onMouseMove)
    map.on('error', onError)
    return () => {
      map.off('moveend', onMoveEnd)
      map.off('click', onClick)
      map.off('mousemove', onMouseMove)
      map.off('error', onError)
    }
  }, [map])

  const { camera, cameraOrigin } = props
  useEffect(() => {
    if (!map || cameraOrigin !== 'app') return
    const { lng, lat } = map.getCenter()
    const moved =
      Math.abs(map.getZoom() - camera.zoom) > CAMERA_EPSILON * 100 ||
      Math.abs(lat - camera.lat) > CAMERA_EPSILON ||
      Math.abs(lng - camera.lon) > CAMERA_EPSILON
    if (moved) map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom })
  }, [map, camera.zoom, camera.lat, camera.lon, cameraOrigin])

  return (
    <div className="map-view" role="region" aria-label={t('map.label')}>
      <div ref={container} className="map-view__canvas" />
      {map && props.describeFeature && <FeaturesHere map={map} describe={props.describeFeature} onChoose={(feature) => callbacks.current.onFeatureClick(feature)} />}
      {instance.status === 'failed' && (
        <p className="map-view__failure" role="alert">
          {t('map.noWebGl')}
        </p>
      )}
    </div>
  )
}
