import type { ExpressionSpecification, FilterSpecification, Map as MapLibreMap } from 'maplibre-gl'
import { isEmptyAppealFilter, type AppealFilter } from '../url-state/index.ts'
import { hromadaStyleLayers } from './style-layers.ts'

const CLUSTER: ExpressionSpecification = ['has', 'point_count']

/**
 * The MapLibre filter of an appeal filter, over the tile properties `status`, `category` and
 * `created` (`YYYY-MM-DD`, which compares correctly as text). Clusters carry only a count, so
 * they cannot be filtered: a filter hides them, and single appeals show from zoom 14.
 * Returns undefined for an empty filter.
 */
export function appealFilterExpression(filter: AppealFilter | undefined): ExpressionSpecification | undefined {
  if (!filter || isEmptyAppealFilter(filter)) return undefined
  const conditions: ExpressionSpecification[] = [['!', CLUSTER]]
  if (filter.statuses?.length) conditions.push(['in', ['get', 'status'], ['literal', filter.statuses]])
  if (filter.categories?.length) conditions.push(['in', ['get', 'category'], ['literal', filter.categories]])
  if (filter.from) conditions.push(['>=', ['to-string', ['get', 'created']], filter.from])
  if (filter.to) conditions.push(['<=', ['to-string', ['get', 'created']], filter.to])
  return ['all', ...conditions]
}

/** Each style layer's filter as the server's style had it, before any appeal filter. */
const styleFilters = new WeakMap<MapLibreMap, Map<string, FilterSpecification | undefined>>()

/**
 * Applies an appeal filter to every style layer of the appeals layer `layerId`, on top of the
 * filter each style layer had in the server's style; an empty filter restores those.
 */
export function applyAppealFilter(map: MapLibreMap, layerId: string, filter: AppealFilter | undefined): void {
  const originals = styleFilters.get(map) ?? new Map<string, FilterSpecification | undefined>()
  styleFilters.set(map, originals)
  const extra = appealFilterExpression(filter)
  for (const { styleLayerId } of hromadaStyleLayers(map).filter((layer) => layer.layerId === layerId)) {
    if (!originals.has(styleLayerId)) originals.set(styleLayerId, map.getFilter(styleLayerId) ?? undefined)
    const original = originals.get(styleLayerId)
    const combined = extra && original ? (['all', original, extra] as FilterSpecification) : (extra ?? original ?? null)
    map.setFilter(styleLayerId, combined)
  }
}
