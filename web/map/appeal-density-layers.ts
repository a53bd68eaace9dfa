import { HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers'
import { MapboxOverlay } from '@deck.gl/mapbox'
import type { AppealView } from '../url-state/index.ts'
import type { AppealPoint } from './use-appeal-points.ts'

/**
 * The deck.gl side of the appeals density views. This module is imported dynamically, so
 * deck.gl loads only when a resident first asks for a heatmap or hexagons.
 */

/** Yellow to dark red: more appeals, warmer; readable for the common colour-vision deficiencies. */
const DENSITY_COLOURS: Array<[number, number, number]> = [
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
  [128, 0, 38],
]

/** Side of a hexagon bin, in metres: a few city blocks. */
const HEXAGON_RADIUS_M = 300

/**
 * The deck.gl layers for a view of the appeals: a heatmap, hexagon bins, or none for the
 * MapLibre points view (and for no points).
 */
export function buildLayers(view: AppealView, points: readonly AppealPoint[]) {
  if (view === 'points' || points.length === 0) return []
  if (view === 'heatmap') {
    return [
      new HeatmapLayer<AppealPoint>({
        id: 'appeals-heatmap',
        data: points,
        getPosition: (point) => point,
        radiusPixels: 40,
        colorRange: DENSITY_COLOURS,
        opacity: 0.8,
      }),
    ]
  }
  return [
    new HexagonLayer<AppealPoint>({
      id: 'appeals-hexagons',
      data: points,
      getPosition: (point) => point,
      radius: HEXAGON_RADIUS_M,
      colorRange: DENSITY_COLOURS,
      gpuAggregation: false,
      extruded: false,
      opacity: 0.6,
    }),
  ]
}

/** A deck.gl overlay drawn over the MapLibre map, on its own canvas, following its camera. */
export function createDensityOverlay(): MapboxOverlay {
  return new MapboxOverlay({ interleaved: false, layers: [] })
}
