import { Marker, Popup, type Map as MapLibreMap } from 'maplibre-gl'
import { useEffect } from 'react'
import type { Pin } from '../url-state/index.ts'

/** The pin's colour: the accent blue, told apart from the red pin of a problem being reported. */
const PIN_COLOUR = '#1d4ed8'

/**
 * Marks a place the search found with a pin and, above it, what the place is called; the pin is
 * named for screen readers too. A new place moves the pin; none removes it.
 */
export function usePlacePin(map: MapLibreMap | undefined, pin: Pin | undefined): void {
  const lat = pin?.lat
  const lon = pin?.lon
  const label = pin?.label
  useEffect(() => {
    if (!map || lat === undefined || lon === undefined) return
    const marker = new Marker({ color: PIN_COLOUR }).setLngLat([lon, lat]).addTo(map)
    const element = marker.getElement()
    element.dataset.testid = 'place-pin'
    element.setAttribute('role', 'img')
    element.setAttribute('aria-label', label ?? '')
    const popup = label
      ? new Popup({ closeButton: false, closeOnClick: false, offset: 36, className: 'place-pin__label' }).setLngLat([lon, lat]).setText(label).addTo(map)
      : undefined
    return () => {
      marker.remove()
      popup?.remove()
    }
  }, [map, lat, lon, label])
}
