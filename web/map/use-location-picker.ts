import { Marker, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl'
import { useEffect, useRef } from 'react'

/** What the map needs to let the resident place the problem: the point so far and where to report a new one. */
export interface LocationPicker {
  location: { lon: number; lat: number } | undefined
  /** The pin's accessible name. */
  markerLabel: string
  onPick(lon: number, lat: number): void
}

/** The pin's colour: a dark red that stands out from the basemap and every status colour's halo. */
const PIN_COLOUR = '#b91c1c'

/**
 * While `picker` is set, a click or tap on the map places the problem there, and a draggable
 * pin marks it; dragging the pin moves the point. Without a picker the pin is removed and
 * clicks are the map's again.
 */
export function useLocationPicker(map: MapLibreMap | undefined, picker: LocationPicker | undefined): void {
  const latest = useRef(picker)
  latest.current = picker
  const active = picker !== undefined

  useEffect(() => {
    if (!map || !active) return
    const onClick = (event: MapMouseEvent) => latest.current?.onPick(event.lngLat.lng, event.lngLat.lat)
    const canvas = map.getCanvasContainer()
    map.on('click', onClick)
    canvas.classList.add('map-view--picking')
    return () => {
      map.off('click', onClick)
      canvas.classList.remove('map-view--picking')
    }
  }, [map, active])

  const marker = useRef<Marker | undefined>(undefined)
  const lon = picker?.location?.lon
  const lat = picker?.location?.lat
  useEffect(() => {
    if (!map || lon === undefined || lat === undefined) {
      marker.current?.remove()
      marker.current = undefined
      return
    }
    if (marker.current) {
      marker.current.setLngLat([lon, lat])
      return
    }
    const pin = new Marker({ draggable: true, color: PIN_COLOUR }).setLngLat([lon, lat]).addTo(map)
    pin.getElement().setAttribute('aria-label', latest.current?.markerLabel ?? '')
    pin.getElement().dataset.testid = 'report-pin'
    pin.on('dragend', () => {
      const { lng, lat: pinLat } = pin.getLngLat()
      latest.current?.onPick(lng, pinLat)
    })
    marker.current = pin
  }, [map, lon, lat])

  useEffect(
    () => () => {
      marker.current?.remove()
      marker.current = undefined
    },
    [map],
  )
}
