import type { ExpressionSpecification, FilterSpecification, Map as MapLibreMap } from 'maplibre-gl'
import { hromadaStyleLayers } from './style-layers.ts'

/**
 * The features whose time window holds `seconds` (Unix seconds): tile properties `starts` <=
 * `seconds` < `ends`. A feature without a window is left out.
 * @example map.setFilter('kyiv-works-fill', activeAtExpression(Date.now() / 1000))
 */
export function activeAtExpression(seconds: number): ExpressionSpecification {
  return ['all', ['has', 'starts'], ['has', 'ends'], ['<=', ['to-number', ['get', 'starts']], seconds], ['<', seconds, ['to-number', ['get', 'ends']]]]
}

/** Each style layer's filter as the server's style had it, before any extra filter. */
const styleFilters = new WeakMap<MapLibreMap, Map<string, FilterSpecification | undefined>>()

/**
 * Narrows every style layer of the catalogue layer `layerId` with `extra`, on top of the filter
 * each style layer had in the server's style; undefined restores those.
 */
export function applyLayerFilter(map: MapLibreMap, layerId: string, extra: ExpressionSpecification | undefined): void {
  const originals = styleFilters.get(map) ?? new Map<string, FilterSpecification | undefined>()
  styleFilters.set(map, originals)
  for (const { styleLayerId } of hromadaStyleLayers(map).filter((layer) => layer.layerId === layerId)) {
    if (!originals.has(styleLayerId)) originals.set(styleLayerId, map.getFilter(styleLayerId) ?? undefined)
    const original = originals.get(styleLayerId)
    const combined = extra && original ? (['all', original, extra] as FilterSpecification) : (extra ?? original ?? null)
    map.setFilter(styleLayerId, combined)
  }
}
