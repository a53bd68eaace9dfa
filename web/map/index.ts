/** The map: MapLibre with the city's style, appeal points and density views, picking and highlighting features. */
export { MapView } from './MapView.tsx'
export type { SelectedFeature } from './feature-picking.ts'
export { activeAtExpression, applyLayerFilter } from './layer-filter.ts'
export { applyLayerVisibility } from './layer-visibility.ts'
export { useAppealDensity } from './use-appeal-density.ts'
export { useAppealPoints } from './use-appeal-points.ts'
export { useMapInstance } from './use-map-instance.ts'
export { installMapTestHook } from './map-test-hook.ts'
