import type { Map as MapLibreMap } from 'maplibre-gl'
import { hromadaStyleLayers } from './style-layers.ts'

/**
 * Shows the data layers whose catalogue id is in `visibleLayerIds` and hides the other data
 * layers, through `setLayoutProperty` on every style layer of each catalogue layer (fill,
 * outline, label). Basemap layers are left as the style draws them. Only changed layers are
 * touched, so calling it again with the same set costs nothing.
 */
export function applyLayerVisibility(map: MapLibreMap, visibleLayerIds: ReadonlySet<string>): void {
  for (const { styleLayerId, layerId, role } of hromadaStyleLayers(map)) {
    if (role !== 'data') continue
    const visibility = visibleLayerIds.has(layerId) ? 'visible' : 'none'
    if (map.getLayoutProperty(styleLayerId, 'visibility') !== visibility) {
      map.setLayoutProperty(styleLayerId, 'visibility', visibility)
    }
  }
}
