import type { FilterSpecification, Map as MapLibreMap } from 'maplibre-gl'
import type { GeometryKind } from '../../api/contract/index.ts'
import type { FeatureRef } from '../url-state/index.ts'

/** Ids of the two style layers this app adds on top of the server's style: a halo and a line. */
const HALO_LAYER = 'app-selection-halo'
const MARK_LAYER = 'app-selection'

/** The highlight colours: a dark mark on a white halo stays visible on any fill. */
const MARK_COLOUR = '#111827'
const HALO_COLOUR = '#ffffff'

/**
 * Outlines the selected feature (or rings it, for points) above every other layer, reading the
 * same vector source as its layer. With no selection, or a selection whose layer has no source in
 * this style, the highlight is removed.
 */
export function showSelectionHighlight(
  map: MapLibreMap,
  selection: FeatureRef | undefined,
  geometry: GeometryKind | undefined,
): void {
  removeSelectionHighlight(map)
  if (!selection || !geometry || !map.getSource(selection.layerId)) return
  const target = {
    source: selection.layerId,
    'source-layer': selection.layerId,
    filter: ['==', ['id'], selection.featureId] as FilterSpecification,
  }
  if (geometry === 'point') {
    map.addLayer({
      ...target,
      id: HALO_LAYER,
      type: 'circle',
      paint: { 'circle-radius': 11, 'circle-opacity': 0, 'circle-stroke-width': 5, 'circle-stroke-color': HALO_COLOUR },
    })
    map.addLayer({
      ...target,
      id: MARK_LAYER,
      type: 'circle',
      paint: { 'circle-radius': 11, 'circle-opacity': 0, 'circle-stroke-width': 2.5, 'circle-stroke-color': MARK_COLOUR },
    })
    return
  }
  map.addLayer({ ...target, id: HALO_LAYER, type: 'line', paint: { 'line-color': HALO_COLOUR, 'line-width': 6 } })
  map.addLayer({ ...target, id: MARK_LAYER, type: 'line', paint: { 'line-color': MARK_COLOUR, 'line-width': 2.5 } })
}

function removeSelectionHighlight(map: MapLibreMap): void {
  for (const id of [MARK_LAYER, HALO_LAYER]) {
    if (map.getLayer(id)) map.removeLayer(id)
  }
}
