import { Map as MapLibreMap, NavigationControl, setWorkerUrl, type StyleSpecification } from 'maplibre-gl'
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { Camera } from '../url-state/index.ts'

// MapLibre looks for its worker next to its own module, which bundling moves; point it at the
// copy the build emits instead.
setWorkerUrl(maplibreWorkerUrl)

/** The map once its style has loaded, or why there is none. */
export type MapInstance =
  | { status: 'loading' }
  | { status: 'ready'; map: MapLibreMap }
  | { status: 'failed'; error: Error }

/**
 * Creates the MapLibre map in `container` and removes it on unmount. Labels are drawn from the
 * glyphs the style names (served from our origin), not from the page's fonts. `style` and `camera` are read once, at creation: the component owning the map keys it
 * by city, and later camera changes go through `jumpTo`. Reports `ready` after the style loads.
 */
export function useMapInstance(
  container: RefObject<HTMLDivElement | null>,
  style: StyleSpecification,
  camera: Camera,
): MapInstance {
  const [instance, setInstance] = useState<MapInstance>({ status: 'loading' })
  const { t } = useTranslation()

  useEffect(() => {
    let map: MapLibreMap | undefined
    let cancelled = false
    if (!container.current) return
    try {
      map = new MapLibreMap({
        container: container.current,
        style,
        center: [camera.lon, camera.lat],
        zoom: camera.zoom,
        // Every visible source's attribution, written out: ODbL layers must show theirs.
        attributionControl: { compact: false },
        // MapLibre's own words (the canvas's name, the controls' titles) in the interface's language.
        locale: {
          'Map.Title': t('map.controls.canvas'),
          'NavigationControl.ZoomIn': t('map.controls.zoomIn'),
          'NavigationControl.ZoomOut': t('map.controls.zoomOut'),
          'NavigationControl.ResetBearing': t('map.controls.resetBearing'),
          'AttributionControl.ToggleAttribution': t('map.controls.attribution'),
          'Marker.Title': t('map.controls.marker'),
          'Popup.Close': t('map.controls.closePopup'),
          'GeolocateControl.FindMyLocation': t('map.controls.locate'),
          'GeolocateControl.LocationNotAvailable': t('map.controls.locationUnavailable'),
        },
      })
    } catch (error) {
      setInstance({ status: 'failed', error: error instanceof Error ? error : new Error(String(error)) })
      return
    }
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    const loadedMap = map
    loadedMap.once('load', () => {
      // The page's first map render and first complete view, for the browser's performance
      // timeline (read by the page-weight benchmark and by any real-user monitoring).
      performance.mark('map:first-render')
      loadedMap.once('idle', () => performance.mark('map:idle'))
      if (!cancelled) setInstance({ status: 'ready', map: loadedMap })
    })
    return () => {
      cancelled = true
      map?.remove()
      setInstance({ status: 'loading' })
    }
    // Created once per mount on purpose: see the doc comment.
  }, [])

  return instance
}
