import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import type { AppealView } from '../url-state/index.ts'
import type { AppealPoint } from './use-appeal-points.ts'

type DensityModule = typeof import('./appeal-density-layers.ts')
type DensityOverlay = ReturnType<DensityModule['createDensityOverlay']>

/**
 * Draws the appeals as a deck.gl heatmap or hexagon bins over `map` while `view` asks for one.
 * deck.gl is imported the first time it is needed, so the map's first render does not wait
 * for it; the overlay then stays on the map with no layers in the points view.
 */
export function useAppealDensity(map: MapLibreMap | undefined, view: AppealView, points: readonly AppealPoint[]): void {
  const [deck, setDeck] = useState<DensityModule>()
  const overlay = useRef<DensityOverlay | undefined>(undefined)
  const wanted = view !== 'points'

  useEffect(() => {
    if (!wanted || deck) return
    import('./appeal-density-layers.ts').then(setDeck, (error: unknown) => console.error('Could not load the density view:', error))
  }, [wanted, deck])

  useEffect(() => {
    if (!map || !deck) return
    const created = deck.createDensityOverlay()
    map.addControl(created)
    overlay.current = created
    return () => {
      overlay.current = undefined
      map.removeControl(created)
    }
  }, [map, deck])

  useEffect(() => {
    if (deck && overlay.current) overlay.current.setProps({ layers: deck.buildLayers(view, points) })
  }, [deck, view, points, map])
}
