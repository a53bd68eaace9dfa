import type { GeoJSONFeature, Map as MapLibreMap, PointLike } from 'maplibre-gl'
import type { FeatureRef } from '../url-state/index.ts'
import { catalogueLayerOf, hromadaStyleLayers } from './style-layers.ts'

/** A feature picked on the map: its reference and its public attributes as the tile carries them. */
export interface SelectedFeature extends FeatureRef {
  properties: Record<string, unknown>
}

/** What a click hit: a feature to show, or a cluster of points to zoom into. */
export type PickedFeature =
  | { kind: 'feature'; layerId: string; feature: SelectedFeature }
  | { kind: 'cluster'; layerId: string; center: [number, number] }

/** Half the side of the box searched around a click, in CSS pixels: a fingertip is not a pixel. */
const PICK_TOLERANCE_PX = 4

/**
 * The topmost feature of a visible data layer at `point` (canvas pixels), or undefined when there
 * is none there. Basemap layers are not pickable, so a click inside the city boundary is not a
 * click on the boundary. Features without an id are skipped: a selection is kept by id.
 */
export function pickFeatureAt(map: MapLibreMap, point: { x: number; y: number }): PickedFeature | undefined {
  const dataLayers = hromadaStyleLayers(map)
    .filter(({ role, styleLayerId }) => role === 'data' && map.getLayoutProperty(styleLayerId, 'visibility') !== 'none')
    .map(({ styleLayerId }) => styleLayerId)
  if (dataLayers.length === 0) return undefined
  const box: [PointLike, PointLike] = [
    [point.x - PICK_TOLERANCE_PX, point.y - PICK_TOLERANCE_PX],
    [point.x + PICK_TOLERANCE_PX, point.y + PICK_TOLERANCE_PX],
  ]
  for (const hit of map.queryRenderedFeatures(box, { layers: dataLayers })) {
    const layerId = catalogueLayerOf(hit.layer.metadata)
    if (layerId === undefined) continue
    const properties: Record<string, unknown> = { ...hit.properties }
    if (typeof properties.point_count === 'number' && hit.geometry.type === 'Point') {
      const [lon = 0, lat = 0] = hit.geometry.coordinates
      return { kind: 'cluster', layerId, center: [lon, lat] }
    }
    if (hit.id === undefined) continue
    return { kind: 'feature', layerId, feature: { layerId, featureId: hit.id, properties } }
  }
  return undefined
}

/** Half the side of the box around the map's centre whose features the "features here" list offers, in CSS pixels. */
const HERE_RADIUS_PX = 40

/**
 * The features of the visible data layers drawn around the map's centre, nearest first, each once
 * (a feature cut across tiles comes back in pieces), at most `limit`: what a keyboard or screen
 * reader user picks from instead of clicking. Clusters are left out (they are zoomed into).
 */
export function featuresAtCentre(map: MapLibreMap, limit = 20): SelectedFeature[] {
  const dataLayers = hromadaStyleLayers(map)
    .filter(({ role, styleLayerId }) => role === 'data' && map.getLayoutProperty(styleLayerId, 'visibility') !== 'none')
    .map(({ styleLayerId }) => styleLayerId)
  if (dataLayers.length === 0) return []
  const canvas = map.getCanvas()
  const centre = { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 }
  const box: [PointLike, PointLike] = [
    [centre.x - HERE_RADIUS_PX, centre.y - HERE_RADIUS_PX],
    [centre.x + HERE_RADIUS_PX, centre.y + HERE_RADIUS_PX],
  ]
  const found = new Map<string, SelectedFeature>()
  // queryRenderedFeatures answers topmost first: the order a click would pick them in.
  for (const hit of map.queryRenderedFeatures(box, { layers: dataLayers })) {
    const layerId = catalogueLayerOf(hit.layer.metadata)
    if (layerId === undefined || hit.id === undefined || typeof hit.properties.point_count === 'number') continue
    const key = `${layerId}/${hit.id}`
    if (!found.has(key)) found.set(key, { layerId, featureId: hit.id, properties: { ...hit.properties } })
    if (found.size >= limit) break
  }
  return [...found.values()]
}

/**
 * Looks a feature up by id in the tiles already loaded for its layer (the vector source and its
 * source layer are both named after the layer). Returns undefined while those tiles are not
 * loaded, or when the feature is not in them.
 */
export function findLoadedFeature(map: MapLibreMap, ref: FeatureRef): SelectedFeature | undefined {
  if (!map.getSource(ref.layerId)) return undefined
  const matches: GeoJSONFeature[] = map.querySourceFeatures(ref.layerId, {
    sourceLayer: ref.layerId,
    filter: ['==', ['id'], ref.featureId],
  })
  const match = matches.find((feature) => !('point_count' in feature.properties))
  return match && { layerId: ref.layerId, featureId: ref.featureId, properties: { ...match.properties } }
}

/**
 * Looks for a feature now and after each time the map goes idle (new tiles loaded), until it is
 * found; then calls `onFound` once. Returns a function that stops looking.
 */
export function watchForFeature(
  map: MapLibreMap,
  ref: FeatureRef,
  onFound: (feature: SelectedFeature) => void,
): () => void {
  const lookUp = () => {
    const found = findLoadedFeature(map, ref)
    if (!found) return
    map.off('idle', lookUp)
    onFound(found)
  }
  map.on('idle', lookUp)
  lookUp()
  return () => map.off('idle', lookUp)
}
